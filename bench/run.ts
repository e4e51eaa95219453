// `npm run bench [-- --json] [-- NAME...]`: runs the named benchmarks (all
// by default) and prints a table, or one JSON object per line with --json.
import { formatTable, runBenchmark, type Benchmark, type Result } from './harness.ts';
import { nodeWasiRun } from './benchmarks/node-wasi.ts';
import {
  atomicsSpinRoundTrip,
  atomicsSpinWaitAsyncRoundTrip,
  atomicsWaitAsyncRoundTrip,
} from './benchmarks/atomics-round-trip.ts';
import { freshWorkerRun } from './benchmarks/fresh-worker.ts';
import { nodeWasiFileRead, nodeWasiSha256 } from './benchmarks/node-wasi-io.ts';
import { kernelSyscallRoundTrip } from './benchmarks/kernel-syscall.ts';
import { kernelSpawnWarm } from './benchmarks/kernel-spawn.ts';
import { kernelCatPipeCount, kernelCatPipeCountVsLinux } from './benchmarks/kernel-pipe.ts';
import { kernelSha256Bench } from './benchmarks/kernel-sha256.ts';
import { imageLoadNode } from './benchmarks/image-load.ts';
import { imageLoadChromium } from './benchmarks/image-load-browser.ts';
import {
  namespacesCreate,
  namespacesEnter,
  namespacesUnshareAll,
} from './benchmarks/namespaces.ts';
import { engineRunVsDocker, engineRunVsRunc } from './benchmarks/engine-run.ts';
import { engineIdleMemory } from './benchmarks/engine-idle-memory.ts';
import { shellBenchmarks } from './benchmarks/shell.ts';

const benchmarks: Benchmark[] = [
  nodeWasiRun,
  atomicsSpinRoundTrip,
  atomicsWaitAsyncRoundTrip,
  atomicsSpinWaitAsyncRoundTrip,
  freshWorkerRun,
  nodeWasiFileRead,
  nodeWasiSha256,
  kernelSyscallRoundTrip,
  kernelSpawnWarm,
  kernelCatPipeCount,
  kernelCatPipeCountVsLinux,
  kernelSha256Bench,
  imageLoadNode,
  imageLoadChromium,
  namespacesUnshareAll,
  ...namespacesCreate,
  ...namespacesEnter,
  engineRunVsRunc,
  engineRunVsDocker,
  engineIdleMemory,
  ...shellBenchmarks,
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')}`);
  console.error(`available: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const results: Result[] = [];
for (const benchmark of benchmarks) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  const result = await runBenchmark(benchmark);
  results.push(result);
  if (json) console.log(JSON.stringify(result));
}
if (!json) console.log(formatTable(results));
