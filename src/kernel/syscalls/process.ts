// Process syscalls: exit, wait4, pids, process groups and sessions,
// credentials and umask. Each handler decodes its arguments and hands off
// to proc/. Pids cross here as the caller's pid namespace numbers them,
// uids and gids as its user namespace maps them (kernel ids inside; an id
// without a mapping reads as 65534 and cannot be set: EINVAL).
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { exitedStatus } from '../abi/wait-status.ts';
import { fail } from '../errors.ts';
import { exitProcess } from '../proc/exit.ts';
import { getpgid, getsid, setpgid, setsid } from '../proc/groups.ts';
import { tableOf } from '../proc/process-table.ts';
import type { Credentials } from '../proc/credentials.ts';
import { hasOwnCapabilities } from '../ns/capability.ts';
import { OVERFLOW_ID } from '../ns/id-map.ts';
import {
  UNCHANGED_ID,
  setgid,
  setgroups,
  setregid,
  setresgid,
  setresuid,
  setreuid,
  setuid,
} from '../proc/set-credentials.ts';
import type { Process } from '../proc/process.ts';
import { wait4 } from '../proc/wait.ts';
import type { Call, SyscallEntry } from './call.ts';

/** Argument `i` as a pid_t (signed 32-bit, whether the worker sent it signed or not). */
export function pidArg(call: Call, i: number): number {
  return Number(BigInt.asIntN(32, call.bigArg(i)));
}

/** Argument `i` as a uid_t/gid_t (unsigned 32-bit; 0xffffffff is (uid_t)-1). */
export function idArg(call: Call, i: number): number {
  return Number(BigInt.asUintN(32, call.bigArg(i)));
}

/** The caller's pid in its own pid namespace. */
export function ownPid(process: Process): number {
  return tableOf(process).pidIn(process.namespaces.pid, process.pid);
}

function parentPid(process: Process): number {
  const parent = process.parent;
  return parent ? tableOf(process).pidIn(process.namespaces.pid, parent.pid) : 0;
}

function procExit(call: Call): void {
  exitProcess(tableOf(call.process), call.process, exitedStatus(call.arg(0)));
}

async function sysWait4(call: Call): Promise<number> {
  const options = Number(BigInt.asUintN(32, call.bigArg(1)));
  const result = await wait4(tableOf(call.process), call.process, pidArg(call, 0), options);
  call.results[1] = BigInt(result.status);
  return result.pid;
}

/** A kernel uid as the caller's user namespace shows it. */
function uidOut(process: Process, kuid: number): number {
  return process.namespaces.user.uidFromKernel(kuid) ?? OVERFLOW_ID;
}

function gidOut(process: Process, kgid: number): number {
  return process.namespaces.user.gidFromKernel(kgid) ?? OVERFLOW_ID;
}

/** Argument `i` as a uid of the caller's namespace, as a kernel uid ((uid_t)-1 kept). */
function uidIn(call: Call, i: number): number {
  const id = idArg(call, i);
  if (id === UNCHANGED_ID) return id;
  return call.process.namespaces.user.uidToKernel(id) ?? fail(Errno.EINVAL);
}

function gidIn(call: Call, i: number): number {
  const id = idArg(call, i);
  if (id === UNCHANGED_ID) return id;
  return call.process.namespaces.user.gidToKernel(id) ?? fail(Errno.EINVAL);
}

/** A set*uid call: CAP_SETUID in the caller's user namespace; capabilities then follow the euid. */
function changeUids(call: Call, change: (c: Credentials, privileged: boolean) => void): void {
  const process = call.process;
  change(process.credentials, hasOwnCapabilities(process));
  process.capabilities = undefined;
}

function changeGids(call: Call, change: (c: Credentials, privileged: boolean) => void): void {
  change(call.process.credentials, hasOwnCapabilities(call.process));
}

function getgroups(call: Call): number {
  const groups = call.process.credentials.groups.map((gid) => gidOut(call.process, gid));
  const size = call.arg(0);
  if (size === 0) return groups.length;
  if (size < groups.length) fail(Errno.EINVAL);
  const bytes = new Uint8Array(groups.length * 4);
  const view = new DataView(bytes.buffer);
  groups.forEach((gid, i) => view.setUint32(i * 4, gid, true));
  call.output(bytes);
  return groups.length;
}

function sysSetgroups(call: Call): void {
  const count = call.arg(0);
  if (count < 0 || call.input.length < count * 4) fail(Errno.EINVAL);
  const view = new DataView(call.input.buffer, call.input.byteOffset, call.input.byteLength);
  const process = call.process;
  const ns = process.namespaces.user;
  // Linux's userns_may_setgroups: only once gid_map is written, and not after "deny".
  const allowed = !ns.parent || (ns.gidMap !== undefined && ns.setgroupsAllowed);
  const privileged = allowed && hasOwnCapabilities(process);
  const groups = Array.from({ length: count }, (_, i) => {
    const gid = view.getUint32(i * 4, true);
    return privileged ? (ns.gidToKernel(gid) ?? fail(Errno.EINVAL)) : gid;
  });
  setgroups(process.credentials, groups, privileged);
}

function umask(call: Call): number {
  const old = call.process.umask;
  call.process.umask = call.arg(0) & 0o777;
  return old;
}

