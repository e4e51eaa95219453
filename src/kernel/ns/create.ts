// Making new namespaces for unshare(2) and for spawn's clone flags (Linux's
// create_new_namespaces and unshare_userns): the user namespace first, so
// the others are owned by it and the caller's privilege is checked in it;
// then each CLONE_NEW* kind as a copy of the caller's current one. Nothing
// is changed here: the result is a new set for the caller to install.
import { Errno } from '../abi/errno.ts';
import {
  CLONE_NEWCGROUP,
  CLONE_NEWIPC,
  CLONE_NEWNET,
  CLONE_NEWNS,
  CLONE_NEWPID,
  CLONE_NEWTIME,
  CLONE_NEWUSER,
  CLONE_NEWUTS,
} from '../abi/mount-flags.ts';
import { fail } from '../errors.ts';
import type { Dentry } from '../fs/dentry.ts';
import type { Process } from '../proc/process.ts';
import { capableIn } from './capability.ts';
import { CgroupNamespace } from './cgroup.ts';
import { IpcNamespace } from './ipc.ts';
import { MountNamespace } from './mount.ts';
import type { NamespaceMembers, NamespaceSet } from './namespace-set.ts';
import { NetNamespace } from './net.ts';
import { TimeNamespace } from './time.ts';
import { UtsNamespace } from './uts.ts';

export interface NewNamespaces {
  namespaces: NamespaceSet;
  /** A new user namespace was made: its maker has every capability in it. */
  newUser: boolean;
  /** A new mount namespace was made: where the process's root and cwd are in it. */
  moveDentry?: (dentry: Dentry) => Dentry;
}

/**
 * The namespaces `process` gets for CLONE_NEW* `flags`. `forChild`: the
 * clone path (spawn), where a new pid namespace is the child's own; else
 * unshare, where it is only for the caller's children. Errors as Linux:
 * EPERM without CAP_SYS_ADMIN in the (new) user namespace, EUSERS/ENOSPC
 * past the nesting limits, EINVAL for a second CLONE_NEWPID before a fork.
 */
export function createNamespaces(
  process: Process,
  flags: number,
  forChild: boolean,
): NewNamespaces {
  const current = forChild ? process.namespaces.forChild() : process.namespaces;
  const ids = current.user.ids;
  const changes: Partial<NamespaceMembers> = {};
  let user = current.user;
  const newUser = (flags & CLONE_NEWUSER) !== 0;
  if (newUser) {
    const { euid, egid } = process.credentials;
    if (!forChild && !process.root.same(current.mnt.mounts.root.root)) fail(Errno.EPERM);
    if (user.uidFromKernel(euid) === undefined || user.gidFromKernel(egid) === undefined) {
      fail(Errno.EPERM);
    }
    user = user.createChild(ids.allocate(), euid, egid);
    changes.user = user;
  }
  const others = flags & ~CLONE_NEWUSER;
  // The maker of a new user namespace has every capability in it.
  if (others !== 0 && !newUser && !capableIn(process, user)) fail(Errno.EPERM);
  if (flags & CLONE_NEWPID) {
    const own = process.namespaces;
    if (own.pidForChildren !== own.pid) fail(Errno.EINVAL);
    const pid = current.pidForChildren.createChild(ids.allocate(), user);
    changes.pidForChildren = pid;
    if (forChild) changes.pid = pid;
  }
  let moveDentry: NewNamespaces['moveDentry'];
  if (flags & CLONE_NEWNS) {
    const copy = current.mnt.mounts.clone();
    // A copy owned by a less privileged user namespace cannot send mount
    // events back: its shared mounts become slaves (Linux's copy_mnt_ns).
    if (user !== current.mnt.owner) copy.table.demoteShared();
    changes.mnt = new MountNamespace(ids.allocate(), user, copy.table);
    moveDentry = copy.translate;
  }
  if (flags & CLONE_NEWUTS) {
    changes.uts = new UtsNamespace(ids.allocate(), user, current.uts.names.clone());
  }
  if (flags & CLONE_NEWIPC) changes.ipc = new IpcNamespace(ids.allocate(), user);
  if (flags & CLONE_NEWNET) changes.net = new NetNamespace(ids.allocate(), user);
  if (flags & CLONE_NEWCGROUP) {
    // Its root is the cgroup the process is in now (cgroup_namespaces(7)).
    changes.cgroup = CgroupNamespace.create(ids.allocate(), user, process.cgroup);
  }
  if (flags & CLONE_NEWTIME) {
    const time = new TimeNamespace(ids.allocate(), user);
    changes.timeForChildren = time;
    if (forChild) changes.time = time;
  }
  return { namespaces: current.with(changes), newUser, moveDentry };
}

/** Gives `process` the namespaces of `change`, moving its root and cwd into a new mount namespace. */
export function installNamespaces(process: Process, change: NewNamespaces): void {
  process.namespaces = change.namespaces;
  if (change.newUser) process.capabilities = true;
  const move = change.moveDentry;
  if (move) {
    process.root = move(process.root);
    process.cwd = move(process.cwd);
  }
}
