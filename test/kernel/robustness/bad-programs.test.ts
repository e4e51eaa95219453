// Bad programs end with a clear error for them alone: files that are not
// WebAssembly, truncated modules, unknown imports, missing exports, traps,
// compute loops killed by SIGKILL. Each is checked through kernel.spawn
// (the kernel keeps running others) and through `bocal wasi` (a shell's
// exit codes: 126 for "cannot execute", 134 for a trap).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { wasmBytes, wasmPath } from '../../support/programs.ts';
import { makeModule, newKernel, run, start } from './support.ts';

const bocal = fileURLToPath(new URL('../../../bin/bocal.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'bocal-robust-'));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

/** `bocal wasi FILE ARGS` as a user runs it. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bocal, ['wasi', ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const notWasm = new TextEncoder().encode('#!/bin/sh\necho not wasm\n');
const truncated = wasmBytes('hello').subarray(0, 200);
const unknownFunction = makeModule({
  imports: [{ module: 'wasi_snapshot_preview1', name: 'fd_teleport' }],
  memory: { min: 1 },
  exportStart: true,
});
const unknownModule = makeModule({
  imports: [{ module: 'env', name: 'launch_rockets' }],
  memory: { min: 1 },
  exportStart: true,
});
const noStart = makeModule({ memory: { min: 1 } });
const noMemory = makeModule({ exportStart: true });

describe('programs that cannot start, through kernel.spawn', () => {
  const kernel = newKernel();
  afterAll(() => kernel.shutdown());

  it.each([
    ['a file that is not WebAssembly', notWasm, /not a valid WebAssembly module/],
    ['a truncated module', truncated, /not a valid WebAssembly module/],
    ['an unknown function', unknownFunction, /wasi_snapshot_preview1\.fd_teleport/],
    ['an unknown import module', unknownModule, /unknown module "env" \(launch_rockets\)/],
  ])('refuses %s with ENOEXEC and a message naming it', async (_, bytes, message) => {
    const before = kernel.processes.list().length;
    await expect(run(kernel, bytes, `bad:${String(message)}`, ['bad'])).rejects.toMatchObject({
      errno: Errno.ENOEXEC,
      message: expect.stringMatching(message),
    });
    expect(kernel.processes.list().length).toBe(before);
  });

  it.each([
    ['_start', noStart, /exports no _start/],
    ['memory', noMemory, /exports no memory/],
  ])('ends a module without %s as a trap, saying so on stderr', async (_, bytes, message) => {
    const result = await run(kernel, bytes, `missing:${String(message)}`, ['missing']);
    expect(result.code).toBe(134);
    expect(result.stderr).toMatch(message);
  });

  it('still runs a normal program afterwards', async () => {
    const result = await run(kernel, wasmBytes('hello'), 'hello', ['hello', 'x']);
    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining('arg 1: x') });
  });
});

describe('programs that go wrong while running, through kernel.spawn', () => {
  const kernel = newKernel();
  afterAll(() => kernel.shutdown());
  const misbehave = wasmBytes('kernel_misbehave');

  it.each([
    ['unreachable', /wasm trap: unreachable/],
    ['out-of-bounds', /wasm trap: memory access out of bounds/],
    // Deep C recursion runs out of the shadow stack in linear memory first (it
    // sits below the data with no guard page): an out-of-bounds access.
    ['stack', /wasm trap: (call stack exhausted|memory access out of bounds)/],
  ])(
    'ends %s with status 134 and names the trap, while another program runs on',
    async (how, message) => {
      const other = await start(kernel, misbehave, 'misbehave', ['kernel_misbehave', 'spin']);
      const result = await run(kernel, misbehave, 'misbehave', ['kernel_misbehave', how]);
      expect(result.code).toBe(134);
      expect(result.stdout).toBe(`misbehaving: ${how}\n`);
      expect(result.stderr).toMatch(message);
      expect(other.spawned.process.state).not.toBe('Z');
      sendSignal(kernel.processes, other.spawned.process, Signal.SIGKILL);
      expect(await other.code()).toBe(128 + Signal.SIGKILL);
    },
  );

  it('kills a compute loop with SIGKILL, replaces its worker, and runs the next program', async () => {
    const spinner = await start(kernel, misbehave, 'misbehave', ['kernel_misbehave', 'spin']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    sendSignal(kernel.processes, spinner.spawned.process, Signal.SIGKILL);
    expect(await spinner.code()).toBe(137);
    for (let i = 0; i < 3; i++) {
      const result = await run(kernel, wasmBytes('hello'), 'hello', ['hello']);
      expect(result).toEqual({ code: 0, stdout: 'hello from C\n', stderr: '' });
    }
  });

  it('passes exit codes through', async () => {
    const result = await run(kernel, misbehave, 'misbehave', ['kernel_misbehave', 'exit']);
    expect(result.code).toBe(42);
    expect((await run(kernel, misbehave, 'misbehave', ['kernel_misbehave'])).code).toBe(2);
  });
});

describe('bad programs through `bocal wasi`', () => {
  it.each([
    ['not WebAssembly', () => file('script.wasm', notWasm), /not a valid WebAssembly module/],
    ['truncated', () => file('truncated.wasm', truncated), /not a valid WebAssembly module/],
    ['an unknown import', () => file('import.wasm', unknownFunction), /fd_teleport/],
  ])('exits 126 for a module %s, with the file named', async (_, make, message) => {
    const path = make();
    const result = await cli([path]);
    expect(result.code).toBe(126);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(`bocal wasi: ${path}:`);
  });

  it('exits 134 for a trap, with the trap on stderr', async () => {
    const result = await cli([wasmPath('kernel_misbehave'), 'unreachable']);
    expect(result.code).toBe(134);
    expect(result.stdout).toBe('misbehaving: unreachable\n');
    expect(result.stderr).toMatch(/wasm trap: unreachable/);
  });

  it('exits with the program exit code', async () => {
    expect((await cli([wasmPath('kernel_misbehave'), 'exit'])).code).toBe(42);
  });
});
