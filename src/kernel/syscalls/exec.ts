// spawn and execve (the extension's; WASI has neither). spawn is Linux's
// fork + exec in one call, as posix_spawn(3) with CLONE_VFORK behaves:
// every error up to the new program's start is returned to the parent and
// the child never runs. Its namespace flags are clone(2)'s CLONE_NEW*: the
// child starts in new namespaces (in a new pid namespace, as its pid 1),
// and the pid returned is as the parent's pid namespace numbers the child.
// The file actions (and the mount action, bocal's own) are done by the
// child before its program is found, as a forked child does them before
// execve: a relative path is found from a chdir action's directory, and a
// proc mounted by a mount action shows the child's pid namespace.
import { Errno } from '../abi/errno.ts';
import { sigmask, NSIG, SIG_DFL } from '../abi/signals.ts';
import {
  decodeExec,
  decodeSpawn,
  POSIX_SPAWN_RESETIDS,
  POSIX_SPAWN_SETPGROUP,
  POSIX_SPAWN_SETSID,
  POSIX_SPAWN_SETSIGDEF,
  POSIX_SPAWN_SETSIGMASK,
  SpawnActionKind,
  type SpawnAction,
} from '../abi/spawn.ts';
import { CLONE_NEW_ANY } from '../abi/mount-flags.ts';
import { Sys } from '../abi/syscalls.ts';
import { createNamespaces, installNamespaces } from '../ns/create.ts';
import { exitedStatus } from '../abi/wait-status.ts';
import { fail } from '../errors.ts';
import { findProgram, type FoundProgram } from '../exec/find-program.ts';
import { lookup } from '../fs/path-walk.ts';
import { openWithFlags } from '../exec/open-action.ts';
import { exitProcess, reap } from '../proc/exit.ts';
import { forkProcess } from '../proc/fork.ts';
import { setpgid, setsid } from '../proc/groups.ts';
import type { Process } from '../proc/process.ts';
import { tableOf } from '../proc/process-table.ts';
import { directoryOf, vfsContext } from './fs-context.ts';
import type { Call, SyscallEntry } from './call.ts';
import { mountAs, type MountContext } from './mount.ts';

/** What the kernel does with a program once found: start it in a process. */
export interface ProgramLauncher {
  /** Starts `program` as the (already prepared) process; may fail (ENOEXEC, ENOMEM). */
  start(process: Process, program: FoundProgram): Promise<void>;
  /** Replaces the calling process's program (execve); the caller's reply is the launcher's. */
  replace(process: Process, program: FoundProgram): Promise<void>;
}

async function spawn(call: Call, launcher: ProgramLauncher, mounts: MountContext): Promise<number> {
  const parent = call.process;
  const request = decodeSpawn(call.input);
  const table = tableOf(parent);
  const cloneFlags = request.attributes.cloneFlags;
  if (cloneFlags & ~CLONE_NEW_ANY) fail(Errno.EINVAL);
  const created = cloneFlags ? createNamespaces(parent, cloneFlags, true) : undefined;
  const child = forkProcess(table, parent, created?.namespaces);
  try {
    if (created) installNamespaces(child, created);
    applyAttributes(child, request.attributes);
    for (const [index, action] of request.actions.entries()) {
      try {
        await applyAction(child, action, mounts);
      } catch (error) {
        // Which action failed (from 1), for a caller whose message depends on it.
        call.results[1] = BigInt(index + 1);
        throw error;
      }
    }
    const program = await findProgram(
      child,
      request.path,
      request.argv,
      request.envp,
      call.arg(0) === 1,
    );
    child.fds.closeOnExec();
    child.argv = [...program.argv];
    child.env = [...request.envp];
    await launcher.start(child, program);
    return table.pidIn(parent.namespaces.pid, child.pid);
  } catch (error) {
    // The child never ran: it ends as an exec failure would, and is reaped at once.
    exitProcess(table, child, exitedStatus(127));
    reap(table, child);
    throw error;
  }
}

function applyAttributes(
  child: Process,
  attributes: ReturnType<typeof decodeSpawn>['attributes'],
): void {
  const table = tableOf(child);
  const { flags } = attributes;
  if (flags & POSIX_SPAWN_SETSID) setsid(table, child);
  if (flags & POSIX_SPAWN_SETPGROUP) setpgid(table, child, 0, attributes.pgroup);
  if (flags & POSIX_SPAWN_SETSIGMASK)
    child.signals.blocked = attributes.sigmask & ~(sigmask(9) | sigmask(19));
  if (flags & POSIX_SPAWN_SETSIGDEF) {
    for (let sig = 1; sig < NSIG; sig++) {
      if (attributes.sigdefault & sigmask(sig))
        child.signals.setAction(sig, { handler: SIG_DFL, mask: 0, flags: 0 });
    }
  }
  if (flags & POSIX_SPAWN_RESETIDS) {
    child.credentials.euid = child.credentials.uid;
    child.credentials.egid = child.credentials.gid;
  }
}

async function applyAction(
  child: Process,
  action: SpawnAction,
  mounts: MountContext,
): Promise<void> {
  switch (action.kind) {
    case SpawnActionKind.OPEN: {
      const file = await openWithFlags(
        vfsContext(child),
        child.cwd,
        action.path,
        action.oflags,
        action.mode,
      );
      child.fds.set(action.fd, file.file, file.closeOnExec);
      return;
    }
    case SpawnActionKind.CLOSE:
      // posix_spawn_file_actions_addclose of a closed fd is not an error since POSIX 2024.
      if (child.fds.has(action.fd)) child.fds.close(action.fd);
      return;
    case SpawnActionKind.DUP2: {
      const file = child.fds.get(action.fd);
      // dup2 onto itself clears close-on-exec, as glibc's posix_spawn does.
      child.fds.set(action.newFd, file, false);
      return;
    }
    case SpawnActionKind.CHDIR: {
      const dentry = lookup(vfsContext(child), child.cwd, action.path, true);
      if (!dentry.inode.isDirectory) fail(Errno.ENOTDIR);
      child.cwd = dentry;
      return;
    }
    case SpawnActionKind.FCHDIR:
      child.cwd = directoryOf(child, child.fds.get(action.fd));
      return;
    case SpawnActionKind.MOUNT:
      mountAs(mounts, child, action);
      return;
  }
}

async function execve(call: Call, launcher: ProgramLauncher): Promise<void> {
  const process = call.process;
  const request = decodeExec(call.input);
  const program = await findProgram(process, request.path, request.argv, request.envp, false);
  process.env = [...request.envp];
  await launcher.replace(process, program);
}

export function createExecSyscalls(
  launcher: ProgramLauncher,
  mounts: MountContext,
): SyscallEntry[] {
  return [
    {
      number: Sys.SPAWN,
      name: 'spawn',
      handler: (call) => spawn(call, launcher, mounts),
      support: 'partial',
      note: 'posix_spawn with file actions and attributes, and CLONE_NEW* namespace flags as clone(2) takes them (other clone flags EINVAL); a mount action (posix_spawn_file_actions_addmount_np, bocal only) mounts as the child before its program starts.',
    },
    {
      number: Sys.EXECVE,
      name: 'execve',
      handler: (call) => execve(call, launcher),
      support: 'full',
    },
  ];
}
