// A tmpfs special node made by mknod(2): a fifo (opens to pipe ends), a
// character or block device (opens the registered driver), or a socket
// (which cannot be opened: ENXIO, as on Linux).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { Inode, type NewNode, type OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { Fifo } from '../pipe/fifo.ts';
import { S_IFBLK, S_IFCHR, S_IFIFO } from '../stat.ts';
import type { Tmpfs } from './tmpfs.ts';

export class TmpfsSpecial extends Inode {
  private readonly fifo: Fifo | undefined;

  constructor(
    private readonly tmpfs: Tmpfs,
    node: NewNode,
  ) {
    super(tmpfs, node.mode, node.uid, node.gid, node.rdev ?? 0);
    this.fifo = this.type === S_IFIFO ? new Fifo(this) : undefined;
  }

  override open(request: OpenRequest): OpenFile | Promise<OpenFile> {
    if (this.fifo) return this.fifo.open(request);
    if (this.type === S_IFCHR || this.type === S_IFBLK) {
      const devices = this.tmpfs.devices ?? fail(Errno.ENXIO);
      return devices.open(this.rdev, request);
    }
    return fail(Errno.ENXIO);
  }
}
