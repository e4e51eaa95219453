// A hostfs symbolic link: its target as the host stores it, read with
// readlink and never resolved by the host (the kernel's path walk follows
// it inside the guest's view).
import { readlinkSync } from 'node:fs';
import { host } from './host-errors.ts';
import { HostInode } from './host-inode.ts';

export class HostSymlink extends HostInode {
  override readlink(): string {
    return host(() => readlinkSync(this.hostPath()));
  }
}
