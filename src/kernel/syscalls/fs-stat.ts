// The extension's stat: Linux's fstatat(2) with the fields WASI's filestat
// lacks (mode with permission bits, owners, rdev, blksize, blocks). One call
// serves stat, lstat, fstat and fstatat on the C side (wasm/lib/bocal-stat.c).
//
// Output layout (STAT_SIZE bytes, little-endian, every field 8 bytes wide so
// the C side needs no packing rules):
//   0 dev   8 ino   16 mode   24 nlink   32 uid   40 gid   48 rdev   56 size
//   64 blksize   72 blocks   80 atime s   88 atime ns   96 mtime s
//   104 mtime ns   112 ctime s   120 ctime ns
// Owners are as the caller's user namespace maps them (65534 unmapped).
// dev and rdev use Linux's encoding (makedev: major in bits 8..19 and
// 32..63, minor in bits 0..7 and 20..31).
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { DirectoryFile } from '../fs/directory-file.ts';
import { lookup } from '../fs/path-walk.ts';
import type { Stat } from '../fs/stat.ts';
import { statSeenBy } from '../ns/id-view.ts';
import type { Call, SyscallEntry } from './call.ts';
import { AT_FDCWD, directoryOf, startOf, vfsContext } from './fs-context.ts';

export const STAT_SIZE = 128;
const NS_PER_S = 1_000_000_000n;

/** Encodes a Stat in the layout above. */
export function encodeStat(stat: Stat): Uint8Array {
  const bytes = new Uint8Array(STAT_SIZE);
  const view = new DataView(bytes.buffer);
  const fields = [stat.dev, stat.ino, stat.mode, stat.nlink, stat.uid, stat.gid, stat.rdev];
  fields.push(stat.size, stat.blksize, stat.blocks);
  fields.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  [stat.atime, stat.mtime, stat.ctime].forEach((time, i) => {
    view.setBigInt64(80 + i * 16, time / NS_PER_S, true);
    view.setBigInt64(88 + i * 16, time % NS_PER_S, true);
  });
  return bytes;
}

/** fstat(2): what the fd refers to (the cwd for AT_FDCWD, as AT_EMPTY_PATH does). */
function statOfFd(call: Call): Stat {
  const dirfd = call.arg(0) | 0;
  if (dirfd === AT_FDCWD) return call.process.cwd.inode.stat();
  const file = call.process.fds.get(dirfd);
  if (file instanceof DirectoryFile) return directoryOf(call.process, file).inode.stat();
  return file.stat();
}

/**
 * Implements fstatat(2). args: dirfd, follow (1/0), empty-path (1/0, as
 * AT_EMPTY_PATH); input: path. An empty path without empty-path is ENOENT
 * as on Linux; a path holding NUL is EINVAL (a C string cannot).
 */
export function statAt(call: Call): void {
  if (call.input.includes(0)) fail(Errno.EINVAL);
  if (call.input.length === 0) {
    if (call.arg(2) === 0) fail(Errno.ENOENT);
    call.output(encodeStat(statSeenBy(call.process, statOfFd(call))));
    return;
  }
  const context = vfsContext(call.process);
  const dentry = lookup(context, startOf(call, 0), call.string(), call.arg(1) !== 0);
  call.output(encodeStat(statSeenBy(call.process, dentry.inode.stat())));
}

export const fsStatSyscalls: SyscallEntry[] = [
  {
    number: Sys.STAT,
    name: 'stat',
    handler: statAt,
    support: 'full',
    note: 'fstatat with Linux st_mode, owners and device numbers; AT_EMPTY_PATH stats the fd (fstat).',
  },
];
