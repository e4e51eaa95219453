// The worker side of the fresh-worker baseline (see fresh-worker.ts): runs
// WASI programs sent to it and replies with their exit codes. Plain
// JavaScript so it starts in a worker_threads Worker without a loader.
//
// Message in:  { module: WebAssembly.Module, args: string[], imports: 'node-wasi' | 'trivial' }
// Message out: { exitCode: number } or { error: string }
// It keeps serving messages until terminated, so the same script serves a
// fresh worker per run and one warm, reused worker.
import { parentPort } from 'node:worker_threads';
import { openSync } from 'node:fs';
import { WASI } from 'node:wasi';

const ERRNO_SUCCESS = 0;
const ERRNO_NOSYS = 52;
const ERRNO_BADF = 8;

let devNull = -1;

function runWithNodeWasi(module, args) {
  if (devNull < 0) devNull = openSync('/dev/null', 'w');
  const wasi = new WASI({ version: 'preview1', args, stdout: devNull, returnOnExit: true });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  return wasi.start(instance);
}

class Exit {
  constructor(code) {
    this.code = code;
  }
}

// The least a WASI program needs to start, print and exit: arguments, an
// empty environment, writes that are counted and dropped, proc_exit, no
// preopens. Every
// other import answers ENOSYS.
function runWithTrivialImports(module, args) {
  const encoded = args.map((arg) => new TextEncoder().encode(`${arg}\0`));
  const argBytes = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  let memory;
  const view = () => new DataView(memory.buffer);
  const known = {
    args_sizes_get(countPointer, sizePointer) {
      view().setUint32(countPointer, args.length, true);
      view().setUint32(sizePointer, argBytes, true);
      return ERRNO_SUCCESS;
    },
    args_get(argvPointer, bufferPointer) {
      const bytes = new Uint8Array(memory.buffer);
      for (const [index, arg] of encoded.entries()) {
        view().setUint32(argvPointer + 4 * index, bufferPointer, true);
        bytes.set(arg, bufferPointer);
        bufferPointer += arg.length;
      }
      return ERRNO_SUCCESS;
    },
    environ_sizes_get(countPointer, sizePointer) {
      view().setUint32(countPointer, 0, true);
      view().setUint32(sizePointer, 0, true);
      return ERRNO_SUCCESS;
    },
    environ_get() {
      return ERRNO_SUCCESS;
    },
    fd_write(_fd, iovecs, count, writtenPointer) {
      let written = 0;
      for (let i = 0; i < count; i++) written += view().getUint32(iovecs + 8 * i + 4, true);
      view().setUint32(writtenPointer, written, true);
      return ERRNO_SUCCESS;
    },
    proc_exit(code) {
      throw new Exit(code);
    },
    // No preopened directories: wasi-libc stops looking at the first EBADF.
    fd_prestat_get() {
      return ERRNO_BADF;
    },
  };
  const wasi = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (from !== 'wasi_snapshot_preview1' || kind !== 'function') continue;
    wasi[name] = known[name] ?? (() => ERRNO_NOSYS);
  }
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi });
  memory = instance.exports.memory;
  try {
    instance.exports._start();
    return 0;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
}

parentPort.on('message', ({ module, args, imports }) => {
  try {
    const run = imports === 'trivial' ? runWithTrivialImports : runWithNodeWasi;
    parentPort.postMessage({ exitCode: run(module, args) });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
