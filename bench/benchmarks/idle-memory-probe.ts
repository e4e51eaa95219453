// The measuring side of engine.idle-memory (engine-idle-memory.ts), run in
// a fresh Node process per side: `idle-memory-probe.ts containers|workers`
// prints the growth of RSS per unit, in MiB, as JSON.
//
// Method. Everything runs in that Node process: the kernel on the main
// thread, each program in a worker thread, so the process's resident set
// holds it all (V8 heaps of the workers, wasm memories, channels, the
// kernel's objects). A fresh process has no memory of earlier benchmarks
// being given back during the measurement. Each side starts N units after
// a warm-up, lets them settle, collects garbage, and takes the growth of
// RSS over N:
//   subject   N containers from `docker run -d box sleep 1000` on bocal's
//             engine (warm, as a running dockerd is), each started once the
//             previous one's pid 1 runs sleep; the worker pool is full before
//             and after (its warm workers are not the containers' cost, and
//             the bench fails if the pool's size changed);
//   baseline  N worker threads that each instantiate box's compiled module
//             (stub imports, no _start) and wait on a futex for ever.
// RSS counts pages touched, not the address space a wasm memory reserves.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dockerSetup, type DockerSetup } from '../../test/cli/docker-support.ts';
import { BOX_WASM } from '../../src/cli/shell-command.ts';

const N = 10;
/** Longer than the pool's refill delay (50 ms) and than a worker's start-up. */
const SETTLE_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** V8's collector for the main thread's heap (workers collect their own): node --expose-gc. */
function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('idle-memory-probe needs node --expose-gc');
  return gc;
}

async function settledRss(): Promise<number> {
  const gc = collector();
  await sleep(SETTLE_MS);
  gc();
  gc();
  await sleep(50);
  return process.memoryUsage().rss;
}

/** Warm workers waiting in the kernel's pool (private to the pool: read for this bench only). */
function poolSize(d: DockerSetup): number {
  const pool = d.kernel.host as unknown as { idle?: unknown[] };
  if (!Array.isArray(pool.idle)) throw new Error('the process host has no pool of idle workers');
  return pool.idle.length;
}

async function waitForSleep(d: DockerSetup, id: string): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    const processes = await d.engine.top(id).catch(() => []);
    if (processes.some((p) => p.args[0] === 'sleep')) return;
    await sleep(10);
  }
  throw new Error(`container ${id} never ran sleep`);
}

async function measureContainers(): Promise<number> {
  const d = await dockerSetup();
  const ids: string[] = [];
  try {
    // Warm: modules compiled, the pool grown to what a container needs.
    for (let i = 0; i < 2; i++) {
      const warm = await d.run('run', '--rm', 'box', 'true');
      if (warm.status !== 0) throw new Error(`docker run --rm box true: ${warm.err}`);
    }
    const before = await settledRss();
    const poolBefore = poolSize(d);
    for (let i = 0; i < N; i++) {
      const result = await d.run('run', '-d', 'box', 'sleep', '1000');
      if (result.status !== 0) throw new Error(`docker run -d box sleep: ${result.err}`);
      const id = result.out.trim();
      ids.push(id);
      await waitForSleep(d, id);
      await sleep(100);
    }
    const after = await settledRss();
    const poolAfter = poolSize(d);
    if (poolAfter !== poolBefore) {
      throw new Error(`the worker pool went from ${poolBefore} to ${poolAfter} idle workers`);
    }
    return (after - before) / N / 2 ** 20;
  } finally {
    for (const id of ids) await d.engine.remove(id, true).catch(() => undefined);
    await d.close();
  }
}

/** A worker that instantiates the module it is sent and then waits, idle, for ever. */
const BARE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ module, futex }) => {
  const stub = () => 0;
  const imports = {};
  for (const { module: name, name: field } of WebAssembly.Module.imports(module)) {
    (imports[name] ??= {})[field] = stub;
  }
  globalThis.instance = new WebAssembly.Instance(module, imports);
  parentPort.postMessage('ready');
  Atomics.wait(new Int32Array(futex), 0, 0);
});
`;

async function measureBareWorkers(): Promise<number> {
  const module = await WebAssembly.compile(readFileSync(BOX_WASM));
  const futex = new SharedArrayBuffer(4);
  const workers: Worker[] = [];
  try {
    const before = await settledRss();
    for (let i = 0; i < N; i++) {
      const worker = new Worker(BARE_WORKER, { eval: true });
      workers.push(worker);
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      worker.postMessage({ module, futex });
      await ready;
    }
    const after = await settledRss();
    return (after - before) / N / 2 ** 20;
  } finally {
    Atomics.store(new Int32Array(futex), 0, 1);
    Atomics.notify(new Int32Array(futex), 0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

const side = process.argv[2];
if (side !== 'containers' && side !== 'workers') {
  throw new Error('usage: idle-memory-probe.ts containers|workers');
}
const perUnit = side === 'containers' ? await measureContainers() : await measureBareWorkers();
process.stdout.write(`${JSON.stringify({ perUnit })}\n`);
