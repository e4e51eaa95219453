// The kernel benchmarks' programs and helpers: bench_count counts what it is
// given on the kernel as `wc -c` does on Linux, catfile | bench_count moves
// every byte through a kernel pipe, bench_write_loop reports a plausible
// per-write time, and the benchmark's input has the baseline's pattern.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BenchKernel, patternBytes } from '../../bench/kernel-support/bench-kernel.ts';
import { catPipeCount } from '../../bench/benchmarks/kernel-pipe.ts';
import { writeLoopNanoseconds } from '../../bench/benchmarks/kernel-syscall.ts';
import { spawnHello } from '../../bench/benchmarks/kernel-spawn.ts';
import { withTempFile } from '../../bench/baselines/temp-file.ts';
import { nativePath } from '../support/programs.ts';

// Sizes around the 64 KiB read chunk and the 64 KiB pipe.
const sizes = [0, 5, 65536, 65537, 3 * 65536 + 123];

let kernel: BenchKernel;
beforeAll(async () => {
  kernel = await BenchKernel.boot(1);
});
afterAll(() => kernel.shutdown());

describe('bench_count', () => {
  it.each(sizes)(
    'prints the byte count of %i bytes of stdin on the kernel, as wc -c does',
    async (size) => {
      const input = patternBytes(size);
      const run = await kernel.run('bench_count', [], new Map([[0, kernel.source(input)]]));
      const linux = spawnSync('wc', ['-c'], { input, encoding: 'utf8' });
      expect(run).toEqual({ status: 0, stdout: `${size}\n`, stderr: '' });
      expect(run.stdout.trim()).toBe(linux.stdout.trim());
    },
  );

  it('prints the same count natively', () => {
    const input = patternBytes(3 * 65536 + 123);
    const native = spawnSync(nativePath('bench_count'), [], { input, encoding: 'utf8' });
    expect(native.status).toBe(0);
    expect(native.stdout).toBe(`${input.length}\n`);
  });

  it('refuses arguments with its usage and status 2', async () => {
    const run = await kernel.run('bench_count', ['extra']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'usage: bench_count < FILE\n' });
  });
});

describe('cat | wc -c (box) on the kernel, as kernel.cat-pipe-wc runs them', () => {
  it('counts every byte of a tmpfs file read several times through a pipe', async () => {
    const size = 3 * 65536 + 123;
    await kernel.writeFile('/tmp/pipe-input', patternBytes(size));
    expect(await catPipeCount(kernel, '/tmp/pipe-input', 3)).toBe(`${size * 3}\n`);
  });

  it('fails loudly when cat cannot open its file', async () => {
    await expect(catPipeCount(kernel, '/tmp/missing', 1)).rejects.toThrow(
      /cat exited with 1: cat: \/tmp\/missing: No such file or directory/,
    );
  });
});

describe('bench_write_loop', () => {
  it('prints a per-write time in nanoseconds on the kernel', async () => {
    const nanoseconds = await writeLoopNanoseconds(kernel, 5, 20);
    expect(nanoseconds).toBeGreaterThan(0);
    expect(nanoseconds).toBeLessThan(10_000_000);
  });

  it('prints a per-write time natively, and rejects bad counts with status 2', () => {
    const native = spawnSync(nativePath('bench_write_loop'), ['5', '20'], { encoding: 'utf8' });
    expect(native.status).toBe(0);
    expect(native.stdout).toMatch(/^\d+\n$/);
    const bad = spawnSync(nativePath('bench_write_loop'), ['0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('usage: bench_write_loop [BATCHES [WRITES]]\n');
  });

  it('rejects bad counts with status 2 on the kernel', async () => {
    const run = await kernel.run('bench_write_loop', ['x']);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: 'usage: bench_write_loop [BATCHES [WRITES]]\n',
    });
  });
});

describe('the spawn benchmark', () => {
  it('runs hello to a clean exit, again and again on one kernel', async () => {
    for (let i = 0; i < 3; i++) expect(await spawnHello(kernel)).toBe(0);
  });
});

describe('patternBytes', () => {
  it('is the pattern of the file-read baseline, across its 1 MiB period', async () => {
    const size = 1024 * 1024 + 300;
    await withTempFile(size, async (file) => {
      expect(Buffer.compare(Buffer.from(patternBytes(size)), readFileSync(file.path))).toBe(0);
    });
  });
});
