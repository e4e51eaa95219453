// engine.idle-memory: what an idle running container costs in memory
// against an idle bare worker that has instantiated the same module
// (issue #6: at most 2x). Each side is measured in a fresh Node process
// (idle-memory-probe.ts says how): the growth of RSS per unit over N=10
// idle containers (`docker run -d box sleep 1000` on a warm engine) and
// over N=10 idle worker threads with box instantiated.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark, Measurement } from '../harness.ts';

const PROBE = fileURLToPath(new URL('./idle-memory-probe.ts', import.meta.url));

function probe(side: 'containers' | 'workers'): Measurement {
  const output = execFileSync(
    process.execPath,
    ['--no-warnings', '--expose-gc', '--import', 'tsx', PROBE, side],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 },
  );
  const { perUnit } = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { perUnit?: number };
  if (typeof perUnit !== 'number') throw new Error(`idle-memory-probe ${side}: no figure`);
  return { value: perUnit, unit: 'MiB' };
}

export const engineIdleMemory: Benchmark = {
  name: 'engine.idle-memory',
  baseline: 'an idle worker thread with box instantiated (RSS growth per unit, N=10)',
  measure: async () => probe('containers'),
  measureBaseline: async () => probe('workers'),
};
