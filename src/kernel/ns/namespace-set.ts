// The namespaces a process is in (Linux's nsproxy plus its pid and user
// namespaces). A set is never changed in place: unshare(2) and setns(2)
// give the process a new set, and a child gets its parent's set at fork,
// with its pid namespace taken from the parent's `pidForChildren` (a
// process never changes its own pid namespace).
import type { MountTable } from '../fs/mount.ts';
import type { Uts } from '../uts.ts';
import { CgroupNamespace } from './cgroup.ts';
import { IpcNamespace } from './ipc.ts';
import { NamespaceKind, kindInfo } from './kind.ts';
import { MountNamespace } from './mount.ts';
import type { Namespace } from './namespace.ts';
import { NetNamespace } from './net.ts';
import { PidNamespace } from './pid.ts';
import { TimeNamespace } from './time.ts';
import { UserNamespace } from './user.ts';
import { UtsNamespace } from './uts.ts';

export interface NamespaceMembers {
  cgroup: CgroupNamespace;
  ipc: IpcNamespace;
  mnt: MountNamespace;
  net: NetNamespace;
  /** The process's own pid namespace: fixed for its life. */
  pid: PidNamespace;
  /** Where its children will be created (differs after unshare(CLONE_NEWPID) or setns). */
  pidForChildren: PidNamespace;
  time: TimeNamespace;
  timeForChildren: TimeNamespace;
  user: UserNamespace;
  uts: UtsNamespace;
}

export class NamespaceSet implements Readonly<NamespaceMembers> {
  readonly cgroup: CgroupNamespace;
  readonly ipc: IpcNamespace;
  readonly mnt: MountNamespace;
  readonly net: NetNamespace;
  readonly pid: PidNamespace;
  readonly pidForChildren: PidNamespace;
  readonly time: TimeNamespace;
  readonly timeForChildren: TimeNamespace;
  readonly user: UserNamespace;
  readonly uts: UtsNamespace;

  constructor(members: NamespaceMembers) {
    this.cgroup = members.cgroup;
    this.ipc = members.ipc;
    this.mnt = members.mnt;
    this.net = members.net;
    this.pid = members.pid;
    this.pidForChildren = members.pidForChildren;
    this.time = members.time;
    this.timeForChildren = members.timeForChildren;
    this.user = members.user;
    this.uts = members.uts;
  }

  /** A copy with some members replaced. */
  with(changes: Partial<NamespaceMembers>): NamespaceSet {
    return new NamespaceSet({ ...this.members(), ...changes });
  }

  /** The set a child gets at fork: the same, in the parent's pid-for-children namespace. */
  forChild(): NamespaceSet {
    return this.with({ pid: this.pidForChildren, time: this.timeForChildren });
  }

  /** The member of `kind` (the process's own pid/time namespace, not the for-children ones). */
  get(kind: NamespaceKind): Namespace {
    switch (kind) {
      case NamespaceKind.Cgroup:
        return this.cgroup;
      case NamespaceKind.Ipc:
        return this.ipc;
      case NamespaceKind.Mount:
        return this.mnt;
      case NamespaceKind.Net:
        return this.net;
      case NamespaceKind.Pid:
        return this.pid;
      case NamespaceKind.Time:
        return this.time;
      case NamespaceKind.User:
        return this.user;
      case NamespaceKind.Uts:
        return this.uts;
    }
  }

  private members(): NamespaceMembers {
    return {
      cgroup: this.cgroup,
      ipc: this.ipc,
      mnt: this.mnt,
      net: this.net,
      pid: this.pid,
      pidForChildren: this.pidForChildren,
      time: this.time,
      timeForChildren: this.timeForChildren,
      user: this.user,
      uts: this.uts,
    };
  }
}

/** The initial user namespace, owner of everything, from any member of a set. */
export function initialUserNamespace(set: NamespaceSet): UserNamespace {
  let ns = set.user;
  while (ns.parent) ns = ns.parent;
  return ns;
}

/** The namespaces of a booted kernel: one of each kind, with Linux's initial identities. */
export function initialNamespaces(mounts: MountTable, names: Uts): NamespaceSet {
  const id = (kind: NamespaceKind): number => kindInfo(kind).initialId;
  const user = new UserNamespace(id(NamespaceKind.User), undefined);
  const pid = new PidNamespace(id(NamespaceKind.Pid), user, undefined);
  const time = new TimeNamespace(id(NamespaceKind.Time), user);
  return new NamespaceSet({
    cgroup: new CgroupNamespace(id(NamespaceKind.Cgroup), user),
    ipc: new IpcNamespace(id(NamespaceKind.Ipc), user),
    mnt: new MountNamespace(id(NamespaceKind.Mount), user, mounts),
    net: new NetNamespace(id(NamespaceKind.Net), user, true),
    pid,
    pidForChildren: pid,
    time,
    timeForChildren: time,
    user,
    uts: new UtsNamespace(id(NamespaceKind.Uts), user, names),
  });
}
