// KernelService, the kernel's side of the page's API, on the kernel in Node
// (it is platform-neutral): output capture, stdin, waiting, the program cache.
import { afterEach, describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel/kernel.ts';
import { KernelService } from '../../src/platform/browser/kernel-service.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { wasmBytes } from '../support/programs.ts';

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

function service(): KernelService {
  kernel = new Kernel(createNodeProcessHost(1));
  return new KernelService(kernel, {
    fetchProgram: async (url) => wasmBytes(url),
    workers: () => ({ started: 0, live: 0 }),
  });
}

describe('KernelService', () => {
  it('runs a program from a URL with its argv and environment', async () => {
    const api = service();
    const result = await api.runProgram({
      program: { url: 'hello' },
      argv: ['hello', 'a'],
      env: ['WHO=me'],
    });
    expect(result).toEqual({ stdout: 'hello from C\narg 1: a\nWHO=me\n', stderr: '', status: 1 });
  });

  it('gives the program its stdin, and the page the files it wrote', async () => {
    const api = service();
    await api.mkdir('/tmp/in');
    const result = await api.runProgram({
      program: { url: 'catfile' },
      argv: ['catfile', '/dev/stdin'],
      stdin: 'typed ✓\n',
    });
    expect(result).toEqual({ stdout: 'typed ✓\n', stderr: '', status: 0 });
    await api.writeFile('/tmp/in/f', new TextEncoder().encode('abc'));
    expect(new TextDecoder().decode(await api.readFile('/tmp/in/f'))).toBe('abc');
  });

  it('waits once per process: a second wait, or an unknown pid, is ESRCH', async () => {
    const api = service();
    const pid = await api.spawn({ program: { url: 'hello' }, argv: ['hello'] });
    expect((await api.wait(pid)).status).toBe(0);
    await expect(api.wait(pid)).rejects.toThrow(/no process/);
    await expect(api.wait(12345)).rejects.toThrow(/no process/);
  });

  it('lists processes with ps, and kill ends one', async () => {
    const api = service();
    const pid = await api.spawn({
      program: { url: 'kernel_misbehave' },
      argv: ['kernel_misbehave', 'spin'],
    });
    const listed = await api.ps();
    expect(listed[0]).toMatchObject({ pid: 1, ppid: 0, argv: ['init'] });
    expect(listed.find((p) => p.pid === pid)).toMatchObject({
      ppid: 1,
      argv: ['kernel_misbehave', 'spin'],
    });
    await api.kill(pid, 9);
    expect((await api.wait(pid)).status).toBe(137);
    await expect(api.kill(pid, 9)).rejects.toThrow();
  });

  it('leaves init alone, as Linux does, and rejects a bad signal number', async () => {
    const api = service();
    await api.kill(1, 9);
    await expect(api.kill(1, 99)).rejects.toThrow();
    expect((await api.ps()).map((p) => p.pid)).toEqual([1]);
    const result = await api.runProgram({ program: { url: 'hello' }, argv: ['hello'] });
    expect(result.status).toBe(0);
  });

  it('does not run a stale program when new bytes come under the same name', async () => {
    const api = service();
    const first = await api.runProgram({
      program: { bytes: wasmBytes('hello'), name: 'p' },
      argv: ['p'],
    });
    const second = await api.runProgram({
      program: { bytes: wasmBytes('kernel_misbehave'), name: 'p' },
      argv: ['p', 'exit'],
    });
    expect(first.stdout).toBe('hello from C\n');
    expect(second).toMatchObject({ stdout: 'misbehaving: exit\n', status: 42 });
  });
});
