// The path_* syscalls of WASI preview 1, as Linux's *at(2) calls: each path
// resolves from its dirfd's directory (the caller's root for the preopen,
// absolute paths from the caller's root), with Unix permissions checked
// against the caller's credentials. Rights are ignored.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import {
  LOOKUPFLAGS_SYMLINK_FOLLOW,
  OFLAGS_CREAT,
  OFLAGS_DIRECTORY,
  OFLAGS_EXCL,
  OFLAGS_TRUNC,
} from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { lookup } from '../fs/path-walk.ts';
import { encodeFilestat } from '../fs/stat.ts';
import { readlink, setTimes, stat } from '../fs/vfs/attributes.ts';
import { link, mkdir, symlink } from '../fs/vfs/create.ts';
import { open } from '../fs/vfs/open.ts';
import { rmdir, unlink } from '../fs/vfs/remove.ts';
import { rename } from '../fs/vfs/rename.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { Call, SyscallEntry } from './call.ts';
import { after, blockingWait, startOf, timeChanges, twoPaths, vfsContext } from './fs-context.ts';

/** witx `rights`: fd_read is bit 1, fd_write bit 6, fd_readdir bit 14. */
const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const RIGHT_FD_READDIR = 1n << 14n;

function follows(call: Call, argument: number): boolean {
  return (call.arg(argument) & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0;
}

function pathCreateDirectory(call: Call): void {
  mkdir(vfsContext(call.process), startOf(call, 0), call.string(), 0o777);
}

function pathFilestatGet(call: Call): void {
  const attributes = stat(
    vfsContext(call.process),
    startOf(call, 0),
    call.string(),
    follows(call, 1),
  );
  call.output(encodeFilestat(attributes));
}

function pathFilestatSetTimes(call: Call): void {
  const context = vfsContext(call.process);
  const dentry = lookup(context, startOf(call, 0), call.string(), follows(call, 1));
  const [atime, mtime] = timeChanges(call, 2, 3, 4);
  setTimes(context, dentry.inode, atime, mtime, dentry.mount);
}

function pathLink(call: Call): void {
  const [oldPath, newPath] = twoPaths(call);
  const context = vfsContext(call.process);
  link(context, startOf(call, 0), oldPath, follows(call, 1), startOf(call, 2), newPath);
}

/**
 * Implements openat(2) from WASI's oflags and fdflags. Readable if the
 * fd_read (or fd_readdir) right is asked, writable if fd_write is; new files
 * get 0666 less the umask. Without SYMLINK_FOLLOW a final symlink is ELOOP,
 * as with O_NOFOLLOW. The new fd is the lowest free one.
 */
function pathOpen(call: Call): number | Promise<number> {
  const oflags = call.arg(2);
  const rights = call.bigArg(3);
  const file = open(vfsContext(call.process), startOf(call, 0), call.string(), {
    readable: (rights & (RIGHT_FD_READ | RIGHT_FD_READDIR)) !== 0n,
    writable: (rights & RIGHT_FD_WRITE) !== 0n,
    follow: follows(call, 1),
    create: (oflags & OFLAGS_CREAT) !== 0,
    exclusive: (oflags & OFLAGS_EXCL) !== 0,
    directory: (oflags & OFLAGS_DIRECTORY) !== 0,
    truncate: (oflags & OFLAGS_TRUNC) !== 0,
    flags: call.arg(5),
    mode: 0o666,
    wait: blockingWait(call.process),
  });
  return after(file, (opened) => call.process.fds.add(opened));
}

/** Implements readlinkat(2): the target, cut at the buffer length (no terminating NUL). */
function pathReadlink(call: Call): void {
  const target = encodeUtf8(readlink(vfsContext(call.process), startOf(call, 0), call.string()));
  call.output(target.subarray(0, call.arg(1)));
}

function pathRemoveDirectory(call: Call): void {
  rmdir(vfsContext(call.process), startOf(call, 0), call.string());
}

function pathRename(call: Call): void {
  const [oldPath, newPath] = twoPaths(call);
  rename(vfsContext(call.process), startOf(call, 0), oldPath, startOf(call, 1), newPath);
}

function pathSymlink(call: Call): void {
  const [target, path] = twoPaths(call);
  symlink(vfsContext(call.process), target, startOf(call, 0), path);
}

function pathUnlinkFile(call: Call): void {
  unlink(vfsContext(call.process), startOf(call, 0), call.string());
}

/** Guard for paths with a NUL inside (a C string cannot have one, a raw call can). */
function checked(
  handler: (call: Call) => number | void | Promise<number>,
): (call: Call) => number | void | Promise<number> {
  return (call) => {
    if (call.input.includes(0) && !twoPathCalls.has(call.number)) fail(Errno.EINVAL);
    return handler(call);
  };
}

const twoPathCalls = new Set<number>([Sys.PATH_LINK, Sys.PATH_RENAME, Sys.PATH_SYMLINK]);

export const pathSyscalls: SyscallEntry[] = [
  {
    number: Sys.PATH_CREATE_DIRECTORY,
    name: 'path_create_directory',
    handler: checked(pathCreateDirectory),
    support: 'full',
  },
  {
    number: Sys.PATH_FILESTAT_GET,
    name: 'path_filestat_get',
    handler: checked(pathFilestatGet),
    support: 'full',
  },
  {
    number: Sys.PATH_FILESTAT_SET_TIMES,
    name: 'path_filestat_set_times',
    handler: checked(pathFilestatSetTimes),
    support: 'full',
  },
  {
    number: Sys.PATH_LINK,
    name: 'path_link',
    handler: checked(pathLink),
    support: 'full',
    note: 'No protected_hardlinks restriction.',
  },
  {
    number: Sys.PATH_OPEN,
    name: 'path_open',
    handler: checked(pathOpen),
    support: 'full',
    note: 'Rights only choose read/write access; permissions are Unix modes.',
  },
  {
    number: Sys.PATH_READLINK,
    name: 'path_readlink',
    handler: checked(pathReadlink),
    support: 'full',
  },
  {
    number: Sys.PATH_REMOVE_DIRECTORY,
    name: 'path_remove_directory',
    handler: checked(pathRemoveDirectory),
    support: 'full',
  },
  { number: Sys.PATH_RENAME, name: 'path_rename', handler: checked(pathRename), support: 'full' },
  {
    number: Sys.PATH_SYMLINK,
    name: 'path_symlink',
    handler: checked(pathSymlink),
    support: 'full',
  },
  {
    number: Sys.PATH_UNLINK_FILE,
    name: 'path_unlink_file',
    handler: checked(pathUnlinkFile),
    support: 'full',
  },
];
