// The benchmark harness: each benchmark measures its subject and a baseline
// in the same run, so results are ratios that survive a slower machine.

export interface Measurement {
  value: number;
  unit: string;
}

export interface Benchmark {
  name: string;
  /** What the baseline is, in a few words. */
  baseline: string;
  /** Measures the subject. */
  measure(): Promise<Measurement>;
  /** Measures the baseline, in the same unit as the subject. */
  measureBaseline(): Promise<Measurement>;
}

export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
}

/** Median of `runs` timings of `fn`, in microseconds, after `warmup` untimed runs. */
export async function medianMicros(fn: () => unknown, runs = 30, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function runBenchmark(benchmark: Benchmark): Promise<Result> {
  const baseline = await benchmark.measureBaseline();
  const subject = await benchmark.measure();
  if (baseline.unit !== subject.unit) {
    throw new Error(
      `${benchmark.name}: unit ${subject.unit} differs from baseline's ${baseline.unit}`,
    );
  }
  return {
    name: benchmark.name,
    value: round(subject.value),
    unit: subject.unit,
    baseline: benchmark.baseline,
    baseline_value: round(baseline.value),
    ratio: round(subject.value / baseline.value),
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function formatTable(results: Result[]): string {
  const header = ['benchmark', 'value', 'baseline', 'baseline value', 'ratio'];
  const rows = results.map((r) => [
    r.name,
    `${r.value} ${r.unit}`,
    r.baseline,
    `${r.baseline_value} ${r.unit}`,
    `${r.ratio}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
