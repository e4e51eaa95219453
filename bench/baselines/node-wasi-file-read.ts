// Baseline: reading a file through Node's own node:wasi. catfile.wasm reads
// a 64 MiB file from a preopened temp directory with read() in 64 KiB chunks
// and writes it to /dev/null ('copy') or only counts it ('count'). bocal's
// file reads are judged as a ratio to this; the same program built natively
// is the reference for node:wasi itself.
//
// Each run is one whole program run (new WASI, instantiate, start; or one
// exec for the native build) reading the file `passes` times (4 by default,
// so start-up is a few percent); the result is MiB/s of the median run. Every
// run's exit status is checked, and in 'count' mode its output too, so a
// broken run fails instead of looking fast.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import type { Measurement } from '../harness.ts';
import { builtNative, builtWasm } from './programs.ts';
import { mebibytesPerSecond, median, nowNanoseconds } from './statistics.ts';
import { withTempFile, type TempFile } from './temp-file.ts';

export type FileReadMode = 'copy' | 'count';

export interface FileReadOptions {
  mode?: FileReadMode;
  /** Size of the file created when `file` is not given. */
  bytes?: number;
  /** A file to read instead of a fresh temp one. */
  file?: TempFile;
  /**
   * Times the file is named on catfile's command line, so read per run.
   * More than one makes process start-up a small part of each run.
   */
  passes?: number;
  runs?: number;
  warmup?: number;
}

export const FILE_READ_BYTES = 64 * 1024 * 1024;

/** MiB/s of catfile.wasm under node:wasi. */
export function measureNodeWasiFileRead(options: FileReadOptions = {}): Promise<Measurement> {
  const module = new WebAssembly.Module(readFileSync(builtWasm('catfile')));
  return measureFileRead(options, (file, mode, passes) =>
    runUnderNodeWasi(module, file, mode, passes),
  );
}

/** MiB/s of the native catfile, process start included (about a millisecond). */
export function measureNativeFileRead(options: FileReadOptions = {}): Promise<Measurement> {
  const program = builtNative('catfile');
  return measureFileRead(options, (file, mode, passes) => runNatively(program, file, mode, passes));
}

/** Runs catfile once; returns what it printed in 'count' mode ('' in 'copy' mode). */
type CatfileRun = (file: TempFile, mode: FileReadMode, passes: number) => string;

async function measureFileRead(options: FileReadOptions, run: CatfileRun): Promise<Measurement> {
  const { mode = 'copy', bytes = FILE_READ_BYTES, passes = 4, runs = 7, warmup = 1 } = options;
  const measure = async (file: TempFile): Promise<Measurement> => {
    const durations: number[] = [];
    for (let i = -warmup; i < runs; i++) {
      const start = nowNanoseconds();
      const printed = run(file, mode, passes);
      const duration = nowNanoseconds() - start;
      if (mode === 'count' && printed !== `${file.bytes * passes}\n`) {
        throw new Error(
          `catfile -c printed ${JSON.stringify(printed)}, expected ${file.bytes * passes}`,
        );
      }
      if (i >= 0) durations.push(duration);
    }
    return { value: mebibytesPerSecond(file.bytes * passes, median(durations)), unit: 'MiB/s' };
  };
  return options.file ? measure(options.file) : withTempFile(bytes, measure);
}

const GUEST_DIRECTORY = '/data';

function runUnderNodeWasi(
  module: WebAssembly.Module,
  file: TempFile,
  mode: FileReadMode,
  passes: number,
): string {
  // In 'count' mode stdout goes to a file beside the input so we can check it.
  const outputPath = join(file.directory, 'count.out');
  const stdout = openSync(mode === 'count' ? outputPath : '/dev/null', 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['catfile', ...catfileArguments(`${GUEST_DIRECTORY}/${file.name}`, mode, passes)],
      preopens: { [GUEST_DIRECTORY]: file.directory },
      stdout,
      returnOnExit: true,
    });
    const instance = new WebAssembly.Instance(
      module,
      wasi.getImportObject() as WebAssembly.Imports,
    );
    const status = wasi.start(instance);
    if (status !== 0) throw new Error(`catfile.wasm exited with ${status}`);
  } finally {
    closeSync(stdout);
  }
  return mode === 'count' ? readFileSync(outputPath, 'utf8') : '';
}

function catfileArguments(path: string, mode: FileReadMode, passes: number): string[] {
  return [...(mode === 'count' ? ['-c'] : []), ...Array<string>(passes).fill(path)];
}

function runNatively(program: string, file: TempFile, mode: FileReadMode, passes: number): string {
  const devNull = openSync('/dev/null', 'w');
  try {
    const result = spawnSync(program, catfileArguments(file.path, mode, passes), {
      stdio: ['ignore', mode === 'count' ? 'pipe' : devNull, 'pipe'],
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`native catfile exited with ${result.status}: ${result.stderr}`);
    }
    return mode === 'count' ? result.stdout : '';
  } finally {
    closeSync(devNull);
  }
}
