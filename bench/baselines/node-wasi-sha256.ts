// Baseline: CPU-bound code under Node's own node:wasi. sha256bench.wasm
// hashes 64 MiB generated in memory and prints the digest; there is one
// syscall at the end, so this measures WebAssembly code speed. bocal's
// compute-bound processes are judged as a ratio to it; the same C built
// natively is the reference for WebAssembly itself.
//
// Each run is a whole program run (instantiate and start; or one exec),
// the result is MiB/s of the median run. Every run's digest must match the
// first one, so a broken run fails instead of looking fast.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import type { Measurement } from '../harness.ts';
import { builtNative, builtWasm } from './programs.ts';
import { mebibytesPerSecond, median, nowNanoseconds } from './statistics.ts';

export const SHA256_BYTES = 64 * 1024 * 1024;

export interface Sha256Options {
  /** Bytes of pattern hashed per run. */
  bytes?: number;
  runs?: number;
  warmup?: number;
}

/** Runs sha256bench.wasm under node:wasi on `bytes` bytes; returns its output (digest and newline). */
export function runSha256UnderNodeWasi(module: WebAssembly.Module, bytes: number): string {
  const directory = mkdtempSync(join(tmpdir(), 'bocal-bench-'));
  try {
    const outputPath = join(directory, 'digest');
    const stdout = openSync(outputPath, 'w');
    try {
      const wasi = new WASI({
        version: 'preview1',
        args: ['sha256bench', String(bytes)],
        stdout,
        returnOnExit: true,
      });
      const imports = wasi.getImportObject() as WebAssembly.Imports;
      const status = wasi.start(new WebAssembly.Instance(module, imports));
      if (status !== 0) throw new Error(`sha256bench.wasm exited with ${status}`);
    } finally {
      closeSync(stdout);
    }
    return readFileSync(outputPath, 'utf8');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs the native sha256bench on `bytes` bytes; returns its output. */
export function runSha256Natively(bytes: number): string {
  const result = spawnSync(builtNative('sha256bench'), [String(bytes)], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`native sha256bench exited with ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

/** Compiles build/wasm/sha256bench.wasm. */
export function compileSha256Bench(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(builtWasm('sha256bench')));
}

/** MiB/s of sha256bench.wasm under node:wasi (instantiation included, compilation not). */
export function measureNodeWasiSha256(options: Sha256Options = {}): Promise<Measurement> {
  const module = compileSha256Bench();
  return measureSha256(options, (bytes) => runSha256UnderNodeWasi(module, bytes));
}

/** MiB/s of the native sha256bench (process start included, under a millisecond). */
export function measureNativeSha256(options: Sha256Options = {}): Promise<Measurement> {
  return measureSha256(options, runSha256Natively);
}

async function measureSha256(
  options: Sha256Options,
  run: (bytes: number) => string,
): Promise<Measurement> {
  const { bytes = SHA256_BYTES, runs = 3, warmup = 1 } = options;
  const durations: number[] = [];
  let expected: string | undefined;
  for (let i = -warmup; i < runs; i++) {
    const start = nowNanoseconds();
    const output = run(bytes);
    const duration = nowNanoseconds() - start;
    expected ??= output;
    if (!/^[0-9a-f]{64}\n$/.test(output) || output !== expected) {
      throw new Error(`sha256bench printed ${JSON.stringify(output)}, expected ${expected}`);
    }
    if (i >= 0) durations.push(duration);
  }
  return { value: mebibytesPerSecond(bytes, median(durations)), unit: 'MiB/s' };
}
