// The kinds of namespace Linux has, with what names each: its CLONE_NEW*
// flag (unshare(2), setns(2), spawn's namespace flags), its name in
// /proc/<pid>/ns/ and in lsns(8), and the identity Linux gives the initial
// one (the inode number of its /proc/<pid>/ns link, as `readlink` shows:
// `pid:[4026531836]`). New namespaces get fresh numbers from identity.ts.
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

export const enum NamespaceKind {
  Cgroup = 'cgroup',
  Ipc = 'ipc',
  Mount = 'mnt',
  Net = 'net',
  Pid = 'pid',
  Time = 'time',
  User = 'user',
  Uts = 'uts',
}

export interface NamespaceKindInfo {
  kind: NamespaceKind;
  /** The CLONE_NEW* flag that makes a new one. */
  flag: number;
  /** The inode number of the initial namespace of this kind on Linux. */
  initialId: number;
}

/** Every kind, alphabetically (/proc/<pid>/ns lists them in Linux's own order: procfs.ts). */
export const NAMESPACE_KINDS: readonly NamespaceKindInfo[] = [
  { kind: NamespaceKind.Cgroup, flag: CLONE_NEWCGROUP, initialId: 4026531835 },
  { kind: NamespaceKind.Ipc, flag: CLONE_NEWIPC, initialId: 4026531839 },
  { kind: NamespaceKind.Mount, flag: CLONE_NEWNS, initialId: 4026531841 },
  { kind: NamespaceKind.Net, flag: CLONE_NEWNET, initialId: 4026531840 },
  { kind: NamespaceKind.Pid, flag: CLONE_NEWPID, initialId: 4026531836 },
  { kind: NamespaceKind.Time, flag: CLONE_NEWTIME, initialId: 4026531834 },
  { kind: NamespaceKind.User, flag: CLONE_NEWUSER, initialId: 4026531837 },
  { kind: NamespaceKind.Uts, flag: CLONE_NEWUTS, initialId: 4026531838 },
];

export function kindInfo(kind: NamespaceKind): NamespaceKindInfo {
  const info = NAMESPACE_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`unknown namespace kind ${kind}`);
  return info;
}
