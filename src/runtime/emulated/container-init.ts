// What runc's init does between clone and exec, done by the kernel as the
// container's new process before its program is found (kernel.spawn's
// `prepare`): in its new mount namespace the mounts made private, the
// container's root (chroot), the working directory, a proc of its own pid
// namespace at /proc, the host name, and the user's ids last. The
// container's program then starts as pid 1 of its namespaces in one
// process start: no helper program runs before it (box's unshare did these
// steps as syscalls, then execvp'd the program in its place).
import { Errno } from '../../kernel/abi/errno.ts';
import {
  MS_NODEV,
  MS_NOEXEC,
  MS_NOSUID,
  MS_PRIVATE,
  MS_REC,
} from '../../kernel/abi/mount-flags.ts';
import { KernelError } from '../../kernel/errors.ts';
import { lookup } from '../../kernel/fs/path-walk.ts';
import { checkPermission, MAY_EXEC } from '../../kernel/fs/permission.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Process } from '../../kernel/proc/process.ts';
import { setgid, setgroups, setuid } from '../../kernel/proc/set-credentials.ts';
import { vfsContext } from '../../kernel/syscalls/fs-context.ts';
import { CommandError } from '../container-operations.ts';
import type { ProcessSpec } from '../runtime.ts';

/** Where --init's docker-init is in every container root (the init layer has it). */
export const INIT_PATH = '/sbin/docker-init';

/** The flags runc (and unshare --mount-proc) mount a container's /proc with. */
const PROC_FLAGS = MS_NOSUID | MS_NOEXEC | MS_NODEV;

/** A step of the container's init failed: runc's message, as dockerd passes it on. */
export class ContainerInitError extends Error {}

/** Go's text for the errnos a container's set-up meets (what runc's messages show). */
function errnoText(errno: Errno): string {
  switch (errno) {
    case Errno.ENOENT:
      return 'no such file or directory';
    case Errno.ENOTDIR:
      return 'not a directory';
    case Errno.EACCES:
      return 'permission denied';
    case Errno.ELOOP:
      return 'too many levels of symbolic links';
    default:
      return `errno ${errno}`;
  }
}

function step(what: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
    throw new ContainerInitError(
      `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${what}: ${errnoText(error.errno)}: unknown`,
    );
  }
}

/** A directory the process may enter (chroot's and chdir's checks). */
function directory(process: Process, path: string): Process['root'] {
  const dentry = lookup(vfsContext(process), process.cwd, path, true);
  if (!dentry.inode.isDirectory) throw new KernelError(Errno.ENOTDIR);
  checkPermission(dentry.inode, process.credentials, MAY_EXEC);
  return dentry;
}

/** The set-up of the container's init, for kernel.spawn's `prepare`. */
export function containerInit(
  kernel: Kernel,
  rootPath: string,
  spec: ProcessSpec,
): (child: Process) => void {
  return (child) => {
    // unshare(1)'s default, which runc's rootfs set-up does too: no mount
    // event of the container's reaches the host or the other way round.
    kernel.mountAs(child, {
      source: 'none',
      target: '/',
      type: '',
      data: '',
      flags: MS_REC | MS_PRIVATE,
    });
    step(`chroot to rootfs (${JSON.stringify(rootPath)})`, () => {
      child.root = directory(child, rootPath);
    });
    step(`chdir to cwd (${JSON.stringify(spec.cwd)}) set in config.json failed`, () => {
      child.cwd = directory(child, spec.cwd);
    });
    step('mount proc to /proc', () =>
      kernel.mountAs(child, {
        source: 'proc',
        target: '/proc',
        type: 'proc',
        data: '',
        flags: PROC_FLAGS,
      }),
    );
    child.namespaces.uts.names.nodename = spec.hostname;
    const user = spec.user;
    if (user) {
      const credentials = child.credentials;
      setgroups(credentials, user.groups ?? []);
      setgid(credentials, user.gid);
      setuid(credentials, user.uid);
      // As after setuid(2): capabilities follow the effective uid.
      child.capabilities = undefined;
    }
  };
}

/**
 * What a failed start of the container's program is to the engine: a
 * program that is missing or cannot run (exec's errors, as the runtime's
 * `docker exec` reports them) as a CommandError; anything else as it is.
 */
export function commandError(error: unknown, program: string): unknown {
  if (!(error instanceof KernelError)) return error;
  if (error.errno === Errno.ENOENT || error.errno === Errno.ENOTDIR) {
    return new CommandError(
      'not-found',
      program,
      program.includes('/')
        ? `stat ${program}: no such file or directory`
        : 'executable file not found in $PATH',
    );
  }
  if (
    error.errno === Errno.EACCES ||
    error.errno === Errno.EISDIR ||
    error.errno === Errno.ENOEXEC
  ) {
    const reason =
      error.errno === Errno.EISDIR
        ? 'is a directory'
        : error.errno === Errno.ENOEXEC
          ? 'exec format error'
          : 'permission denied';
    return new CommandError('not-executable', program, reason);
  }
  return error;
}
