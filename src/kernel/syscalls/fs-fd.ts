// The fd_* syscalls of WASI preview 1: operations on an open file
// description. Each decodes its arguments, checks, and hands off to the
// description (fs/open-file.ts and its kinds).
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import {
  Advice,
  FDFLAGS_APPEND,
  FDFLAGS_NONBLOCK,
  PREOPENTYPE_DIR,
  RIGHTS_ALL,
  RIGHTS_FD_READ,
  RIGHTS_FD_WRITE,
  RIGHTS_FD_READDIR,
  Whence,
} from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { DirectoryFile } from '../fs/directory-file.ts';
import { encodeDirents } from '../fs/dirent.ts';
import type { OpenFile } from '../fs/open-file.ts';
import { PipeEnd } from '../fs/pipe/pipe-end.ts';
import { PreopenDirectory } from '../fs/preopen.ts';
import { RegularFile } from '../fs/regular-file.ts';
import { readWindowOf } from '../fs/tmpfs/read-window.ts';
import { encodeFilestat } from '../fs/stat.ts';
import { setTimes } from '../fs/vfs/attributes.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { Call, SyscallEntry } from './call.ts';
import { after, blockingWait, directoryOf, timeChanges, vfsContext } from './fs-context.ts';

function file(call: Call): OpenFile {
  return call.process.fds.get(call.arg(0));
}

function offsetArg(call: Call, i: number): number {
  const value = BigInt.asIntN(64, call.bigArg(i));
  if (value < 0n) fail(Errno.EINVAL);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(Errno.EFBIG);
  return Number(value);
}

/** Implements posix_fadvise(2): advice is accepted and ignored (everything is in memory). */
function fdAdvise(call: Call): void {
  const target = file(call);
  if (target instanceof PipeEnd) fail(Errno.ESPIPE);
  if (call.arg(3) > Advice.NOREUSE) fail(Errno.EINVAL);
  offsetArg(call, 1);
  offsetArg(call, 2);
}

/** Implements posix_fallocate(2): grows the file to offset + len if shorter. */
function fdAllocate(call: Call): void {
  const target = file(call);
  const end = offsetArg(call, 1) + offsetArg(call, 2);
  if (target instanceof PipeEnd) fail(Errno.ESPIPE);
  if (!(target instanceof RegularFile)) fail(Errno.ENODEV);
  if (!target.writable) fail(Errno.EBADF);
  if (call.arg(2) === 0) fail(Errno.EINVAL);
  if (target.inode.size < end) target.truncate(end);
}

function fdClose(call: Call): void {
  call.process.fds.close(call.arg(0));
}

function fdSync(call: Call): void | Promise<void> {
  return file(call).sync();
}

/** results: filetype, fdflags, rights_base, rights_inheriting (every right: we check Unix modes). */
function fdFdstatGet(call: Call): number {
  const target = file(call);
  call.results[1] = BigInt(target.flags);
  // Every right but reading or writing where the description was not opened
  // for it, so the access mode reads back through fcntl(F_GETFL).
  let base = RIGHTS_ALL & ~target.droppedRights;
  if (!target.readable) base &= ~(RIGHTS_FD_READ | RIGHTS_FD_READDIR);
  if (!target.writable) base &= ~RIGHTS_FD_WRITE;
  call.results[2] = base;
  call.results[3] = RIGHTS_ALL;
  return target.filetype;
}

/** Implements F_SETFL: like Linux, only APPEND and NONBLOCK change; the sync flags are ignored. */
function fdFdstatSetFlags(call: Call): void {
  const target = file(call);
  const changeable = FDFLAGS_APPEND | FDFLAGS_NONBLOCK;
  target.flags = (target.flags & ~changeable) | (call.arg(1) & changeable);
}

