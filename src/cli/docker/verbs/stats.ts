// `docker stats --no-stream [CONTAINER...]`: CPU %, memory use and limit,
// and the number of processes of each running container, from its cgroup
// (cpu.stat, memory.current/max, pids.current). The CPU share is measured
// over a short interval as dockerd's two samples are; network and block
// I/O are not counted by the kernel and show 0B / 0B. Without
// --no-stream the table is printed once a second until the caller goes.
import type { ContainerRecord } from '../../../engine/container.ts';
import type { Engine } from '../../../engine/engine.ts';
import { DEFAULT_TOTAL_MEMORY } from '../../../kernel/syscalls/system.ts';
import type { ContainerUsage } from '../../../runtime/container-operations.ts';
import { formatRows, HELP, isDaemonError, type Command } from '../command.ts';
import { flagOn, flagValue, parseFlags } from '../flags.ts';
import { bytesSize } from '../units.ts';

const SAMPLE_MS = 200;

const HEADERS: Record<string, string> = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};
const FIELDS = ['ID', 'Name', 'CPUPerc', 'MemUsage', 'MemPerc', 'NetIO', 'BlockIO', 'PIDs'];

const percent = (value: number) => `${(Number.isFinite(value) ? value : 0).toFixed(2)}%`;

function row(
  record: ContainerRecord,
  given: string,
  before: ContainerUsage | undefined,
  after: ContainerUsage | undefined,
  elapsedMs: number,
): Record<string, string> {
  const limit =
    after && Number.isFinite(after.memory.limit) ? after.memory.limit : DEFAULT_TOTAL_MEMORY;
  const usage = after?.memory.usage ?? 0;
  const cpu =
    before && after && elapsedMs > 0
      ? ((after.cpuUsec - before.cpuUsec) / (elapsedMs * 1000)) * 100
      : 0;
  return {
    Container: given,
    ID: record.Id.slice(0, 12),
    Name: record.Name.slice(1),
    CPUPerc: after ? percent(cpu) : '0.00%',
    MemUsage: after ? `${bytesSize(usage)} / ${bytesSize(limit)}` : '0B / 0B',
    MemPerc: after ? percent((usage / limit) * 100) : '0.00%',
    NetIO: '0B / 0B',
    BlockIO: '0B / 0B',
    PIDs: String(after?.pids ?? 0),
  };
}

async function sample(engine: Engine, records: ContainerRecord[]) {
  return Promise.all(records.map((record) => engine.usage(record.Id).catch(() => undefined)));
}

export const statsCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'all', short: 'a' },
      { long: 'no-stream' },
      { long: 'no-trunc' },
      { long: 'format', value: true },
    ],
    true,
  );
  let records: ContainerRecord[];
  const names = args.length > 0 ? args : undefined;
  if (names) {
    records = [];
    for (const name of names) {
      try {
        records.push(engine.inspect(name));
      } catch (error) {
        if (!isDaemonError(error)) throw error;
        await io.err(`Error response from daemon: ${error.message}\n`);
        return 1;
      }
    }
  } else {
    records = engine.list(flagOn(flags, 'all'));
  }
  const format = flagValue(flags, 'format');
  const full = flagOn(flags, 'no-trunc');
  const table = async () => {
    const start = Date.now();
    const before = await sample(engine, records);
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const after = await sample(engine, records);
    const elapsed = Date.now() - start;
    const rows = records.map((record, i) => {
      const fields = row(
        record,
        names?.[i] ?? record.Id.slice(0, 12),
        before[i],
        after[i],
        elapsed,
      );
      if (full) fields.ID = record.Id;
      return fields;
    });
    return formatRows(format, HEADERS, FIELDS, rows, 'formatter.containerStatsContext');
  };
  if (flagOn(flags, 'no-stream')) {
    await io.out(await table());
    return 0;
  }
  // Streaming: redraw (ANSI clear screen and home) each second until a write fails.
  for (;;) {
    try {
      await io.out(`\x1b[2J\x1b[H${await table()}`);
    } catch {
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 - SAMPLE_MS));
  }
};
