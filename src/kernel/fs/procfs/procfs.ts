// /proc: the root table (self, the machine-wide files, the pid directories)
// and the table of a pid directory. Each row is a generator over the caller
// and the process of its directory; fd/N, cwd, root and exe are magic links
// (fd-link.ts) that lead to the file itself, not to the text they show.
import { Errno } from '../../abi/errno.ts';
import { cgroupPathSeenBy } from '../../cgroup/view.ts';
import { FDFLAGS_APPEND, FDFLAGS_NONBLOCK } from '../../abi/wasi.ts';
import { fail } from '../../errors.ts';
import { Dentry } from '../dentry.ts';
import { NamespaceKind } from '../../ns/kind.ts';
import type { Namespace } from '../../ns/namespace.ts';
import { mapText, setgroupsText, writeMap, writeSetgroups } from '../../ns/map-files.ts';
import { namespaceInode } from '../../ns/nsfs.ts';
import { ifInet6Text, netDevText } from '../../net/proc-files.ts';
import { tcpText, udpText, unixText } from '../../net/socket/proc-net-sockets.ts';
import * as sysvipc from '../../ipc/proc-files.ts';
import { dentryOfDescription } from '../description-dentry.ts';
import type { Caller } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { lookup, pathOf } from '../path-walk.ts';
import { describeOpenFile } from './describe.ts';
import { fdLinkTarget } from './fd-link.ts';
import { mountIdOf, mountinfoText, mountsText } from './mount-files.ts';
import { Procfs } from './nodes.ts';
import { commOf, statText, statusText } from './pid-files.ts';
import type { ProcfsProcess, ProcfsSource } from './source.ts';
import * as machine from './system-files.ts';
import type { SystemInfo } from './system-info.ts';
import {
  directory,
  file,
  symlink,
  writableFile,
  type ProcContext,
  type ProcEntry,
} from './table.ts';

function target(context: ProcContext): ProcfsProcess {
  return context.process ?? fail(Errno.ESRCH);
}

function rootOf(context: ProcContext): Caller['root'] {
  return (context.caller ?? fail(Errno.ESRCH)).root;
}

const nulTerminated = (strings: readonly string[]): string => strings.map((s) => `${s}\0`).join('');

/** The description behind fd `name` of the directory's process, or ENOENT. */
function descriptionOf(
  context: ProcContext,
  name: string,
): { file: OpenFile; closeOnExec: boolean } {
  const entry = target(context)
    .fds()
    .find(({ fd }) => String(fd) === name);
  return entry ?? fail(Errno.ENOENT);
}

/** A directory with one entry per open fd of the directory's process. */
function perFd(mode: number, entryFor: (fd: string) => ProcEntry): ProcEntry {
  return {
    type: 'directory',
    mode,
    list(context) {
      const entries = new Map<string, ProcEntry>();
      for (const { fd } of target(context).fds()) entries.set(String(fd), entryFor(String(fd)));
      return entries;
    },
  };
}

const fdDirectory = perFd(0o500, (fd) =>
  symlink(
    (context) => describeOpenFile(descriptionOf(context, fd).file, rootOf(context)),
    (context, link) => {
      const process = target(context);
      const owner = { root: process.root, uid: process.uid, gid: process.gid };
      return fdLinkTarget(descriptionOf(context, fd).file, link, owner);
    },
  ),
);

/** Linux's O_* octal values for fdinfo's flags (O_LARGEFILE is always set on 64-bit). */
function fdinfoText(open: OpenFile, closeOnExec: boolean): string {
  let flags = 0o100000;
  if (open.readable && open.writable) flags |= 0o2;
  else if (open.writable) flags |= 0o1;
  if (open.flags & FDFLAGS_APPEND) flags |= 0o2000;
  if (open.flags & FDFLAGS_NONBLOCK) flags |= 0o4000;
  if (closeOnExec) flags |= 0o2000000;
  const dentry = dentryOfDescription(open);
  const mount = dentry ? mountIdOf(dentry.mount) : 0;
  let ino = dentry?.inode.ino ?? 0;
  if (!dentry) {
    try {
      ino = open.stat().ino;
    } catch {
      ino = 0;
    }
  }
  const pos = open.offset;
  return `pos:\t${pos}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${mount}\nino:\t${ino}\n`;
}

const fdinfoDirectory = perFd(0o500, (fd) =>
  file((context) => {
    const { file: open, closeOnExec } = descriptionOf(context, fd);
    return fdinfoText(open, closeOnExec);
  }),
);

