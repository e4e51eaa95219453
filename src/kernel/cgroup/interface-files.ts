// The interface files of a cgroup directory, as a table (after Linux's
// cftype arrays): each has a name, a mode, the controller it belongs to
// (or the core), whether the root has it, and how it is read and written.
// Reads produce the whole text; a write gets the whole buffer of one
// write(2) and throws KernelError for Linux's errno.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Process } from '../proc/process.ts';
import type { Cgroup, MemoryEvents } from './cgroup.ts';
import { CONTROLLERS, controllerList, type Controller } from './controllers.ts';
import type { CgroupHierarchy } from './hierarchy.ts';
import { isFrozen, setFreeze } from './freezer.ts';
import { PAGE_SIZE } from './memory.ts';
import {
  INT_MAX,
  parseBytesOrMax,
  parseIntOrMax,
  parseInteger,
  showLimit,
  strip,
} from './values.ts';

/** Who reads or writes, and how they see processes. */
export interface FileContext {
  cgroup: Cgroup;
  hierarchy: CgroupHierarchy;
  /** The process that opened the file (its pid view, its cgroup namespace); undefined for the kernel. */
  opener: Process | undefined;
}

export interface InterfaceFile {
  name: string;
  /** Permission bits (0o644 read-write, 0o444 read-only, 0o200 write-only). */
  mode: number;
  /** The controller that must be enabled here for the file to exist; undefined for core files. */
  controller?: Controller;
  /** Absent from the root cgroup (Linux's CFTYPE_NOT_ON_ROOT). */
  notOnRoot?: boolean;
  read?(context: FileContext): string;
  write?(context: FileContext, text: string): void;
}

/** Linux's PID_MAX_LIMIT + 1: pids.max must be below it. */
const PIDS_LIMIT = 4_194_305n;

const lines = (rows: [string, number | string][]): string =>
  rows.map(([key, value]) => `${key} ${value}\n`).join('');

function eventLines(events: MemoryEvents): string {
  return lines(Object.entries(events));
}

/** The pid `opener` sees `process` by, or undefined when outside its pid namespace. */
function pidFor(context: FileContext, process: Process): number | undefined {
  return context.hierarchy.host.pidIn(context.opener, process);
}

function procsText(context: FileContext): string {
  const pids: number[] = [];
  for (const process of context.cgroup.liveMembers()) {
    const pid = pidFor(context, process);
    if (pid) pids.push(pid);
  }
  return pids
    .sort((a, b) => a - b)
    .map((pid) => `${pid}\n`)
    .join('');
}

/** The process a pid written to cgroup.procs names: 0 is the writer itself. */
function writtenProcess(context: FileContext, text: string): Process {
  const pid = Number(parseInteger(strip(text), -(INT_MAX + 1n), INT_MAX));
  const opener = context.opener ?? fail(Errno.ESRCH);
  if (pid < 0) fail(Errno.EINVAL);
  if (pid === 0) return opener;
  return context.hierarchy.host.processAt(opener, pid) ?? fail(Errno.ESRCH);
}

/**
 * With nsdelegate, a migration stays inside the writer's cgroup namespace
 * (ENOENT otherwise); without it Linux checks nothing more here.
 */
function checkReach(context: FileContext, process: Process): void {
  if (!context.hierarchy.nsDelegate) return;
  const root = context.hierarchy.viewRoot(context.opener);
  if (!context.cgroup.isWithin(root)) fail(Errno.ENOENT);
  if (process.cgroup && !process.cgroup.isWithin(root)) fail(Errno.ENOENT);
}

function cpuStat(context: FileContext): string {
  const now = context.hierarchy.host.now();
  const usec = Math.round(context.cgroup.cpuMs(now) * 1000);
  const systemUsec = Math.min(usec, Math.round(context.cgroup.systemMs(now) * 1000));
  const rows: [string, number][] = [
    ['usage_usec', usec],
    ['user_usec', usec - systemUsec],
    ['system_usec', systemUsec],
    ['nice_usec', 0],
  ];
  if (!context.cgroup.isRoot && context.cgroup.has('cpu')) {
    rows.push(
      ['nr_periods', 0],
      ['nr_throttled', 0],
      ['throttled_usec', 0],
      ['nr_bursts', 0],
      ['burst_usec', 0],
    );
  }
  return lines(rows);
}

