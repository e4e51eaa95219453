// Host errors to kernel errors: node:fs throws an Error whose `code` is the
// Linux errno name (ENOENT, EACCES, ...); the kernel's errno is the WASI
// number of the same name. `host(fn)` runs one node:fs call and rethrows
// its failure as a KernelError, so deep hostfs code reads like tmpfs code.
import { Errno } from '../../../kernel/abi/errno.ts';
import { KernelError } from '../../../kernel/errors.ts';

const errnoByName: Record<string, Errno> = {
  E2BIG: Errno.E2BIG,
  EACCES: Errno.EACCES,
  EADDRINUSE: Errno.EADDRINUSE,
  EADDRNOTAVAIL: Errno.EADDRNOTAVAIL,
  EAFNOSUPPORT: Errno.EAFNOSUPPORT,
  EAGAIN: Errno.EAGAIN,
  EALREADY: Errno.EALREADY,
  EBADF: Errno.EBADF,
  EBADMSG: Errno.EBADMSG,
  EBUSY: Errno.EBUSY,
  ECANCELED: Errno.ECANCELED,
  ECHILD: Errno.ECHILD,
  ECONNABORTED: Errno.ECONNABORTED,
  ECONNREFUSED: Errno.ECONNREFUSED,
  ECONNRESET: Errno.ECONNRESET,
  EDEADLK: Errno.EDEADLK,
  EDESTADDRREQ: Errno.EDESTADDRREQ,
  EDOM: Errno.EDOM,
  EDQUOT: Errno.EDQUOT,
  EEXIST: Errno.EEXIST,
  EFAULT: Errno.EFAULT,
  EFBIG: Errno.EFBIG,
  EHOSTUNREACH: Errno.EHOSTUNREACH,
  EIDRM: Errno.EIDRM,
  EILSEQ: Errno.EILSEQ,
  EINPROGRESS: Errno.EINPROGRESS,
  EINTR: Errno.EINTR,
  EINVAL: Errno.EINVAL,
  EIO: Errno.EIO,
  EISCONN: Errno.EISCONN,
  EISDIR: Errno.EISDIR,
  ELOOP: Errno.ELOOP,
  EMFILE: Errno.EMFILE,
  EMLINK: Errno.EMLINK,
  EMSGSIZE: Errno.EMSGSIZE,
  EMULTIHOP: Errno.EMULTIHOP,
  ENAMETOOLONG: Errno.ENAMETOOLONG,
  ENETDOWN: Errno.ENETDOWN,
  ENETRESET: Errno.ENETRESET,
  ENETUNREACH: Errno.ENETUNREACH,
  ENFILE: Errno.ENFILE,
  ENOBUFS: Errno.ENOBUFS,
  ENODEV: Errno.ENODEV,
  ENOENT: Errno.ENOENT,
  ENOEXEC: Errno.ENOEXEC,
  ENOLCK: Errno.ENOLCK,
  ENOLINK: Errno.ENOLINK,
  ENOMEM: Errno.ENOMEM,
  ENOMSG: Errno.ENOMSG,
  ENOPROTOOPT: Errno.ENOPROTOOPT,
  ENOSPC: Errno.ENOSPC,
  ENOSYS: Errno.ENOSYS,
  ENOTCONN: Errno.ENOTCONN,
  ENOTDIR: Errno.ENOTDIR,
  ENOTEMPTY: Errno.ENOTEMPTY,
  ENOTRECOVERABLE: Errno.ENOTRECOVERABLE,
  ENOTSOCK: Errno.ENOTSOCK,
  ENOTSUP: Errno.ENOTSUP,
  ENOTTY: Errno.ENOTTY,
  ENXIO: Errno.ENXIO,
  EOVERFLOW: Errno.EOVERFLOW,
  EOWNERDEAD: Errno.EOWNERDEAD,
  EPERM: Errno.EPERM,
  EPIPE: Errno.EPIPE,
  EPROTO: Errno.EPROTO,
  EPROTONOSUPPORT: Errno.EPROTONOSUPPORT,
  EPROTOTYPE: Errno.EPROTOTYPE,
  ERANGE: Errno.ERANGE,
  EROFS: Errno.EROFS,
  ESPIPE: Errno.ESPIPE,
  ESRCH: Errno.ESRCH,
  ESTALE: Errno.ESTALE,
  ETIMEDOUT: Errno.ETIMEDOUT,
  ETXTBSY: Errno.ETXTBSY,
  EXDEV: Errno.EXDEV,
  ENOTCAPABLE: Errno.ENOTCAPABLE,
  // Linux names that WASI folds into another number.
  EWOULDBLOCK: Errno.EAGAIN,
  EOPNOTSUPP: Errno.ENOTSUP,
  EDEADLOCK: Errno.EDEADLK,
  // node:fs refuses a path with a NUL byte before asking the host.
  ERR_INVALID_ARG_VALUE: Errno.EINVAL,
};

/** The kernel errno for a node:fs error's code; EIO when the host's error has no WASI name. */
export function errnoOfHostError(error: unknown): Errno {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (errnoByName[code] ?? Errno.EIO) : Errno.EIO;
}

/** Runs a node:fs call; a host failure becomes a KernelError with the same errno name. */
export function host<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof KernelError) throw error;
    throw new KernelError(errnoOfHostError(error), (error as Error).message);
  }
}

/** Like `host`, but a host ENOENT gives undefined (a name that is not there). */
export function hostIfExists<T>(call: () => T): T | undefined {
  try {
    return host(call);
  } catch (error) {
    if (error instanceof KernelError && error.errno === Errno.ENOENT) return undefined;
    throw error;
  }
}

/** The name of a kernel errno (ENOENT, ...), for messages to a user. */
export function errnoName(errno: Errno): string {
  const entry = Object.entries(errnoByName).find(([, value]) => value === errno);
  return entry ? entry[0] : `errno ${errno}`;
}
