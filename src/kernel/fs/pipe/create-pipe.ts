// pipe(2): an anonymous pipe, its two ends, and the pipefs inode fstat shows.
import { FileSystem } from '../filesystem.ts';
import { Inode } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { S_IFIFO } from '../stat.ts';
import { Pipe } from './pipe.ts';
import { PipeEnd } from './pipe-end.ts';

/** The one pipefs of the kernel: it only numbers pipe inodes (never mounted). */
const pipefs = new FileSystem('pipefs');

/**
 * Implements the core of pipe2(2): returns [read end, write end]. `flags` are
 * WASI fdflags for both ends (NONBLOCK). The caller installs them in the fd
 * table (with close-on-exec if asked).
 */
export function createPipe(flags = 0): [OpenFile, OpenFile] {
  const pipe = new Pipe();
  const inode = new Inode(pipefs, S_IFIFO | 0o600);
  return [
    new PipeEnd(pipe, inode, true, false, flags),
    new PipeEnd(pipe, inode, false, true, flags),
  ];
}
