// The text of /proc/<pid>/stat, status and comm in Linux's formats
// (fs/proc/array.c). CPU times are the kernel's estimate
// (cgroup/task-usage.ts); fields it does not track (memory, addresses,
// faults) are 0, as Linux shows them for a kernel thread.
import type { ProcfsProcess } from './source.ts';

/** The command name (Linux's comm): the executable's base name, at most 15 bytes. */
export function commOf(process: ProcfsProcess): string {
  const path = process.comm || process.executable || process.argv[0] || '';
  return (path.split('/').pop() ?? '').slice(0, 15);
}

const stateNames: Record<string, string> = {
  R: 'R (running)',
  S: 'S (sleeping)',
  T: 'T (stopped)',
  Z: 'Z (zombie)',
};

const hex16 = (set: number): string => (set >>> 0).toString(16).padStart(16, '0');
const octal4 = (mask: number): string => mask.toString(8).padStart(4, '0');
const kB = (value: number): string => `${String(value).padStart(8)} kB`;

/** /proc/<pid>/stat: 52 fields, space-separated, comm in parentheses. */
export function statText(process: ProcfsProcess): string {
  const fields: (number | string)[] = new Array<number | string>(52).fill(0);
  fields[0] = process.pid;
  fields[1] = `(${commOf(process)})`;
  fields[2] = process.state;
  fields[3] = process.ppid;
  fields[4] = process.pgid;
  fields[5] = process.sid;
  fields[6] = 0; // tty_nr: no controlling terminal known here
  fields[7] = -1; // tpgid
  fields[8] = 4194304; // flags: PF_RANDOMIZE, as Linux shows user processes
  const times = process.times;
  if (times) {
    fields[13] = times.utime;
    fields[14] = times.stime;
    fields[15] = times.cutime;
    fields[16] = times.cstime;
    fields[21] = times.start; // starttime: ticks after boot
  }
  fields[17] = 20; // priority (field 18 of proc(5): fields[] counts from 0)
  fields[18] = 0; // nice
  fields[19] = 1; // num_threads
  fields[22] = 0; // vsize
  fields[24] = '18446744073709551615'; // rsslim: RLIM_INFINITY
  fields[37] = 17; // exit_signal: SIGCHLD
  return `${fields.join(' ')}\n`;
}

/** /proc/<pid>/status, with Linux's keys in Linux's order (those we can fill). */
export function statusText(process: ProcfsProcess): string {
  const c = process.credentials;
  const lines: [string, string][] = [
    ['Name', commOf(process)],
    ['Umask', octal4(process.umask)],
    ['State', stateNames[process.state] ?? process.state],
    ['Tgid', String(process.pid)],
    ['Ngid', '0'],
    ['Pid', String(process.pid)],
    ['PPid', String(process.ppid)],
    ['TracerPid', '0'],
    ['Uid', `${c.uid}\t${c.euid}\t${c.suid}\t${c.euid}`],
    ['Gid', `${c.gid}\t${c.egid}\t${c.sgid}\t${c.egid}`],
    ['FDSize', String(Math.max(64, Math.ceil(process.fdLimit / 64) * 64))],
    ['Groups', `${c.groups.join(' ')} `],
    ['NStgid', process.nspid.join('\t')],
    ['NSpid', process.nspid.join('\t')],
    ['NSpgid', process.nspgid.join('\t')],
    ['NSsid', process.nssid.join('\t')],
    ['Kthread', '0'],
    ['VmPeak', kB(0)],
    ['VmSize', kB(0)],
    ['VmLck', kB(0)],
    ['VmPin', kB(0)],
    ['VmHWM', kB(0)],
    ['VmRSS', kB(0)],
    ['RssAnon', kB(0)],
    ['RssFile', kB(0)],
    ['RssShmem', kB(0)],
    ['VmData', kB(0)],
    ['VmStk', kB(0)],
    ['VmExe', kB(0)],
    ['VmLib', kB(0)],
    ['VmPTE', kB(0)],
    ['VmSwap', kB(0)],
    ['Threads', '1'],
    ['SigQ', `${popcount(process.signals.pending)}/31`],
    ['SigPnd', hex16(process.signals.pending)],
    ['ShdPnd', hex16(0)],
    ['SigBlk', hex16(process.signals.blocked)],
    ['SigIgn', hex16(process.signals.ignored)],
    ['SigCgt', hex16(process.signals.caught)],
    ['CapInh', hex16(0)],
    ['NoNewPrivs', '0'],
    ['Seccomp', '0'],
    ['voluntary_ctxt_switches', '0'],
    ['nonvoluntary_ctxt_switches', '0'],
  ];
  if (process.state === 'Z')
    lines.splice(
      lines.findIndex(([key]) => key === 'VmPeak'),
      15,
    );
  return lines.map(([key, value]) => `${key}:\t${value}\n`).join('');
}

function popcount(set: number): number {
  let count = 0;
  for (let bits = set >>> 0; bits !== 0; bits >>>= 1) count += bits & 1;
  return count;
}