/** Rights are not enforced (Unix permissions are), so narrowing them is accepted and has no effect. */
/**
 * Implements fd_fdstat_set_rights: rights can only shrink (ENOTCAPABLE when
 * asked to grow), and dropping FD_READ or FD_WRITE ends reading or writing
 * through this description, for every fd that shares it.
 */
function fdFdstatSetRights(call: Call): void {
  const target = file(call);
  const wanted = BigInt.asUintN(64, call.bigArg(1));
  if ((wanted & target.droppedRights) !== 0n) fail(Errno.ENOTCAPABLE);
  target.droppedRights |= RIGHTS_ALL & ~wanted;
  if ((wanted & RIGHTS_FD_READ) === 0n) target.readable = false;
  if ((wanted & RIGHTS_FD_WRITE) === 0n) target.writable = false;
}

function fdFilestatGet(call: Call): void {
  const target = file(call);
  const stat =
    target instanceof DirectoryFile
      ? directoryOf(call.process, target).inode.stat()
      : target.stat();
  call.output(encodeFilestat(stat));
}

function fdFilestatSetSize(call: Call): void {
  file(call).truncate(offsetArg(call, 1));
}

/** Implements futimens(2) on files that have an inode (regular files, directories, pipes). */
function fdFilestatSetTimes(call: Call): void {
  const target = file(call);
  const [atime, mtime] = timeChanges(call, 1, 2, 3);
  const context = vfsContext(call.process);
  if (target instanceof DirectoryFile) {
    const dentry = directoryOf(call.process, target);
    setTimes(context, dentry.inode, atime, mtime, dentry.mount);
  } else if (target instanceof RegularFile) {
    setTimes(context, target.inode, atime, mtime, target.dentry.mount);
  } else if (target instanceof PipeEnd) {
    setTimes(context, target.inode, atime, mtime);
  } else {
    fail(Errno.EBADF);
  }
}

function fdPread(call: Call): void | Promise<void> {
  return after(file(call).pread(call.arg(1), offsetArg(call, 2)), (data) => call.output(data));
}

function preopen(call: Call): PreopenDirectory {
  const target = file(call);
  return target instanceof PreopenDirectory ? target : fail(Errno.EBADF);
}

/** results: preopentype, name length. EBADF for any fd that is not a preopen. */
function fdPrestatGet(call: Call): number {
  call.results[1] = BigInt(encodeUtf8(preopen(call).name).length);
  return PREOPENTYPE_DIR;
}

function fdPrestatDirName(call: Call): void {
  call.output(encodeUtf8(preopen(call).name));
}

function fdPwrite(call: Call): number | Promise<number> {
  return file(call).pwrite(call.input, offsetArg(call, 1));
}

function fdRead(call: Call): void | Promise<void> {
  const description = file(call);
  const read = description.read(call.arg(1), blockingWait(call.process));
  if (read instanceof Promise) return after(read, (data) => call.output(data));
  call.output(read);
  // A program reading a tmpfs file reads on through its read window (tmpfs/read-window.ts).
  if (read.length > 0 && description instanceof RegularFile) {
    readWindowOf(call.process)?.lend(call.arg(0), description, read.length);
  }
}

/** Lists from `cookie`, `.` and `..` included, cut at the buffer length as WASI specifies. */
function fdReaddir(call: Call): void {
  const target = file(call);
  if (!(target instanceof DirectoryFile)) fail(Errno.ENOTDIR);
  const listing = new DirectoryFile(directoryOf(call.process, target));
  const entries = listing.readdir(call.bigArg(1), vfsContext(call.process));
  // buf_len is a u32 in WASI: a "negative" argument is a large length, not a RangeError.
  call.output(encodeDirents(entries, call.arg(2) >>> 0));
}

function fdRenumber(call: Call): void {
  call.process.fds.renumber(call.arg(0), call.arg(1));
}

function fdSeek(call: Call): number {
  const whence = call.arg(2);
  if (whence !== Whence.SET && whence !== Whence.CUR && whence !== Whence.END) fail(Errno.EINVAL);
  return file(call).seek(Number(BigInt.asIntN(64, call.bigArg(1))), whence);
}

