// A host fifo, socket or device node seen through hostfs: listed and
// stat'ed, but opening it is ENXIO. Opening a host fifo would block Node's
// only thread, and a host device is not the guest's to use.
import { Errno } from '../../../kernel/abi/errno.ts';
import { fail } from '../../../kernel/errors.ts';
import type { OpenFile } from '../../../kernel/fs/open-file.ts';
import { HostInode } from './host-inode.ts';

export class HostSpecial extends HostInode {
  override open(): OpenFile {
    return fail(Errno.ENXIO);
  }
}
