// Process syscalls: exit, wait4, pids, process groups and sessions,
// credentials and umask. Each handler decodes its arguments and hands off
// to proc/.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { exitedStatus } from '../abi/wait-status.ts';
import { fail } from '../errors.ts';
import { exitProcess } from '../proc/exit.ts';
import { getpgid, getsid, setpgid, setsid } from '../proc/groups.ts';
import { tableOf } from '../proc/process-table.ts';
import {
  setgid,
  setgroups,
  setregid,
  setresgid,
  setresuid,
  setreuid,
  setuid,
} from '../proc/set-credentials.ts';
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

function procExit(call: Call): void {
  exitProcess(tableOf(call.process), call.process, exitedStatus(call.arg(0)));
}

async function sysWait4(call: Call): Promise<number> {
  const options = Number(BigInt.asUintN(32, call.bigArg(1)));
  const result = await wait4(tableOf(call.process), call.process, pidArg(call, 0), options);
  call.results[1] = BigInt(result.status);
  return result.pid;
}

function getgroups(call: Call): number {
  const groups = call.process.credentials.groups;
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
  const groups = Array.from({ length: count }, (_, i) => view.getUint32(i * 4, true));
  setgroups(call.process.credentials, groups);
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
  { number: Sys.GETPID, name: 'getpid', handler: (call) => call.process.pid, support: 'full' },
  {
    number: Sys.GETPPID,
    name: 'getppid',
    handler: (call) => call.process.parent?.pid ?? 0,
    support: 'full',
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
  { number: Sys.GETUID, name: 'getuid', handler: (call) => credentials(call).uid, support: 'full' },
  {
    number: Sys.GETEUID,
    name: 'geteuid',
    handler: (call) => credentials(call).euid,
    support: 'full',
  },
  { number: Sys.GETGID, name: 'getgid', handler: (call) => credentials(call).gid, support: 'full' },
  {
    number: Sys.GETEGID,
    name: 'getegid',
    handler: (call) => credentials(call).egid,
    support: 'full',
  },
  {
    number: Sys.SETUID,
    name: 'setuid',
    handler: (call) => setuid(credentials(call), idArg(call, 0)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist; no fsuid',
  },
  {
    number: Sys.SETGID,
    name: 'setgid',
    handler: (call) => setgid(credentials(call), idArg(call, 0)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist; no fsgid',
  },
  {
    number: Sys.SETREUID,
    name: 'setreuid',
    handler: (call) => setreuid(credentials(call), idArg(call, 0), idArg(call, 1)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist',
  },
  {
    number: Sys.SETREGID,
    name: 'setregid',
    handler: (call) => setregid(credentials(call), idArg(call, 0), idArg(call, 1)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist',
  },
  {
    number: Sys.SETRESUID,
    name: 'setresuid',
    handler: (call) => setresuid(credentials(call), idArg(call, 0), idArg(call, 1), idArg(call, 2)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist',
  },
  {
    number: Sys.SETRESGID,
    name: 'setresgid',
    handler: (call) => setresgid(credentials(call), idArg(call, 0), idArg(call, 1), idArg(call, 2)),
    support: 'partial',
    note: 'privilege is euid 0 until capabilities exist',
  },
  {
    number: Sys.GETRESUID,
    name: 'getresuid',
    handler: (call) => {
      const c = credentials(call);
      return triple(call, [c.uid, c.euid, c.suid]);
    },
    support: 'full',
  },
  {
    number: Sys.GETRESGID,
    name: 'getresgid',
    handler: (call) => {
      const c = credentials(call);
      return triple(call, [c.gid, c.egid, c.sgid]);
    },
    support: 'full',
  },
  { number: Sys.GETGROUPS, name: 'getgroups', handler: getgroups, support: 'full' },
  { number: Sys.SETGROUPS, name: 'setgroups', handler: sysSetgroups, support: 'full' },
  { number: Sys.UMASK, name: 'umask', handler: umask, support: 'full' },
];
