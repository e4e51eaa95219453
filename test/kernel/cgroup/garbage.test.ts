// Hostile writes to every cgroupfs file (random bytes, huge numbers, long
// buffers, separators): each ends in success or a Linux errno, never in a
// kernel fault, and the hierarchy still works afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kernel } from '../../../src/kernel/kernel.ts';
import { ROOT, bootKernel, fork, mkdir, read, readdir, write } from './support.ts';

let kernel: Kernel;
afterEach(async () => kernel?.shutdown());

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

const SAMPLES = [
  '',
  ' ',
  '\n\n',
  'max max',
  '-0',
  '+1',
  '0x',
  '0xffffffffffffffffffffffff',
  '99999999999999999999999999999',
  '1e9',
  '1.5',
  '10Q',
  '-1M',
  '+cpu -',
  '+ +',
  '+memory\n+pids',
  '1\n2',
  '\u0000',
  '\uffff',
  'x'.repeat(10_000),
  '9'.repeat(5_000),
];

describe('garbage written to cgroupfs', () => {
  it('answers each write with success or an errno, and keeps working', () => {
    kernel = bootKernel();
    const { init } = kernel;
    write(init, `${ROOT}/cgroup.subtree_control`, '+cpu +memory +pids');
    mkdir(init, `${ROOT}/g`);
    fork(kernel);
    const next = random(42);
    const inputs = [...SAMPLES];
    for (let i = 0; i < 200; i++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let j = 0; j < length; j++) text += String.fromCharCode(Math.floor(next() * 128));
      inputs.push(text);
    }
    for (const name of readdir(init, `${ROOT}/g`)) {
      if (name === 'cgroup.kill') continue;
      for (const input of inputs) {
        expect(write(init, `${ROOT}/g/${name}`, input)).toMatch(/^(ok|E[A-Z0-9]+)$/);
      }
    }
    // Still a working hierarchy: limits read back, cgroups come and go.
    expect(write(init, `${ROOT}/g/pids.max`, '7')).toBe('ok');
    expect(read(init, `${ROOT}/g/pids.max`)).toBe('7\n');
    expect(mkdir(init, `${ROOT}/g2`)).toBe('ok');
  });
});
