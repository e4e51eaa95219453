// What /proc/sysvipc/{msg,sem,shm} and the IPC files of /proc/sys/kernel
// show and accept, for the reader's IPC namespace: Linux's column formats
// (ipc/msg.c, sem.c, shm.c sysvipc_*_proc_show), ids mapped into the
// reader's user namespace and pids into its pid namespace, and the
// tunables as proc_dointvec_minmax and proc_doulongvec_minmax parse them.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import { capableIn } from '../ns/capability.ts';
import type { IpcNamespace } from '../ns/ipc.ts';
import type { Process } from '../proc/process.ts';
import { decodeUtf8 } from '../utf8.ts';
import { permFields, pidSeenBy } from './ctl.ts';
import type { IpcLimits } from './limits.ts';
import { PAGE_SIZE, SEQ_MULTIPLIER } from './limits.ts';

/** C's printf with a width: right-aligned. */
const w = (value: number | bigint, width: number): string => String(value).padStart(width);
const octal = (mode: number): string => mode.toString(8).padStart(4);
/** A key as C's %d prints an int. */
const key = (value: number): string => w(value | 0, 10);

/** key, uid, gid, cuid, cgid, mode as the reader sees them. */
function perm(reader: Process, object: Parameters<typeof permFields>[1]) {
  const [k = 0, uid = 0, gid = 0, cuid = 0, cgid = 0, mode = 0] = permFields(reader, object);
  return { key: k, ids: [uid, gid, cuid, cgid].map((id) => w(id, 5)).join(' '), mode };
}

export function sysvipcMsgText(reader: Process): string {
  let text =
    '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n';
  for (const queue of reader.namespaces.ipc.msg.list()) {
    const p = perm(reader, queue);
    text += `${key(p.key)} ${w(queue.id, 10)}  ${octal(p.mode)}  ${w(queue.cbytes, 10)} ${w(queue.messages.length, 10)} `;
    text += `${w(pidSeenBy(reader, queue.lspid), 5)} ${w(pidSeenBy(reader, queue.lrpid), 5)} ${p.ids} `;
    text += `${w(queue.stime, 10)} ${w(queue.rtime, 10)} ${w(queue.ctime, 10)}\n`;
  }
  return text;
}

export function sysvipcSemText(reader: Process): string {
  let text =
    '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n';
  for (const set of reader.namespaces.ipc.sem.list()) {
    const p = perm(reader, set);
    text += `${key(p.key)} ${w(set.id, 10)}  ${octal(p.mode)} ${w(set.sems.length, 10)} ${p.ids} `;
    text += `${w(set.otime, 10)} ${w(set.ctime, 10)}\n`;
  }
  return text;
}

export function sysvipcShmText(reader: Process): string {
  let text =
    '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n';
  for (const segment of reader.namespaces.ipc.shm.list()) {
    const p = perm(reader, segment);
    text += `${key(p.key)} ${w(segment.id, 10)}  ${octal(p.mode)} ${w(segment.size, 21)} `;
    text += `${w(pidSeenBy(reader, segment.cpid), 5)} ${w(pidSeenBy(reader, segment.lpid), 5)}  `;
    text += `${w(segment.nattch, 5)} ${p.ids} ${w(segment.atime, 10)} ${w(segment.dtime, 10)} `;
    text += `${w(segment.ctime, 10)} ${w(segment.residentPages * PAGE_SIZE, 21)} ${w(0, 21)}\n`;
  }
  return text;
}

const INT_MAX = 0x7fffffff;
const ULONG_MAX = (1n << 64n) - 1n;

/** One tunable of /proc/sys/kernel: its values' text and how a write sets them. */
export interface IpcSysctl {
  read(limits: IpcLimits): string;
  /** Sets the limits from the written numbers (already checked to be integers). */
  write(limits: IpcLimits, values: bigint[]): void;
}

/** An int tunable in [0, max] (proc_dointvec_minmax with Linux's bounds). */
function intSysctl(field: 'msgmax' | 'msgmnb' | 'msgmni' | 'shmmni', max: number): IpcSysctl {
  return {
    read: (limits) => `${limits[field]}\n`,
    write(limits, values) {
      const value = values[0];
      if (value === undefined || value < 0n || value > BigInt(max)) fail(Errno.EINVAL);
      limits[field] = Number(value);
    },
  };
}

function ulongSysctl(field: 'shmmax' | 'shmall'): IpcSysctl {
  return {
    read: (limits) => `${limits[field]}\n`,
    write(limits, values) {
      const value = values[0];
      // proc_doulongvec_minmax ignores a value out of its range (there is none here but ULONG_MAX).
      if (value === undefined || value < 0n || value > ULONG_MAX) fail(Errno.EINVAL);
      limits[field] = value;
    },
  };
}

/** sem: semmsl, semmns, semopm, semmni, as proc_ipc_sem_dointvec (semmni at most IPCMNI). */
const semSysctl: IpcSysctl = {
  read: (l) => `${l.semmsl}\t${l.semmns}\t${l.semopm}\t${l.semmni}\n`,
  write(limits, values) {
    if (values.some((value) => value < 0n || value > BigInt(INT_MAX))) fail(Errno.EINVAL);
    const [msl, mns, opm, mni] = values.map(Number);
    if (mni !== undefined && mni > SEQ_MULTIPLIER) fail(Errno.EINVAL);
    if (msl !== undefined) limits.semmsl = msl;
    if (mns !== undefined) limits.semmns = mns;
    if (opm !== undefined) limits.semopm = opm;
    if (mni !== undefined) limits.semmni = mni;
  },
};

export const ipcSysctls: Record<string, IpcSysctl> = {
  msgmax: intSysctl('msgmax', INT_MAX),
  msgmnb: intSysctl('msgmnb', INT_MAX),
  msgmni: intSysctl('msgmni', SEQ_MULTIPLIER),
  sem: semSysctl,
  shmall: ulongSysctl('shmall'),
  shmmax: ulongSysctl('shmmax'),
  shmmni: intSysctl('shmmni', SEQ_MULTIPLIER),
};

/**
 * A write to one of the files: root over the IPC namespace's owning user
 * namespace (the files' owner there), at offset 0, whitespace-separated
 * decimal integers; anything else EINVAL, as proc_dointvec does.
 */
export function writeIpcSysctl(
  writer: Process,
  ns: IpcNamespace,
  sysctl: IpcSysctl,
  data: Uint8Array,
  offset: number,
): void {
  if (!capableIn(writer, ns.owner ?? writer.namespaces.user)) fail(Errno.EPERM);
  if (offset !== 0) fail(Errno.EINVAL);
  const words = decodeUtf8(data).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.some((word) => !/^[-+]?\d+$/.test(word))) fail(Errno.EINVAL);
  sysctl.write(
    ns.limits,
    words.map((word) => BigInt(word)),
  );
}
