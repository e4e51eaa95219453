// `docker top CONTAINER`: the container's processes as the host's `ps -ef`
// shows them (UID PID PPID C STIME TTY TIME CMD, host pids), in the docker
// CLI's table (Go's tabwriter, cells at least 20 wide, 3 spaces of padding).
// ps options after the name are accepted; the columns stay those of -ef.
import type { ContainerProcess } from '../../../runtime/container-operations.ts';
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

const TITLES = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** procps's STIME: HH:MM for a process started today, else MonDD (UTC). */
function startTime(ms: number, now: number): string {
  const start = new Date(ms);
  if (new Date(now).toISOString().slice(0, 10) === start.toISOString().slice(0, 10)) {
    return `${two(start.getUTCHours())}:${two(start.getUTCMinutes())}`;
  }
  return `${MONTHS[start.getUTCMonth()]}${two(start.getUTCDate())}`;
}

/** procps's TIME: cumulative CPU time as [DD-]HH:MM:SS. */
function cpuTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86400);
  const clock = `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return days > 0 ? `${days}-${clock}` : clock;
}

export function topRows(processes: ContainerProcess[], now: number): string[][] {
  return processes.map((process) => [
    process.uid === 0 ? 'root' : String(process.uid),
    String(process.pid),
    String(process.ppid),
    '0',
    startTime(process.startedAt, now),
    process.tty,
    cpuTime(process.cpuMs),
    process.args.join(' '),
  ]);
}

/** Go's tabwriter as `docker top` sets it up: minimum width 20, padding 3, last cell as is. */
export function topTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 20);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)))
    .map((cells) => `${cells.join('')}\n`)
    .join('');
}

export const topCommand: Command = async (argv, io, engine) => {
  const { args } = parseFlags(argv, [HELP]);
  needArgs(args, 'top', 1);
  try {
    const processes = await engine.top(args[0]!);
    await io.out(topTable([TITLES, ...topRows(processes, io.now())]));
    return 0;
  } catch (error) {
    if (!isDaemonError(error)) throw error;
    await io.err(`Error response from daemon: ${error.message}\n`);
    return 1;
  }
};
