// Garbage through the real worker path: sys_fuzz (wasm/tests/sys_fuzz.c)
// calls WASI functions with pointers past the end of its memory, straddling
// it, near 4 GiB, lengths up to 4 GiB and random fds. The worker must turn
// each into an errno (no trap, no hang), the kernel must keep serving, and
// a normal program must run on the same kernel afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { wasmBytes } from '../../support/programs.ts';
import { newKernel, run } from './support.ts';

describe('WASI calls with garbage pointers, through the worker', () => {
  const kernel = newKernel();
  afterAll(() => kernel.shutdown());
  const fuzz = wasmBytes('sys_fuzz');

  it.each([1, 0xb0ca1, 20261127])('survives seed %i: every call answers an errno', async (seed) => {
    const result = await run(kernel, fuzz, 'sys_fuzz', ['sys_fuzz', String(seed), '2500']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const counts = /sys_fuzz: 2500 calls, (\d+) failed/.exec(result.stdout);
    expect(counts, result.stdout).not.toBeNull();
    // Most garbage is refused, and not everything: the valid calls got through.
    const failed = Number(counts![1]);
    expect(failed).toBeGreaterThan(1000);
    expect(failed).toBeLessThan(2500);
  });

  it('leaves only init behind, and still runs a normal program', async () => {
    expect(kernel.processes.list().map((p) => p.pid)).toEqual([1]);
    const result = await run(kernel, wasmBytes('hello'), 'hello', ['hello']);
    expect(result).toEqual({ code: 0, stdout: 'hello from C\n', stderr: '' });
  });
});
