// Baseline: starting a process the plainest way worker_threads allows. A
// fresh Worker is created, sent an already compiled WebAssembly.Module
// (hello.wasm, compiled once outside the timing), instantiates and runs it,
// and posts the exit code back. bocal's process start-up (spawn to exit) is
// judged as a ratio to this. The warm variant reuses one worker, which is
// what a worker pool can save.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Measurement } from '../harness.ts';
import { builtWasm } from './programs.ts';
import { median, nowNanoseconds } from './statistics.ts';

/**
 * 'trivial' (the default): the few imports hello.wasm needs, in JavaScript,
 * the floor of what bocal's own worker-side imports can cost;
 * 'node-wasi': node:wasi in the worker, about a millisecond more per run.
 */
export type WasiImports = 'node-wasi' | 'trivial';

export interface WorkerRunOptions {
  imports?: WasiImports;
  /** Timed runs. */
  runs?: number;
  /** Untimed runs first. */
  warmup?: number;
}

interface Reply {
  exitCode?: number;
  error?: string;
}

const workerUrl = new URL('./wasm-runner.worker.mjs', import.meta.url);

/** Compiles build/wasm/<name>.wasm. */
export function compileProgram(name: string): Promise<WebAssembly.Module> {
  return WebAssembly.compile(readFileSync(builtWasm(name)));
}

/** Runs `module` with `args` (args[0] is the program name) in `worker`; resolves to its exit code. */
export function runInWorker(
  worker: Worker,
  module: WebAssembly.Module,
  args: string[],
  imports: WasiImports,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (reply: Reply): void => {
      settle();
      if (reply.error !== undefined) reject(new Error(`wasm runner: ${reply.error}`));
      else resolve(reply.exitCode!);
    };
    const onError = (error: Error): void => {
      settle();
      reject(error);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`wasm runner exited with ${code} before replying`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ module, args, imports });
  });
}

/** A worker running the runner script as plain Node: no loader inherited from this process. */
export function startRunner(): Worker {
  return new Worker(workerUrl, { execArgv: ['--no-warnings'] });
}

/** Creates a worker, runs `module` in it, terminates it; resolves to the exit code. */
export async function runInFreshWorker(
  module: WebAssembly.Module,
  args: string[],
  imports: WasiImports,
): Promise<number> {
  const worker = startRunner();
  try {
    return await runInWorker(worker, module, args, imports);
  } finally {
    await worker.terminate();
  }
}

/**
 * Median ms from `new Worker` to the exit code of hello.wasm run in it. The
 * worker's termination is awaited before the next run but not timed.
 */
export async function measureFreshWorker(options: WorkerRunOptions = {}): Promise<Measurement> {
  const { imports = 'trivial', runs = 30, warmup = 3 } = options;
  const module = await compileProgram('hello');
  const samples: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    const start = nowNanoseconds();
    const worker = startRunner();
    try {
      await runInWorker(worker, module, ['hello'], imports);
      if (run >= 0) samples.push(nowNanoseconds() - start);
    } finally {
      await worker.terminate();
    }
  }
  return { value: median(samples) / 1e6, unit: 'ms' };
}

/** Median ms to send hello.wasm to one already running worker, run it and get the exit code. */
export async function measureWarmWorker(options: WorkerRunOptions = {}): Promise<Measurement> {
  const { imports = 'trivial', runs = 200, warmup = 10 } = options;
  const module = await compileProgram('hello');
  const worker = startRunner();
  try {
    const samples: number[] = [];
    for (let run = -warmup; run < runs; run++) {
      const start = nowNanoseconds();
      await runInWorker(worker, module, ['hello'], imports);
      if (run >= 0) samples.push(nowNanoseconds() - start);
    }
    return { value: median(samples) / 1e6, unit: 'ms' };
  } finally {
    await worker.terminate();
  }
}
