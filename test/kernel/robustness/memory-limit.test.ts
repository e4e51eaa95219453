// A program's memory stops at its limit: the host rewrites the module's
// memory maximum (src/platform/memory-limit.ts), so memory.grow fails and
// malloc returns NULL; a module that needs more than the limit to start
// fails at exec with ENOMEM; compiled modules are cached per limit.
import { afterAll, describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Resource, RLIM_INFINITY } from '../../../src/kernel/abi/resource.ts';
import { limitMemory } from '../../../src/platform/memory-limit.ts';
import { wasmBytes } from '../../support/programs.ts';
import { makeModule, newKernel, run } from './support.ts';

const MiB = 2 ** 20;
const PAGE = 65_536;

/** The memory limits of a module's first memory, as the engine sees them once instantiated. */
function maximumOf(bytes: Uint8Array): number | undefined {
  const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  const instance = new WebAssembly.Instance(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  try {
    memory.grow(65_536);
  } catch {
    // Past the maximum: what a program's malloc sees as NULL.
  }
  let pages = memory.buffer.byteLength / PAGE;
  while (pages < 65_536) {
    try {
      memory.grow(1);
      pages++;
    } catch {
      return pages;
    }
  }
  return undefined;
}

describe('limitMemory', () => {
  it('adds a maximum to a memory that had none', () => {
    const bytes = makeModule({ memory: { min: 2 } });
    expect(maximumOf(limitMemory(bytes, 10 * PAGE))).toBe(10);
  });

  it('lowers a maximum above the limit and keeps one below it', () => {
    expect(maximumOf(limitMemory(makeModule({ memory: { min: 1, max: 500 } }), 8 * PAGE))).toBe(8);
    expect(maximumOf(limitMemory(makeModule({ memory: { min: 1, max: 3 } }), 8 * PAGE))).toBe(3);
  });

  it('rounds a limit down to whole pages, and caps it at 4 GiB', () => {
    const bytes = makeModule({ memory: { min: 1 } });
    expect(maximumOf(limitMemory(bytes, 5 * PAGE + 100))).toBe(5);
    const unlimited = limitMemory(bytes, 2 ** 40);
    expect(new WebAssembly.Module(unlimited as Uint8Array<ArrayBuffer>)).toBeDefined();
  });

  it('refuses a module whose minimum is over the limit, with ENOMEM', () => {
    const bytes = makeModule({ memory: { min: 100 } });
    expect(() => limitMemory(bytes, 10 * PAGE)).toThrow(
      expect.objectContaining({ errno: Errno.ENOMEM }),
    );
  });

  it('leaves bytes that are not a module, or have no memory, as they are', () => {
    const garbage = new TextEncoder().encode('#!/bin/sh\necho hi\n');
    expect(limitMemory(garbage, PAGE)).toBe(garbage);
    const module = makeModule({ memory: { min: 1 } });
    const truncated = module.subarray(0, module.indexOf(5, 8) + 3);
    expect(limitMemory(truncated, PAGE)).toBe(truncated);
    const noMemory = makeModule({ exportStart: true });
    expect(limitMemory(noMemory, PAGE)).toBe(noMemory);
  });

  it('keeps a real C program valid after the rewrite', () => {
    const bytes = limitMemory(wasmBytes('hello'), 32 * MiB);
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});

describe('a program under a memory limit', () => {
  const kernel = newKernel();
  afterAll(() => kernel.shutdown());
  const misbehave = wasmBytes('kernel_misbehave');

  it('sees malloc fail near its RLIMIT_AS and exits normally', async () => {
    kernel.init.limits.set(Resource.RLIMIT_AS, { soft: BigInt(64 * MiB), hard: RLIM_INFINITY });
    const result = await run(kernel, misbehave, 'misbehave', ['kernel_misbehave', 'memory']);
    expect(result.code).toBe(0);
    const n = Number(/malloc failed after (\d+) MiB/.exec(result.stdout)?.[1]);
    expect(n).toBeGreaterThanOrEqual(32);
    expect(n).toBeLessThanOrEqual(64);
  });

  it('gets a bigger memory under a bigger limit: the cache is keyed by limit', async () => {
    kernel.init.limits.set(Resource.RLIMIT_AS, { soft: BigInt(128 * MiB), hard: RLIM_INFINITY });
    const result = await run(kernel, misbehave, 'misbehave', ['kernel_misbehave', 'memory']);
    const n = Number(/malloc failed after (\d+) MiB/.exec(result.stdout)?.[1]);
    expect(n).toBeGreaterThan(64);
    expect(n).toBeLessThanOrEqual(128);
  });

  it('fails at exec with a message when its initial memory is over the limit', async () => {
    kernel.init.limits.set(Resource.RLIMIT_AS, { soft: BigInt(MiB), hard: RLIM_INFINITY });
    const bytes = makeModule({ memory: { min: 32 }, exportStart: true });
    await expect(run(kernel, bytes, 'big-minimum', ['big'])).rejects.toMatchObject({
      errno: Errno.ENOMEM,
      message: expect.stringMatching(/needs 2 MiB of memory to start, over its limit of 1 MiB/),
    });
    kernel.init.limits.set(Resource.RLIMIT_AS, { soft: BigInt(64 * MiB), hard: RLIM_INFINITY });
    expect((await run(kernel, bytes, 'big-minimum', ['big'])).code).toBe(0);
  });
});
