// `docker logs [-f] [-t] [--tail N] [--since T] [--until T] CONTAINER`:
// what the container wrote, stdout to stdout and stderr to stderr, each
// line with its RFC 3339 time (nine digits) under -t; -f goes on while
// the container runs.
import type { LogEntry } from '../../../engine/log-buffer.ts';
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { flagOn, flagValue, parseFlags } from '../flags.ts';
import { daemonPrefix } from './each-container.ts';
import { parseTimeValue, TimeValueError } from './time-value.ts';

/** Go's RFC3339NanoFixed in UTC, as `docker logs -t` prints it. */
export function logTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export const logsCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'follow', short: 'f' },
      { long: 'timestamps', short: 't' },
      { long: 'tail', short: 'n', value: true },
      { long: 'since', value: true },
      { long: 'until', value: true },
      { long: 'details' },
    ],
    true,
  );
  needArgs(args, 'logs', 1, true);
  const name = args[0]!;
  let logs;
  try {
    logs = engine.logs(name);
  } catch (error) {
    if (!isDaemonError(error)) throw error;
    await io.err(`${daemonPrefix(error)}${error.message}\n`);
    return 1;
  }
  const now = io.now();
  let since = -Infinity;
  let until = Infinity;
  try {
    const sinceText = flagValue(flags, 'since');
    const untilText = flagValue(flags, 'until');
    if (sinceText) since = parseTimeValue(sinceText, now);
    if (untilText) until = parseTimeValue(untilText, now);
  } catch (error) {
    if (!(error instanceof TimeValueError)) throw error;
    await io.err(`${error.message}\n`);
    return 1;
  }
  const inRange = (entry: LogEntry) => entry.time >= since && entry.time <= until;
  let entries = logs.entries.filter(inRange);
  const tail = flagValue(flags, 'tail') ?? 'all';
  if (tail !== 'all') {
    const count = Number(tail);
    // Docker shows everything for a tail it cannot read as a count.
    if (Number.isInteger(count) && count >= 0) {
      entries = entries.slice(Math.max(0, entries.length - count));
    }
  }
  const stamps = flagOn(flags, 'timestamps');
  const show = async (entry: LogEntry) => {
    const write = entry.stream === 'stdout' ? io.out : io.err;
    if (stamps) await write(`${logTime(entry.time)} `);
    await write(entry.bytes);
  };
  for (const entry of entries) await show(entry);
  const record = engine.inspect(name);
  if (flagOn(flags, 'follow') && record.State.Running && until === Infinity) {
    let chain = Promise.resolve();
    const stop = logs.follow((entry) => {
      if (inRange(entry)) chain = chain.then(() => show(entry)).catch(() => undefined);
    });
    try {
      await engine.wait(record.Id);
    } finally {
      stop();
    }
    await chain;
  }
  return 0;
};