function cgroupStat(cgroup: Cgroup): string {
  const rows: [string, number][] = [['nr_descendants', cgroup.descendantCount()]];
  const count = (controller: Controller): number =>
    [...cgroup.subtree()].filter((c) => c.has(controller)).length;
  for (const controller of CONTROLLERS) rows.push([`nr_subsys_${controller}`, count(controller)]);
  rows.push(['nr_dying_descendants', 0]);
  for (const controller of CONTROLLERS) rows.push([`nr_dying_subsys_${controller}`, 0]);
  return lines(rows);
}

/** cpu.max: `$MAX $PERIOD` or `$MAX` (period kept); MAX is `max` or 1000.., PERIOD 1000..1000000. */
function writeCpuMax(cgroup: Cgroup, text: string): void {
  const parts = strip(text).split(/\s+/);
  if (parts.length > 2 || parts[0] === '') fail(Errno.EINVAL);
  const period = parts[1] ?? cgroup.cpu.max.split(' ')[1]!;
  const periodValue = Number(parseInteger(period, 0n, 1n << 53n));
  if (periodValue < 1000 || periodValue > 1_000_000) fail(Errno.EINVAL);
  const quota = parts[0]!;
  if (quota !== 'max') {
    const value = parseInteger(quota, 0n, 1n << 53n);
    if (value < 1000n) fail(Errno.EINVAL);
  }
  cgroup.cpu.max = `${quota} ${periodValue}`;
}

