// The baseline functions the kernel's benchmarks call: each runs for real on
// a small workload and reports a usable measurement in its documented unit,
// checks what it ran, and cleans up after itself.
import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import type { Measurement } from '../../bench/harness.ts';
import { measureRoundTrip, type MainWait } from '../../bench/baselines/atomics-ping-pong.ts';
import {
  compileProgram,
  measureFreshWorker,
  measureWarmWorker,
  runInFreshWorker,
  runInWorker,
  startRunner,
} from '../../bench/baselines/fresh-worker.ts';
import {
  measureNativeFileRead,
  measureNodeWasiFileRead,
} from '../../bench/baselines/node-wasi-file-read.ts';
import {
  measureNativeSha256,
  measureNodeWasiSha256,
} from '../../bench/baselines/node-wasi-sha256.ts';
import { withTempFile } from '../../bench/baselines/temp-file.ts';

function expectUsable(measurement: Measurement, unit: string): void {
  expect(measurement.unit).toBe(unit);
  expect(Number.isFinite(measurement.value)).toBe(true);
  expect(measurement.value).toBeGreaterThan(0);
}

// A module whose _start traps at once: (func (export "_start") unreachable), plus a memory.
// prettier-ignore
const trapping = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x05, 0x03, 0x01, 0x00, 0x01, // one memory, 1 page
  0x07, 0x13, 0x02, // two exports
  0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, // "memory"
  0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, // "_start"
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: unreachable
]);

describe('Atomics round trip', () => {
  const styles: MainWait[] = ['wait', 'spin-then-wait', 'wait-async', 'spin-then-wait-async'];
  it.each(styles)('with the main thread in %s, reports microseconds per trip', async (main) => {
    const worker = main.startsWith('spin') ? 'spin-then-wait' : 'wait';
    expectUsable(await measureRoundTrip({ main, worker, iterations: 300, warmup: 50 }), 'us');
  });

  it('refuses zero iterations', async () => {
    await expect(measureRoundTrip({ main: 'wait', worker: 'wait', iterations: 0 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('fresh worker', () => {
  it.each(['node-wasi', 'trivial'] as const)(
    'runs hello.wasm with its arguments under %s imports and returns its exit code',
    async (imports) => {
      const module = await compileProgram('hello');
      // hello exits with its number of arguments.
      expect(await runInFreshWorker(module, ['hello', 'a', 'b'], imports)).toBe(2);
      expect(await runInFreshWorker(module, ['hello'], imports)).toBe(0);
    },
  );

  it('turns a trap in the program into a rejection, and the worker stays usable', async () => {
    const module = await WebAssembly.compile(trapping);
    const worker = startRunner();
    try {
      await expect(runInWorker(worker, module, ['trap'], 'trivial')).rejects.toThrow(/unreachable/);
      const hello = await compileProgram('hello');
      expect(await runInWorker(worker, hello, ['hello', 'x'], 'trivial')).toBe(1);
    } finally {
      await worker.terminate();
    }
  });

  it('reports milliseconds for a fresh and for a reused worker', async () => {
    expectUsable(await measureFreshWorker({ runs: 3, warmup: 0 }), 'ms');
    expectUsable(await measureWarmWorker({ runs: 5, warmup: 1 }), 'ms');
  });
});

describe('file read', () => {
  it('reports MiB/s under node:wasi and natively, in both modes', async () => {
    const small = { bytes: 1024 * 1024, runs: 2, warmup: 0, passes: 2 };
    for (const mode of ['copy', 'count'] as const) {
      expectUsable(await measureNodeWasiFileRead({ ...small, mode }), 'MiB/s');
      expectUsable(await measureNativeFileRead({ ...small, mode }), 'MiB/s');
    }
  });

  it('creates a file of the asked size and removes its directory afterwards, even on error', async () => {
    let seen = '';
    await withTempFile(3 * 1024 * 1024 + 5, async (file) => {
      seen = file.directory;
      expect(statSync(file.path).size).toBe(3 * 1024 * 1024 + 5);
      expect(file.bytes).toBe(3 * 1024 * 1024 + 5);
    });
    expect(existsSync(seen)).toBe(false);
    await expect(
      withTempFile(10, async (file) => {
        seen = file.directory;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(seen)).toBe(false);
  });
});

describe('SHA-256', () => {
  it('reports MiB/s under node:wasi and natively', async () => {
    const small = { bytes: 4 * 1024 * 1024, runs: 1, warmup: 0 };
    expectUsable(await measureNodeWasiSha256(small), 'MiB/s');
    expectUsable(await measureNativeSha256(small), 'MiB/s');
  });
});
