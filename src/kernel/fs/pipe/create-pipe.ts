// pipe(2): an anonymous pipe, its two ends, and the pipefs inode fstat shows
// and /proc/<pid>/fd/N reopens.
import { FileSystem } from '../filesystem.ts';
import { Inode, type OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { S_IFIFO } from '../stat.ts';
import { Pipe } from './pipe.ts';
import { PipeEnd } from './pipe-end.ts';

/** The one pipefs of the kernel: it only numbers pipe inodes (never mounted). */
const pipefs = new FileSystem('pipefs');

/**
 * The inode of an anonymous pipe, owned by its creator as Linux's pipefs
 * inodes are. Opening it (through the magic link /proc/<pid>/fd/N) makes a
 * new end on the same pipe, as Linux does. Where we differ: Linux opens it
 * like a fifo (a read-only open waits for a writer); here it opens at once.
 */
export class PipeInode extends Inode {
  constructor(
    readonly pipe: Pipe,
    uid = 0,
    gid = 0,
  ) {
    super(pipefs, S_IFIFO | 0o600, uid, gid);
  }

  override open(request: OpenRequest): OpenFile {
    return new PipeEnd(this.pipe, this, request.readable, request.writable, request.flags);
  }
}

/**
 * Implements the core of pipe2(2): returns [read end, write end]. `flags` are
 * WASI fdflags for both ends (NONBLOCK). The caller installs them in the fd
 * table (with close-on-exec if asked). `owner` owns the pipe's inode.
 */
export function createPipe(flags = 0, owner = { uid: 0, gid: 0 }): [OpenFile, OpenFile] {
  const pipe = new Pipe();
  const inode = new PipeInode(pipe, owner.uid, owner.gid);
  return [
    new PipeEnd(pipe, inode, true, false, flags),
    new PipeEnd(pipe, inode, false, true, flags),
  ];
}
