// open(2) flags as wasi-libc's <fcntl.h> numbers them: the values C programs
// pass through the extension ABI (spawn file actions, openat2-like calls).
// Low bits are WASI fdflags, bits 12.. WASI oflags, high bits the access mode.
export const O_APPEND = 0x0001;
export const O_DSYNC = 0x0002;
export const O_NONBLOCK = 0x0004;
export const O_RSYNC = 0x0008;
export const O_SYNC = 0x0010;
export const O_CREAT = 0x0001 << 12;
export const O_DIRECTORY = 0x0002 << 12;
export const O_EXCL = 0x0004 << 12;
export const O_TRUNC = 0x0008 << 12;
export const O_NOFOLLOW = 0x01000000;
export const O_EXEC = 0x02000000;
export const O_RDONLY = 0x04000000;
export const O_SEARCH = 0x08000000;
export const O_WRONLY = 0x10000000;
export const O_RDWR = O_RDONLY | O_WRONLY;
/** Not in wasi-libc (its O_CLOEXEC is 0): the extension's own bit for close-on-exec. */
export const O_CLOEXEC = 0x40000000;

/** The WASI fdflags part of open flags. */
export const FDFLAGS_MASK = 0x001f;