/** Resolves the executable's path in the process's root, for the exe magic link. */
function executableDentry(context: ProcContext): Dentry {
  const process = target(context);
  const caller = context.caller ?? fail(Errno.ESRCH);
  const walker = { root: process.root, credentials: caller.credentials };
  return lookup(walker, process.root, process.executable || fail(Errno.ENOENT), true);
}

/** The calling process (for files whose meaning depends on it), or ESRCH. */
function callerProcess(context: ProcContext) {
  const pid = context.caller?.pid;
  return (pid === undefined ? undefined : context.source.caller(pid)) ?? fail(Errno.ESRCH);
}

/** The namespace a /proc/<pid>/ns link names: EACCES unless the caller may inspect the process. */
function namespaceOf(context: ProcContext, name: string): Namespace {
  const process = target(context);
  const caller = context.caller?.pid;
  if (caller === undefined || !process.mayInspect(caller)) fail(Errno.EACCES);
  const set = process.namespaces;
  // Dangling until the namespace has its first process (Linux's pidns_for_children_get).
  if (name === 'pid_for_children')
    return set.pidForChildren.init ? set.pidForChildren : fail(Errno.ENOENT);
  if (name === 'time_for_children') return set.timeForChildren;
  return set.get(name as NamespaceKind);
}

/** In the order Linux's readdir gives them (fs/proc/namespaces.c's table). */
const namespaceNames = [
  NamespaceKind.Net,
  NamespaceKind.Uts,
  NamespaceKind.Ipc,
  NamespaceKind.Pid,
  'pid_for_children',
  NamespaceKind.User,
  NamespaceKind.Mount,
  NamespaceKind.Cgroup,
  NamespaceKind.Time,
  'time_for_children',
];

/**
 * /proc/<pid>/ns (namespaces(7)): a link per kind reading `kind:[id]` that
 * leads to the namespace's nsfs inode, so opening it gives an fd setns(2)
 * takes. Directory mode 0511 as Linux's.
 */
const nsDirectory: ProcEntry = directory(
  Object.fromEntries(
    namespaceNames.map((name) => [
      name,
      symlink(
        (context) => namespaceOf(context, name).linkText,
        (context, link) => {
          const namespace = namespaceOf(context, name);
          return new Dentry(namespace.linkText, null, namespaceInode(namespace), link.mount);
        },
      ),
    ]),
  ),
  0o511,
);

/** uid_map or gid_map of the directory's process's user namespace. */
function mapFile(kind: 'uid' | 'gid'): ProcEntry {
  return writableFile(
    (context) =>
      mapText(
        target(context).namespaces.user,
        kind,
        context.source.caller(context.caller?.pid ?? 0),
      ),
    (context, data, offset) =>
      writeMap(callerProcess(context), target(context).namespaces.user, kind, data, offset),
  );
}

/** The table of /proc/<pid>. */
export const pidTable: Record<string, ProcEntry> = {
  cgroup: file((context) => {
    const pid = context.caller?.pid;
    const reader = pid === undefined ? undefined : context.source.caller(pid);
    return `0::${cgroupPathSeenBy(target(context).process, reader)}\n`;
  }),
  cmdline: file((context) => nulTerminated(target(context).argv)),
  comm: file((context) => `${commOf(target(context))}\n`, 0o644),
  environ: file((context) => nulTerminated(target(context).env), 0o400),
  cwd: symlink(
    (context) => pathOf(target(context).cwd, rootOf(context)),
    (context) => target(context).cwd,
  ),
  root: symlink(
    (context) => pathOf(target(context).root, rootOf(context)),
    (context) => target(context).root,
  ),
  exe: symlink((context) => target(context).executable, executableDentry),
  fd: fdDirectory,
  fdinfo: fdinfoDirectory,
  mounts: file((context) => mountsText(target(context).root)),
  mountinfo: file((context) => mountinfoText(target(context).root)),
  // The process's network namespace, as Linux's /proc/<pid>/net.
  net: directory({
    dev: file((context) => netDevText(target(context).namespaces.net.stack)),
    if_inet6: file((context) => ifInet6Text(target(context).namespaces.net.stack)),
    tcp: file((context) => tcpText(target(context).namespaces.net.stack)),
    udp: file((context) => udpText(target(context).namespaces.net.stack)),
    unix: file((context) => unixText(target(context).namespaces.net.stack)),
  }),
  ns: nsDirectory,
  uid_map: mapFile('uid'),
  gid_map: mapFile('gid'),
  setgroups: writableFile(
    (context) => setgroupsText(target(context).namespaces.user),
    (context, data, offset) =>
      writeSetgroups(callerProcess(context), target(context).namespaces.user, data, offset),
  ),
  stat: file((context) => statText(target(context))),
  status: file((context) => statusText(target(context))),
};