function triple(call: Call, ids: [number, number, number]): number {
  call.results[1] = BigInt(ids[1]);
  call.results[2] = BigInt(ids[2]);
  return ids[0];
}

const credentials = (call: Call) => call.process.credentials;

export const processSyscalls: SyscallEntry[] = [
  {
    number: Sys.PROC_EXIT,
    name: 'proc_exit',
    handler: procExit,
    support: 'full',
    note: 'exit(code): the status keeps code & 0xff, as on Linux',
  },
  {
    number: Sys.WAIT4,
    name: 'wait4',
    handler: sysWait4,
    support: 'partial',
    note: 'no rusage; WNOWAIT is accepted (Linux takes it only in waitid, which we lack)',
  },
  {
    number: Sys.GETPID,
    name: 'getpid',
    handler: (call) => ownPid(call.process),
    support: 'full',
    note: 'the pid in its own pid namespace',
  },
  {
    number: Sys.GETPPID,
    name: 'getppid',
    handler: (call) => parentPid(call.process),
    support: 'full',
    note: 'as its pid namespace numbers the parent: 0 when the parent is outside (a namespace init)',
  },
  {
    number: Sys.GETPGID,
    name: 'getpgid',
    handler: (call) => getpgid(tableOf(call.process), call.process, pidArg(call, 0)),
    support: 'full',
  },
  {
    number: Sys.SETPGID,
    name: 'setpgid',
    handler: (call) =>
      setpgid(tableOf(call.process), call.process, pidArg(call, 0), pidArg(call, 1)),
    support: 'full',
  },
  {
    number: Sys.GETSID,
    name: 'getsid',
    handler: (call) => getsid(tableOf(call.process), call.process, pidArg(call, 0)),
    support: 'full',
  },
  {
    number: Sys.SETSID,
    name: 'setsid',
    handler: (call) => setsid(tableOf(call.process), call.process),
    support: 'full',
  },
  {
    number: Sys.GETUID,
    name: 'getuid',
    handler: (call) => uidOut(call.process, credentials(call).uid),
    support: 'full',
  },
  {
    number: Sys.GETEUID,
    name: 'geteuid',
    handler: (call) => uidOut(call.process, credentials(call).euid),
    support: 'full',
  },
  {
    number: Sys.GETGID,
    name: 'getgid',
    handler: (call) => gidOut(call.process, credentials(call).gid),
    support: 'full',
  },
  {
    number: Sys.GETEGID,
    name: 'getegid',
    handler: (call) => gidOut(call.process, credentials(call).egid),
    support: 'full',
  },
  {
    number: Sys.SETUID,
    name: 'setuid',
    handler: (call) => changeUids(call, (c, p) => setuid(c, uidIn(call, 0), p)),
    support: 'partial',
    note: "CAP_SETUID in the caller's user namespace (all or nothing); no fsuid",
  },
  {
    number: Sys.SETGID,
    name: 'setgid',
    handler: (call) => changeGids(call, (c, p) => setgid(c, gidIn(call, 0), p)),
    support: 'partial',
    note: "CAP_SETGID in the caller's user namespace (all or nothing); no fsgid",
  },
  {
    number: Sys.SETREUID,
    name: 'setreuid',
    handler: (call) => changeUids(call, (c, p) => setreuid(c, uidIn(call, 0), uidIn(call, 1), p)),
    support: 'partial',
    note: "privilege is the capability in the caller's user namespace (all or nothing)",
  },
  {
    number: Sys.SETREGID,
    name: 'setregid',
    handler: (call) => changeGids(call, (c, p) => setregid(c, gidIn(call, 0), gidIn(call, 1), p)),
    support: 'partial',
    note: "privilege is the capability in the caller's user namespace (all or nothing)",
  },
  {
    number: Sys.SETRESUID,
    name: 'setresuid',
    handler: (call) =>
      changeUids(call, (c, p) => setresuid(c, uidIn(call, 0), uidIn(call, 1), uidIn(call, 2), p)),
    support: 'partial',
    note: "privilege is the capability in the caller's user namespace (all or nothing)",
  },
  {
    number: Sys.SETRESGID,
    name: 'setresgid',
    handler: (call) =>
      changeGids(call, (c, p) => setresgid(c, gidIn(call, 0), gidIn(call, 1), gidIn(call, 2), p)),
    support: 'partial',
    note: "privilege is the capability in the caller's user namespace (all or nothing)",
  },
  {
    number: Sys.GETRESUID,
    name: 'getresuid',
    handler: (call) => {
      const c = credentials(call);
      const out = (id: number) => uidOut(call.process, id);
      return triple(call, [out(c.uid), out(c.euid), out(c.suid)]);
    },
    support: 'full',
  },
  {
    number: Sys.GETRESGID,
    name: 'getresgid',
    handler: (call) => {
      const c = credentials(call);
      const out = (id: number) => gidOut(call.process, id);
      return triple(call, [out(c.gid), out(c.egid), out(c.sgid)]);
    },
    support: 'full',
  },
  { number: Sys.GETGROUPS, name: 'getgroups', handler: getgroups, support: 'full' },
  { number: Sys.SETGROUPS, name: 'setgroups', handler: sysSetgroups, support: 'full' },
  { number: Sys.UMASK, name: 'umask', handler: umask, support: 'full' },
];
