// The shell (box's sh) on the bocal kernel, against real shells on this
// machine in the same run (issue #4's size and speed figures):
//
// - shell.sh-c-true: `sh -c true` from spawn to exit on a warm kernel;
//   baseline: Debian's dash doing the same natively (spawn to exit).
// - shell.sh-c-true-vs-spawn: the same, against spawning hello.wasm
//   directly on the same kernel (the issue: within 3x).
// - shell.while-loop: `i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done`
//   (builtins and arithmetic only: the interpreter's own speed); baseline:
//   dash natively.
// - shell.seq-pipe-wc: `for i in $(seq 1 1000); do echo $i; done | wc -l`
//   on bocal; baseline: box's sh built natively running it on Linux (the
//   issue: within 5x).
// - shell.box-wasm-size: build/wasm/box.wasm in KiB; baseline: the issue's
//   limit, 1.5 MiB.
//
// Figures (2 cores, load average 11-12 from other work), one run:
//   sh -c true 5.0 ms (dash 15.1 ms natively: 0.33x; hello.wasm 3.7 ms on
//   bocal: 0.79x; these two vary 2-4x from run to run under that load),
//   while loop 641 ms (dash 319 ms: 2.0x), seq | wc 274 ms (native box sh
//   56 ms: 4.9x), box.wasm 706 KiB (0.46x the limit). Before a lone `[` was
//   no longer taken as a glob pattern, every `[ ... ]` read the working
//   directory: the loop took 25.8 s (38x dash).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Benchmark, Measurement } from '../harness.ts';
import { median, nowNanoseconds } from '../baselines/statistics.ts';
import { builtNative, builtWasm } from '../baselines/programs.ts';
import { withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';
import { spawnHello } from './kernel-spawn.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';

const DASH = '/usr/bin/dash';
const LOOP = 'i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i';
const PIPE = 'for i in $(seq 1 1000); do echo $i; done | wc -l';

/** Median of `runs` timings (ms) of `fn`, after `warmup` untimed ones. */
async function medianMs(fn: () => Promise<void> | void, runs: number, warmup = 2): Promise<number> {
  const samples: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    const start = nowNanoseconds();
    await fn();
    if (run >= 0) samples.push((nowNanoseconds() - start) / 1e6);
  }
  return median(samples);
}

/** Installs box as /bin/sh, /bin/seq and /bin/wc on the kernel. */
async function installBox(kernel: BenchKernel): Promise<void> {
  const box = kernel.program('box');
  makeDirectories(kernel.kernel.init, '/bin');
  for (const name of ['sh', 'seq', 'wc']) {
    await writeFile(kernel.kernel.init, `/bin/${name}`, box.bytes, 0o755);
  }
}

/** Runs `sh -c SCRIPT` on bocal; checks its status and, if given, its output. */
async function bocalShell(kernel: BenchKernel, script: string, expected?: string): Promise<void> {
  const stdout = kernel.capture();
  const stderr = kernel.capture();
  const spawned = await kernel.kernel.spawn({
    program: { path: '/bin/sh' },
    argv: ['sh', '-c', script],
    env: ['PATH=/bin'],
    fds: new Map([
      [1, stdout.file],
      [2, stderr.file],
    ]),
  });
  const status = await kernel.waitFor(spawned);
  if (status !== 0) {
    throw new Error(`sh -c '${script}' exited with ${status}: ${stderr.text()}`);
  }
  if (expected !== undefined && stdout.text() !== expected) {
    throw new Error(`sh -c '${script}' printed ${JSON.stringify(stdout.text())}`);
  }
}

function onBocal(script: string, runs: number, expected?: string): Promise<Measurement> {
  return withBenchKernel(async (kernel) => {
    await installBox(kernel);
    const value = await medianMs(() => bocalShell(kernel, script, expected), runs);
    return { value, unit: 'ms' };
  });
}

/** Runs SHELL -c SCRIPT natively; checks its status and output. */
function natively(
  shell: string,
  script: string,
  runs: number,
  expected?: string,
): Promise<Measurement> {
  const run = (): void => {
    const result = spawnSync(shell, ['-c', script], { encoding: 'utf8', argv0: 'sh' });
    if (result.status !== 0)
      throw new Error(`${shell} -c '${script}' exited with ${result.status}`);
    if (expected !== undefined && result.stdout !== expected) {
      throw new Error(`${shell} -c '${script}' printed ${JSON.stringify(result.stdout)}`);
    }
  };
  return medianMs(run, runs).then((value) => ({ value, unit: 'ms' }));
}

export const shellTrue: Benchmark = {
  name: 'shell.sh-c-true',
  baseline: 'dash -c true natively',
  measure: () => onBocal('true', 30),
  measureBaseline: () => natively(DASH, 'true', 30),
};

export const shellTrueVsSpawn: Benchmark = {
  name: 'shell.sh-c-true-vs-spawn',
  baseline: 'hello.wasm spawned directly on bocal',
  measure: () => onBocal('true', 30),
  measureBaseline: () =>
    withBenchKernel(async (kernel) => {
      const value = await medianMs(async () => {
        const status = await spawnHello(kernel);
        if (status !== 0) throw new Error(`hello exited with ${status}`);
      }, 30);
      return { value, unit: 'ms' };
    }),
};

export const shellWhileLoop: Benchmark = {
  name: 'shell.while-loop',
  baseline: 'dash natively',
  measure: () => onBocal(LOOP, 3, '100000\n'),
  measureBaseline: () => natively(DASH, LOOP, 3, '100000\n'),
};

export const shellSeqPipe: Benchmark = {
  name: 'shell.seq-pipe-wc',
  baseline: "box's sh built natively",
  measure: () => onBocal(PIPE, 5, '1000\n'),
  measureBaseline: () => {
    // The native box runs as sh, seq and wc through argv[0]; PATH finds Debian's seq and wc.
    return natively(builtNative('box'), PIPE, 5, '1000\n');
  },
};

export const boxWasmSize: Benchmark = {
  name: 'shell.box-wasm-size',
  baseline: "issue #4's limit, 1.5 MiB",
  measure: () => Promise.resolve({ value: statSync(builtWasm('box')).size / 1024, unit: 'KiB' }),
  measureBaseline: () => Promise.resolve({ value: 1536, unit: 'KiB' }),
};

export const shellBenchmarks = [
  shellTrue,
  shellTrueVsSpawn,
  shellWhileLoop,
  shellSeqPipe,
  boxWasmSize,
];