/** One listing shared by every /proc/<pid>: made per pid, it cost each /proc lookup a map per process. */
const pidListing = directory(pidTable);

function pidDirectory(pid: number): ProcEntry {
  return { ...pidListing, pid } as ProcEntry;
}

/** /proc/sys/kernel's IPC tunables, for the caller's IPC namespace. */
function ipcSysctlDirectory(): ProcEntry {
  const entries = Object.entries(sysvipc.ipcSysctls).map(([name, sysctl]): [string, ProcEntry] => [
    name,
    writableFile(
      (context) => sysctl.read(callerProcess(context).namespaces.ipc.limits),
      (context, data, offset) => {
        const writer = callerProcess(context);
        sysvipc.writeIpcSysctl(writer, writer.namespaces.ipc, sysctl, data, offset);
      },
    ),
  ]);
  return directory(Object.fromEntries(entries));
}

/**
 * The entries of /proc that do not depend on the pid namespace shown, made
 * once per system: each container's new pid namespace gets a procfs of its
 * own, and making these again (the IPC sysctls, closures) cost each
 * `docker run` about 0.1 ms.
 */
const sharedMachineEntries = new WeakMap<SystemInfo, Map<string, ProcEntry>>();

function machineEntries(system: SystemInfo): Map<string, ProcEntry> {
  let entries = sharedMachineEntries.get(system);
  if (!entries) {
    entries = new Map<string, ProcEntry>([
      ['cpuinfo', file(() => machine.cpuinfoText(system))],
      ['filesystems', file(() => machine.filesystemsText())],
      ['meminfo', file(() => machine.meminfoText(system))],
      ['mounts', symlink(() => 'self/mounts')],
      ['net', symlink(() => 'self/net')],
      ['sys', directory({ kernel: ipcSysctlDirectory() })],
      [
        'sysvipc',
        directory({
          msg: file((context) => sysvipc.sysvipcMsgText(callerProcess(context))),
          sem: file((context) => sysvipc.sysvipcSemText(callerProcess(context))),
          shm: file((context) => sysvipc.sysvipcShmText(callerProcess(context))),
        }),
      ],
      ['uptime', file(() => machine.uptimeText(system))],
      ['version', file(() => system.version)],
    ]);
    sharedMachineEntries.set(system, entries);
  }
  return entries;
}

function machineTable(system: SystemInfo, source: ProcfsSource): [string, ProcEntry][] {
  const caller = (context: ProcContext): number | undefined => context.caller?.pid;
  const shared = machineEntries(system);
  const entry = (name: string): [string, ProcEntry] => [name, shared.get(name)!];
  return [
    entry('cpuinfo'),
    entry('filesystems'),
    ['loadavg', file((context) => machine.loadavgText(source, caller(context)))],
    entry('meminfo'),
    entry('mounts'),
    entry('net'),
    ['stat', file((context) => machine.statText(system, source, caller(context)))],
    entry('sys'),
    entry('sysvipc'),
    entry('uptime'),
    entry('version'),
  ];
}

function rootTable(source: ProcfsSource, system: SystemInfo): ProcEntry {
  const fixed = machineTable(system, source);
  return {
    type: 'directory',
    mode: 0o555,
    list(context) {
      const entries = new Map<string, ProcEntry>();
      entries.set(
        'self',
        symlink((inner) => {
          const caller = inner.caller?.pid;
          const self = caller === undefined ? undefined : source.self(caller);
          return self === undefined ? fail(Errno.ENOENT) : String(self);
        }),
      );
      for (const [name, entry] of fixed) entries.set(name, entry);
      const caller = context.caller?.pid;
      if (caller !== undefined) {
        for (const pid of source.pids(caller)) entries.set(String(pid), pidDirectory(pid));
      }
      return entries;
    },
  };
}

/** Makes a procfs over `source` and `system`, to mount at /proc. */
export function createProcfs(source: ProcfsSource, system: SystemInfo): Procfs {
  return new Procfs(source, rootTable(source, system), (other) => createProcfs(other, system));
}