function fdTell(call: Call): number {
  return file(call).seek(0, Whence.CUR);
}

/** A write to a pipe with no reader fails with EPIPE; the dispatcher then raises SIGPIPE. */
function fdWrite(call: Call): number | Promise<number> {
  return file(call).write(call.input, blockingWait(call.process));
}

export const fdSyscalls: SyscallEntry[] = [
  {
    number: Sys.FD_ADVISE,
    name: 'fd_advise',
    handler: fdAdvise,
    support: 'full',
    note: 'Advice is ignored: files are in memory.',
  },
  { number: Sys.FD_ALLOCATE, name: 'fd_allocate', handler: fdAllocate, support: 'full' },
  { number: Sys.FD_CLOSE, name: 'fd_close', handler: fdClose, support: 'full' },
  { number: Sys.FD_DATASYNC, name: 'fd_datasync', handler: fdSync, support: 'full' },
  {
    number: Sys.FD_FDSTAT_GET,
    name: 'fd_fdstat_get',
    handler: fdFdstatGet,
    support: 'full',
    note: 'Rights report only the access mode (read, write); access is checked with Unix permissions.',
  },
  {
    number: Sys.FD_FDSTAT_SET_FLAGS,
    name: 'fd_fdstat_set_flags',
    handler: fdFdstatSetFlags,
    support: 'full',
    note: 'Only APPEND and NONBLOCK change, as with fcntl(F_SETFL).',
  },
  {
    number: Sys.FD_FDSTAT_SET_RIGHTS,
    name: 'fd_fdstat_set_rights',
    handler: fdFdstatSetRights,
    support: 'full',
    note: 'Rights only shrink; only FD_READ and FD_WRITE change what the fd can do.',
  },
  { number: Sys.FD_FILESTAT_GET, name: 'fd_filestat_get', handler: fdFilestatGet, support: 'full' },
  {
    number: Sys.FD_FILESTAT_SET_SIZE,
    name: 'fd_filestat_set_size',
    handler: fdFilestatSetSize,
    support: 'full',
  },
  {
    number: Sys.FD_FILESTAT_SET_TIMES,
    name: 'fd_filestat_set_times',
    handler: fdFilestatSetTimes,
    support: 'full',
  },
  { number: Sys.FD_PREAD, name: 'fd_pread', handler: fdPread, support: 'full' },
  {
    number: Sys.FD_PRESTAT_GET,
    name: 'fd_prestat_get',
    handler: fdPrestatGet,
    support: 'full',
    note: 'One preopen, "/", at fd 3; it resolves from the caller\'s current root.',
  },
  {
    number: Sys.FD_PRESTAT_DIR_NAME,
    name: 'fd_prestat_dir_name',
    handler: fdPrestatDirName,
    support: 'full',
  },
  { number: Sys.FD_PWRITE, name: 'fd_pwrite', handler: fdPwrite, support: 'full' },
  { number: Sys.FD_READ, name: 'fd_read', handler: fdRead, support: 'full' },
  { number: Sys.FD_READDIR, name: 'fd_readdir', handler: fdReaddir, support: 'full' },
  { number: Sys.FD_RENUMBER, name: 'fd_renumber', handler: fdRenumber, support: 'full' },
  { number: Sys.FD_SEEK, name: 'fd_seek', handler: fdSeek, support: 'full' },
  { number: Sys.FD_SYNC, name: 'fd_sync', handler: fdSync, support: 'full' },
  { number: Sys.FD_TELL, name: 'fd_tell', handler: fdTell, support: 'full' },
  {
    number: Sys.FD_WRITE,
    name: 'fd_write',
    handler: fdWrite,
    support: 'full',
    note: 'EPIPE on a pipe with no reader; the dispatcher raises SIGPIPE.',
  },
];
