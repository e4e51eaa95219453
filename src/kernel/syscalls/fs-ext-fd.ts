// The fd calls of the extension (bocal_v1) that WASI lacks: pipe2(2), dup(2)
// and F_DUPFD, dup2/dup3, the close-on-exec flag (F_GETFD/F_SETFD), and the
// name of a description (what /proc/self/fd/N shows).
import { Errno } from '../abi/errno.ts';
import { O_CLOEXEC, O_NONBLOCK } from '../abi/open-flags.ts';
import { FDFLAGS_NONBLOCK } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { createPipe } from '../fs/pipe/create-pipe.ts';
import { describeOpenFile } from '../fs/procfs/describe.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { Call } from './call.ts';

/** Linux's FD_CLOEXEC, the only fd flag. */
export const FD_CLOEXEC = 1;

/** Implements pipe2(2): results[0] the read end, results[1] the write end. EINVAL for unknown flags. */
export function pipe2(call: Call): number {
  const flags = call.arg(0);
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) fail(Errno.EINVAL);
  const fds = call.process.fds;
  const owner = { uid: call.process.credentials.euid, gid: call.process.credentials.egid };
  const [reader, writer] = createPipe(flags & O_NONBLOCK ? FDFLAGS_NONBLOCK : 0, owner);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const readFd = fds.add(reader, cloexec);
  try {
    call.results[1] = BigInt(fds.add(writer, cloexec));
  } catch (error) {
    fds.close(readFd);
    throw error;
  }
  return readFd;
}

/**
 * Implements dup(2) and fcntl(F_DUPFD[_CLOEXEC]): the lowest free fd ≥ the
 * minimum. A minimum outside 0..RLIMIT_NOFILE-1 is EINVAL, no free fd EMFILE.
 */
export function dup(call: Call): number {
  const fds = call.process.fds;
  const file = fds.get(call.arg(0));
  const minimum = Number(BigInt.asIntN(32, call.bigArg(1)));
  if (minimum < 0 || minimum >= fds.limit) fail(Errno.EINVAL);
  return fds.add(file, call.arg(2) !== 0, minimum);
}

/**
 * Implements dup2(2)/dup3(2): `newfd` becomes a copy of `fd`, closing what it
 * held. dup2 with fd == newfd only checks fd (dup3's EINVAL is the C side's).
 * A newfd outside the fd limit is EBADF.
 */
export function dup3(call: Call): number {
  const fds = call.process.fds;
  const fd = call.arg(0);
  const file = fds.get(fd);
  const newFd = Number(BigInt.asIntN(32, call.bigArg(1)));
  if (newFd < 0 || newFd >= fds.limit) fail(Errno.EBADF);
  if (newFd === fd) return fd;
  fds.set(newFd, file, call.arg(2) !== 0);
  return newFd;
}

/** Implements fcntl(F_GETFD). */
export function getCloexec(call: Call): number {
  return call.process.fds.entry(call.arg(0)).closeOnExec ? FD_CLOEXEC : 0;
}

/** Implements fcntl(F_SETFD): only FD_CLOEXEC means anything, as on Linux. */
export function setCloexec(call: Call): void {
  call.process.fds.entry(call.arg(0)).closeOnExec = (call.arg(1) & FD_CLOEXEC) !== 0;
}

/** The text readlink(/proc/self/fd/N) gives: a path from the caller's root, `pipe:[ino]`, ... */
export function fdPath(call: Call): void {
  const file = call.process.fds.get(call.arg(0));
  call.output(encodeUtf8(describeOpenFile(file, call.process.root)));
}
