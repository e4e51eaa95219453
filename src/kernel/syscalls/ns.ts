// Namespaces: unshare(2) and setns(2). unshare gives the caller new
// namespaces of the CLONE_NEW* kinds it names (ns/create.ts); setns moves
// it into the namespace an open /proc/<pid>/ns/<kind> stands for, with
// Linux's checks: the fd must be a namespace (EINVAL), of the kind nstype
// names when it names one (EINVAL), and the caller needs CAP_SYS_ADMIN in
// the namespace's owning user namespace and in its own (EPERM).
import { Errno } from '../abi/errno.ts';
import { CLONE_NEW_ANY, CLONE_UNSHARED_ALREADY } from '../abi/mount-flags.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { capableIn } from '../ns/capability.ts';
import { createNamespaces, installNamespaces } from '../ns/create.ts';
import { NamespaceKind, kindInfo } from '../ns/kind.ts';
import type { MountNamespace } from '../ns/mount.ts';
import type { Namespace } from '../ns/namespace.ts';
import type { NamespaceMembers } from '../ns/namespace-set.ts';
import { NamespaceFile } from '../ns/nsfs.ts';
import type { PidNamespace } from '../ns/pid.ts';
import type { UserNamespace } from '../ns/user.ts';
import type { Process } from '../proc/process.ts';
import type { Call, SyscallEntry } from './call.ts';

/**
 * Implements unshare(2). Flags a single-threaded process already has to
 * itself (CLONE_FS, CLONE_FILES, ...) change nothing; unknown flags are
 * EINVAL. The new user namespace (if any) is made first and owns the rest.
 */
function unshare(call: Call): void {
  const flags = Number(call.bigArg(0) & 0xffffffffn);
  if (flags & ~(CLONE_UNSHARED_ALREADY | CLONE_NEW_ANY)) fail(Errno.EINVAL);
  const wanted = flags & CLONE_NEW_ANY;
  if (wanted === 0) return;
  installNamespaces(call.process, createNamespaces(call.process, wanted, false));
}

/** EPERM unless the caller has CAP_SYS_ADMIN over `namespace` and in its own user namespace. */
function checkMayEnter(process: Process, namespace: Namespace): void {
  const owner = namespace.owner ?? (namespace as UserNamespace);
  if (!capableIn(process, owner) || !capableIn(process, process.namespaces.user)) {
    fail(Errno.EPERM);
  }
}

function enterUser(process: Process, target: UserNamespace): void {
  // Linux's userns_install: not the current one (EINVAL), privileged in it (EPERM).
  if (target === process.namespaces.user) fail(Errno.EINVAL);
  if (!capableIn(process, target)) fail(Errno.EPERM);
  process.namespaces = process.namespaces.with({ user: target });
  process.capabilities = true;
}

function enterMount(process: Process, target: MountNamespace): void {
  checkMayEnter(process, target);
  process.namespaces = process.namespaces.with({ mnt: target });
  // The caller starts at the root of the namespace it entered, as Linux's mntns_install.
  process.root = target.mounts.root.root;
  process.cwd = process.root;
}

function enterPid(process: Process, target: PidNamespace): void {
  // Only the caller's own pid namespace or one below it (Linux's pidns_install).
  if (!process.namespaces.pid.isAncestorOf(target)) fail(Errno.EINVAL);
  checkMayEnter(process, target);
  process.namespaces = process.namespaces.with({ pidForChildren: target });
}

/** Implements setns(2) with an open /proc/<pid>/ns/<kind> (pidfds are not supported: EINVAL). */
function setns(call: Call): void {
  const process = call.process;
  const file = process.fds.get(call.arg(0));
  const nstype = Number(call.bigArg(1) & 0xffffffffn);
  if (!(file instanceof NamespaceFile)) return fail(Errno.EINVAL);
  const target = file.namespace;
  if (nstype !== 0 && nstype !== kindInfo(target.kind).flag) fail(Errno.EINVAL);
  switch (target.kind) {
    case NamespaceKind.User:
      return enterUser(process, target as UserNamespace);
    case NamespaceKind.Mount:
      return enterMount(process, target as MountNamespace);
    case NamespaceKind.Pid:
      return enterPid(process, target as PidNamespace);
    default: {
      checkMayEnter(process, target);
      const member = memberOf(target.kind);
      process.namespaces = process.namespaces.with({ [member]: target });
    }
  }
}

/** The member of a set that setns of a `kind` namespace replaces. */
function memberOf(kind: NamespaceKind): keyof NamespaceMembers {
  switch (kind) {
    case NamespaceKind.Time:
      return 'timeForChildren';
    case NamespaceKind.Cgroup:
      return 'cgroup';
    case NamespaceKind.Ipc:
      return 'ipc';
    case NamespaceKind.Net:
      return 'net';
    case NamespaceKind.Uts:
      return 'uts';
    default:
      return fail(Errno.EINVAL);
  }
}

export const nsSyscalls: SyscallEntry[] = [
  {
    number: Sys.UNSHARE,
    name: 'unshare',
    handler: unshare,
    support: 'full',
    note: 'Every CLONE_NEW* kind; CLONE_FS, CLONE_FILES and the other sharing flags change nothing for a single-threaded process. Capabilities are all or nothing per user namespace. Past 32 nested user namespaces ENOSPC (Linux: EUSERS, which WASI lacks).',
  },
  {
    number: Sys.SETNS,
    name: 'setns',
    handler: setns,
    support: 'partial',
    note: 'fds of /proc/<pid>/ns/<kind>; pidfds are not supported (EINVAL).',
  },
];