export const INTERFACE_FILES: readonly InterfaceFile[] = [
  {
    name: 'cgroup.controllers',
    mode: 0o444,
    read: ({ cgroup }) => `${controllerList(cgroup.controllers)}\n`,
  },
  {
    name: 'cgroup.events',
    mode: 0o444,
    notOnRoot: true,
    read: ({ cgroup }) =>
      lines([
        ['populated', cgroup.populated ? 1 : 0],
        ['frozen', isFrozen(cgroup) ? 1 : 0],
      ]),
  },
  {
    name: 'cgroup.freeze',
    mode: 0o644,
    notOnRoot: true,
    read: ({ cgroup }) => `${cgroup.freeze ? 1 : 0}\n`,
    write: ({ cgroup }, text) => {
      const value = parseInteger(strip(text), -(INT_MAX + 1n), INT_MAX);
      if (value !== 0n && value !== 1n) fail(Errno.ERANGE);
      setFreeze(cgroup, value === 1n);
    },
  },
  {
    name: 'cgroup.kill',
    mode: 0o200,
    notOnRoot: true,
    write: (context, text) => {
      if (Number(parseInteger(strip(text), -(INT_MAX + 1n), INT_MAX)) !== 1) fail(Errno.ERANGE);
      context.hierarchy.killAll(context.cgroup);
    },
  },
  {
    name: 'cgroup.max.depth',
    mode: 0o644,
    read: ({ cgroup }) => `${showLimit(cgroup.maxDepth)}\n`,
    write: ({ cgroup }, text) => void (cgroup.maxDepth = parseIntOrMax(text)),
  },
  {
    name: 'cgroup.max.descendants',
    mode: 0o644,
    read: ({ cgroup }) => `${showLimit(cgroup.maxDescendants)}\n`,
    write: ({ cgroup }, text) => void (cgroup.maxDescendants = parseIntOrMax(text)),
  },
  {
    name: 'cgroup.procs',
    mode: 0o644,
    read: procsText,
    write: (context, text) => {
      const process = writtenProcess(context, text);
      checkReach(context, process);
      context.hierarchy.migrate(process, context.cgroup);
    },
  },
  {
    name: 'cgroup.stat',
    mode: 0o444,
    read: ({ cgroup }) => cgroupStat(cgroup),
  },
  {
    name: 'cgroup.subtree_control',
    mode: 0o644,
    read: ({ cgroup }) => `${controllerList(cgroup.subtreeControl)}\n`,
    write: (context, text) => context.hierarchy.changeSubtreeControl(context.cgroup, text),
  },
  {
    name: 'cgroup.threads',
    mode: 0o644,
    read: procsText,
    write: (context, text) => {
      // Processes here have one thread each; a thread may move only within
      // its threaded domain, which for a domain cgroup is the cgroup itself.
      const process = writtenProcess(context, text);
      checkReach(context, process);
      if (process.cgroup !== context.cgroup) fail(Errno.ENOTSUP);
    },
  },
  {
    name: 'cgroup.type',
    mode: 0o644,
    notOnRoot: true,
    read: () => 'domain\n',
    write: (_context, text) => {
      if (strip(text) !== 'threaded') fail(Errno.EINVAL);
      // Threaded subtrees need threads, which WASI processes do not have.
      fail(Errno.ENOTSUP);
    },
  },
  { name: 'cpu.stat', mode: 0o444, read: cpuStat },
  {
    name: 'cpu.max',
    mode: 0o644,
    controller: 'cpu',
    notOnRoot: true,
    read: ({ cgroup }) => `${cgroup.cpu.max}\n`,
    write: ({ cgroup }, text) => writeCpuMax(cgroup, text),
  },
  {
    name: 'cpu.weight',
    mode: 0o644,
    controller: 'cpu',
    notOnRoot: true,
    read: ({ cgroup }) => `${cgroup.cpu.weight}\n`,
    write: ({ cgroup }, text) => {
      const value = Number(parseInteger(strip(text), 0n, 1n << 53n));
      if (value < 1 || value > 10000) fail(Errno.ERANGE);
      cgroup.cpu.weight = value;
    },
  },
  {
    name: 'memory.current',
    mode: 0o444,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => `${cgroup.memoryCurrent()}\n`,
  },
  {
    name: 'memory.events',
    mode: 0o444,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => eventLines(cgroup.memory.events),
  },
  {
    name: 'memory.events.local',
    mode: 0o444,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => eventLines(cgroup.memory.eventsLocal),
  },
  {
    name: 'memory.high',
    mode: 0o644,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => `${showLimit(cgroup.memory.high)}\n`,
    write: ({ cgroup }, text) => void (cgroup.memory.high = parseBytesOrMax(text, PAGE_SIZE)),
  },
  {
    name: 'memory.max',
    mode: 0o644,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => `${showLimit(cgroup.memory.max)}\n`,
    write: (context, text) => {
      context.cgroup.memory.max = parseBytesOrMax(text, PAGE_SIZE);
      context.hierarchy.enforceMemory(context.cgroup);
    },
  },
  {
    name: 'memory.peak',
    mode: 0o444,
    controller: 'memory',
    notOnRoot: true,
    read: ({ cgroup }) => `${Math.max(cgroup.memory.peak, cgroup.memoryCurrent())}\n`,
  },
  {
    name: 'pids.current',
    mode: 0o444,
    controller: 'pids',
    notOnRoot: true,
    read: ({ cgroup }) => `${cgroup.taskCount()}\n`,
  },
  {
    name: 'pids.events',
    mode: 0o444,
    controller: 'pids',
    notOnRoot: true,
    read: ({ cgroup }) => `max ${cgroup.pids.events}\n`,
  },
  {
    name: 'pids.events.local',
    mode: 0o444,
    controller: 'pids',
    notOnRoot: true,
    read: ({ cgroup }) => `max ${cgroup.pids.eventsLocal}\n`,
  },
  {
    name: 'pids.max',
    mode: 0o644,
    controller: 'pids',
    notOnRoot: true,
    read: ({ cgroup }) => `${showLimit(cgroup.pids.max)}\n`,
    write: ({ cgroup }, text) => {
      const value = strip(text);
      if (value === 'max') {
        cgroup.pids.max = Infinity;
        return;
      }
      const limit = parseInteger(value, -(1n << 63n), (1n << 63n) - 1n);
      if (limit < 0n || limit >= PIDS_LIMIT) fail(Errno.EINVAL);
      cgroup.pids.max = Number(limit);
    },
  },
  {
    name: 'pids.peak',
    mode: 0o444,
    controller: 'pids',
    notOnRoot: true,
    read: ({ cgroup }) => `${Math.max(cgroup.pids.peak, cgroup.taskCount())}\n`,
  },
];

/** The files `cgroup` has: core ones, and those of the controllers enabled for it. */
export function filesOf(cgroup: Cgroup): InterfaceFile[] {
  return INTERFACE_FILES.filter((file) => {
    if (file.notOnRoot && cgroup.isRoot) return false;
    return !file.controller || cgroup.has(file.controller);
  });
}
