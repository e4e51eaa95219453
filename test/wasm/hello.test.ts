// The C toolchain end to end: the same source built to WASI (run under
// Node's own node:wasi) and natively (run by Linux) behaves the same.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { nativePath, wasmPath } from '../support/programs.ts';

// node:wasi writes straight to the process's fds, so run it in a child
// process and capture what a user would see.
function runUnderNodeWasi(args: string[], env: Record<string, string>) {
  const script = `
    import { WASI } from 'node:wasi';
    import { readFileSync } from 'node:fs';
    const wasi = new WASI({ version: 'preview1', args: ${JSON.stringify(['hello', ...args])},
                            env: ${JSON.stringify(env)}, returnOnExit: true });
    const module = await WebAssembly.compile(readFileSync(${JSON.stringify(wasmPath('hello'))}));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    process.exitCode = wasi.start(instance);`;
  return spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
}

describe('hello.c', () => {
  it('runs under node:wasi with its arguments, environment and exit code', () => {
    const result = runUnderNodeWasi(['one', 'two words'], { WHO: 'wasm' });
    expect(result.stdout).toBe('hello from C\narg 1: one\narg 2: two words\nWHO=wasm\n');
    expect(result.status).toBe(2);
  });

  it('prints the same natively on Linux', () => {
    const native = spawnSync(nativePath('hello'), ['one', 'two words'], {
      encoding: 'utf8',
      env: { WHO: 'wasm' },
    });
    const wasi = runUnderNodeWasi(['one', 'two words'], { WHO: 'wasm' });
    expect(native.stdout).toBe(wasi.stdout);
    expect(native.status).toBe(wasi.status);
  });
});
