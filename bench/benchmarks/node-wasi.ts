// Node's own WASI running our trivial C program: the reference that the
// kernel's process start-up will be compared with. Its baseline is the
// instantiation alone, so the ratio is what running main() adds.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { medianMicros, type Benchmark } from '../harness.ts';

const wasmFile = fileURLToPath(new URL('../../build/wasm/hello.wasm', import.meta.url));

export const nodeWasiRun: Benchmark = {
  name: 'node-wasi.run-hello',
  baseline: 'instantiate hello.wasm only',
  async measure() {
    const module = await WebAssembly.compile(readFileSync(wasmFile));
    const devNull = (await import('node:fs')).openSync('/dev/null', 'w');
    const value = await medianMicros(async () => {
      const wasi = new WASI({
        version: 'preview1',
        args: ['hello'],
        stdout: devNull,
        returnOnExit: true,
      });
      const instance = await WebAssembly.instantiate(
        module,
        wasi.getImportObject() as WebAssembly.Imports,
      );
      wasi.start(instance);
    }, 200);
    return { value, unit: 'us' };
  },
  async measureBaseline() {
    const module = await WebAssembly.compile(readFileSync(wasmFile));
    const value = await medianMicros(async () => {
      const wasi = new WASI({ version: 'preview1', args: ['hello'], returnOnExit: true });
      await WebAssembly.instantiate(module, wasi.getImportObject() as WebAssembly.Imports);
    }, 200);
    return { value, unit: 'us' };
  },
};
