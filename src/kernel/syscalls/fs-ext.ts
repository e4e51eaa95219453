// The file calls of the extension (bocal_v1, numbers 150–165 but ioctl),
// for the syscall table: fd calls in fs-ext-fd.ts, path calls in
// fs-ext-path.ts.
import { Sys } from '../abi/syscalls.ts';
import type { SyscallEntry } from './call.ts';
import { dup, dup3, fdPath, getCloexec, pipe2, setCloexec } from './fs-ext-fd.ts';
import {
  chdir,
  chmod,
  chown,
  fchdir,
  fchmod,
  fchown,
  getcwd,
  mknod,
  openat,
} from './fs-ext-path.ts';
import { sendfile } from './sendfile.ts';
import { rootPreopen } from './root-preopen.ts';

const noCapabilities =
  'No capabilities yet: euid 0 stands for CAP_CHOWN, CAP_FOWNER and CAP_FSETID.';

export const fsExtSyscalls: SyscallEntry[] = [
  { number: Sys.PIPE2, name: 'pipe2', handler: pipe2, support: 'full' },
  { number: Sys.DUP, name: 'dup', handler: dup, support: 'full' },
  { number: Sys.DUP3, name: 'dup3', handler: dup3, support: 'full' },
  {
    number: Sys.ROOT_PREOPEN,
    name: 'root_preopen',
    handler: rootPreopen,
    support: 'full',
    note: "bocal only: the C library's start-up move of the root preopen from fd 3 to fd 1023, in one call",
  },
  { number: Sys.GET_CLOEXEC, name: 'get_cloexec', handler: getCloexec, support: 'full' },
  { number: Sys.SET_CLOEXEC, name: 'set_cloexec', handler: setCloexec, support: 'full' },
  { number: Sys.CHDIR, name: 'chdir', handler: chdir, support: 'full' },
  { number: Sys.FCHDIR, name: 'fchdir', handler: fchdir, support: 'full' },
  {
    number: Sys.GETCWD,
    name: 'getcwd',
    handler: getcwd,
    support: 'full',
    note: 'The buffer size is the C side\'s to check (ERANGE); a cwd outside the root reads "(unreachable)/…" as Linux\'s syscall gives it.',
  },
  {
    number: Sys.CHMOD,
    name: 'chmod',
    handler: chmod,
    support: 'full',
    note: `Without follow, a symlink is EOPNOTSUPP (as fchmodat2). ${noCapabilities}`,
  },
  {
    number: Sys.FCHMOD,
    name: 'fchmod',
    handler: fchmod,
    support: 'partial',
    note: `A host stream has no inode here: EPERM. ${noCapabilities}`,
  },
  { number: Sys.CHOWN, name: 'chown', handler: chown, support: 'full', note: noCapabilities },
  {
    number: Sys.FCHOWN,
    name: 'fchown',
    handler: fchown,
    support: 'partial',
    note: `A host stream has no inode here: EPERM. ${noCapabilities}`,
  },
  {
    number: Sys.MKNOD,
    name: 'mknod',
    handler: mknod,
    support: 'full',
    note: 'Device nodes need euid 0 (CAP_MKNOD); a device opens only if a driver is registered (ENXIO otherwise).',
  },
  {
    number: Sys.OPENAT,
    name: 'openat',
    handler: openat,
    support: 'full',
    note: 'O_SEARCH and O_EXEC open for neither reading nor writing, like O_PATH. No O_TMPFILE, O_NOATIME or O_NOCTTY effects.',
  },
  {
    number: Sys.FD_PATH,
    name: 'fd_path',
    handler: fdPath,
    support: 'full',
    note: 'bocal only: the text readlink(/proc/self/fd/N) gives.',
  },
  {
    number: Sys.SENDFILE,
    name: 'sendfile',
    handler: sendfile,
    support: 'partial',
    note: 'From regular files only (EINVAL otherwise; Linux also reads some devices). Into a blocking pipe the call fills on until the count is done, as a write does; Linux returns after one fill (at most 64 KiB), which a non-blocking pipe still shows. A tmpfs file of 64 KiB or more goes into the pipe as references to its pages (as splice does), up to 16 of up to 2 MiB each, so the pipe holds more than 64 KiB of it.',
  },
];
