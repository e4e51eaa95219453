// spawn and execve through the kernel: programs found in its filesystem by
// path and PATH, scripts run by their interpreter, errors as execve(2)
// reports them, a TypeScript program driving a WebAssembly child, and the
// file actions (bocal's mount action too) done by the child before exec.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { HostStream } from '../../../src/kernel/io/host-stream.ts';
import { readFile, writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { encodeSpawn, SpawnActionKind } from '../../../src/kernel/abi/spawn.ts';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import {
  CLONE_NEWNS,
  CLONE_NEWPID,
  MS_NOEXEC,
  MS_NOSUID,
} from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { WEXITSTATUS, WIFEXITED } from '../../../src/kernel/abi/wait-status.ts';
import { BUILTIN_MAGIC } from '../../../src/kernel/exec/program-file.ts';
import type { BuiltinContext } from '../../../src/kernel/exec/builtin-program.ts';
import type { OpenFile } from '../../../src/kernel/fs/open-file.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { wasmPath } from '../../support/programs.ts';

const clock = () => 0n;
const text = (s: string) => new TextEncoder().encode(s);

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

async function boot(builtins: Record<string, (c: BuiltinContext) => Promise<number>> = {}) {
  kernel = new Kernel(createNodeProcessHost(1), { builtins });
  await writeFile(kernel.init, '/bin/hello', readFileSync(wasmPath('hello')), 0o755);
  let stdout = '';
  const decoder = new TextDecoder();
  const fds = new Map<number, OpenFile>([
    [1, new HostStream(undefined, (b) => void (stdout += decoder.decode(b)), clock)],
    [2, new HostStream(undefined, (b) => void (stdout += decoder.decode(b)), clock)],
  ]);
  return { kernel, fds, stdout: () => stdout };
}

describe('spawning programs from the kernel filesystem', () => {
  it('finds a program by PATH and runs it with its arguments', async () => {
    const { kernel, fds, stdout } = await boot();
    const { exited } = await kernel.spawn({
      program: { path: 'hello' },
      argv: ['hello', 'x'],
      fds,
    });
    expect(WEXITSTATUS(await exited)).toBe(1);
    expect(stdout()).toBe('hello from C\narg 1: x\n');
  });

  it('runs a #! script through its interpreter with the script path as an argument', async () => {
    const { kernel, fds, stdout } = await boot();
    await writeFile(kernel.init, '/bin/script', text('#!/bin/hello --flag\nignored\n'), 0o755);
    const { exited } = await kernel.spawn({
      program: { path: '/bin/script' },
      argv: ['script', 'a'],
      fds,
    });
    await exited;
    expect(stdout()).toBe('hello from C\narg 1: --flag\narg 2: /bin/script\narg 3: a\n');
  });

  it('refuses what execve(2) refuses: ENOENT, EACCES, ENOEXEC', async () => {
    const { kernel, fds } = await boot();
    await writeFile(kernel.init, '/bin/plain', readFileSync(wasmPath('hello')), 0o644);
    await writeFile(kernel.init, '/bin/garbage', text('not a program'), 0o755);
    const errno = (path: string) =>
      kernel.spawn({ program: { path }, argv: [path], fds }).then(
        () => 'started',
        (error: { errno?: number }) => error.errno,
      );
    expect(await errno('/bin/missing')).toBe(Errno.ENOENT);
    expect(await errno('/bin/plain')).toBe(Errno.EACCES);
    expect(await errno('/bin')).toBe(Errno.EACCES);
    expect(await errno('/bin/garbage')).toBe(Errno.ENOEXEC);
    expect(await errno('nowhere-in-path')).toBe(Errno.ENOENT);
  });
});

describe('a TypeScript program using spawn and wait4', () => {
  it('spawns a child with its stdout redirected to a file and reaps its exit status', async () => {
    let waited: { errno: number; pid: bigint; status: number } | undefined;
    let childPid = 0n;
    const parent = async (c: BuiltinContext) => {
      const request = encodeSpawn({
        path: '/bin/hello',
        argv: ['hello', 'one', 'two'],
        envp: ['WHO=child'],
        actions: [
          {
            kind: SpawnActionKind.OPEN,
            fd: 1,
            oflags: O_WRONLY | O_CREAT | O_TRUNC,
            mode: 0o644,
            path: '/tmp/out',
          },
        ],
        attributes: { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0, cloneFlags: 0 },
      });
      const spawned = await c.syscall(Sys.SPAWN, [0], request);
      if (spawned.errno !== 0) return 10;
      childPid = spawned.results![0]!;
      const reply = await c.syscall(Sys.WAIT4, [-1, 0]);
      waited = { errno: reply.errno, pid: reply.results![0]!, status: Number(reply.results![1]) };
      return 0;
    };
    const { kernel, fds } = await boot({ parent });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    const { exited } = await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'], fds });
    expect(WEXITSTATUS(await exited)).toBe(0);
    expect(waited?.errno).toBe(0);
    expect(waited?.pid).toBe(childPid);
    expect(WIFEXITED(waited!.status) && WEXITSTATUS(waited!.status)).toBe(2);
    const out = new TextDecoder().decode(await readFile(kernel.init, '/tmp/out'));
    expect(out).toBe('hello from C\narg 1: one\narg 2: two\nWHO=child\n');
  });

  it('reports a spawn of a missing program to the parent, and no child exists', async () => {
    let result: { errno: number; wait: number } | undefined;
    const parent = async (c: BuiltinContext) => {
      const request = encodeSpawn({
        path: '/bin/nope',
        argv: ['nope'],
        envp: [],
        actions: [],
        attributes: { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0, cloneFlags: 0 },
      });
      const spawned = await c.syscall(Sys.SPAWN, [0], request);
      const wait = await c.syscall(Sys.WAIT4, [-1, 1]);
      result = { errno: spawned.errno, wait: wait.errno };
      return 0;
    };
    const { kernel, fds } = await boot({ parent });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    await (
      await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'], fds })
    ).exited;
    expect(result).toEqual({ errno: Errno.ENOENT, wait: Errno.ECHILD });
  });

  it('replaces itself with a WebAssembly program through execve, keeping its pid', async () => {
    let pidBefore = 0n;
    const parent = async (c: BuiltinContext) => {
      pidBefore = (await c.syscall(Sys.GETPID)).results![0]!;
      const exec = encodeSpawn({
        path: '/bin/hello',
        argv: ['hello', 'replaced'],
        envp: [],
        actions: [],
        attributes: { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0, cloneFlags: 0 },
      });
      // execve's input is the first three sections of a spawn request.
      const { decodeSpawn } = await import('../../../src/kernel/abi/spawn.ts');
      const r = decodeSpawn(exec);
      const encoded = encodeExecLike(r.path, r.argv, r.envp);
      await c.syscall(Sys.EXECVE, [], encoded);
      return 99; // not reached: the process now runs hello
    };
    const { kernel, fds, stdout } = await boot({ parent });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    const { process, exited } = await kernel.spawn({
      program: { path: 'parent' },
      argv: ['parent'],
      fds,
    });
    expect(WEXITSTATUS(await exited)).toBe(1);
    expect(stdout()).toBe('hello from C\narg 1: replaced\n');
    expect(BigInt(process.pid)).toBe(pidBefore);
  });
});

function encodeExecLike(path: string, argv: string[], envp: string[]): Uint8Array {
  const full = encodeSpawn({
    path,
    argv,
    envp,
    actions: [],
    attributes: { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0, cloneFlags: 0 },
  });
  // Drop the trailing action count and five attribute words (6 × 4 bytes).
  return full.subarray(0, full.length - 24);
}

describe('the working directory a host gives a program', () => {
  it('is found through mounts, as any path is (/tmp is its own tmpfs)', async () => {
    const { kernel, fds, stdout } = await boot();
    const { makeDirectories } = await import('../../../src/kernel/boot/kernel-files.ts');
    makeDirectories(kernel.init, '/tmp/work/here');
    await writeFile(kernel.init, '/tmp/work/here/script', text('#!/bin/hello\n'), 0o755);
    const { exited } = await kernel.spawn({
      program: { path: './script' },
      argv: ['script'],
      cwd: '/tmp/work/here',
      fds,
    });
    await exited;
    expect(stdout()).toBe('hello from C\narg 1: ./script\n');
  });

  it('must exist and be a directory', async () => {
    const { kernel, fds } = await boot();
    const failure = (cwd: string) =>
      kernel.spawn({ program: { path: '/bin/hello' }, argv: ['hello'], cwd, fds }).then(
        () => 'started',
        (error: { errno?: number }) => error.errno,
      );
    expect(await failure('/nowhere')).toBe(Errno.ENOENT);
    expect(await failure('/bin/hello')).toBe(Errno.ENOTDIR);
  });
});

describe('file actions are done by the child before its program is found', () => {
  const noAttributes = { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0 };
  const procMount = (target: string) => ({
    kind: SpawnActionKind.MOUNT as const,
    fd: 0,
    flags: MS_NOSUID | MS_NOEXEC,
    source: 'proc',
    target,
    type: 'proc',
    data: '',
  });

  it('a mount action mounts proc as the child, in its new pid namespace', async () => {
    let seen: { spawn: number; self: string; wait: number } | undefined;
    let self = '';
    const child = async (c: BuiltinContext) => {
      const reply = await c.syscall(Sys.PATH_READLINK, [-100, 4096], text('/proc/self'));
      self = reply.errno === 0 ? new TextDecoder().decode(reply.output) : `errno ${reply.errno}`;
      return 0;
    };
    const parent = async (c: BuiltinContext) => {
      const request = encodeSpawn({
        path: '/bin/child',
        argv: ['child'],
        envp: [],
        actions: [procMount('/proc')],
        attributes: { ...noAttributes, cloneFlags: CLONE_NEWPID | CLONE_NEWNS },
      });
      const spawned = await c.syscall(Sys.SPAWN, [0], request);
      const wait = await c.syscall(Sys.WAIT4, [-1, 0]);
      seen = { spawn: spawned.errno, self, wait: wait.errno };
      return 0;
    };
    const { kernel, fds } = await boot({ parent, child });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    await writeFile(kernel.init, '/bin/child', text(`${BUILTIN_MAGIC}child\n`), 0o755);
    await (
      await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'], fds })
    ).exited;
    expect(seen).toEqual({ spawn: 0, self: '1', wait: 0 });
  });

  it('a failed action is the spawn error, results[1] numbers it, and no child exists', async () => {
    let result: { errno: number; action: bigint; wait: number } | undefined;
    const parent = async (c: BuiltinContext) => {
      const request = encodeSpawn({
        path: '/bin/hello',
        argv: ['hello'],
        envp: [],
        actions: [{ kind: SpawnActionKind.CLOSE, fd: 7 }, procMount('/nonexistent')],
        attributes: { ...noAttributes, cloneFlags: CLONE_NEWPID | CLONE_NEWNS },
      });
      const spawned = await c.syscall(Sys.SPAWN, [0], request);
      const wait = await c.syscall(Sys.WAIT4, [-1, 1]);
      result = { errno: spawned.errno, action: spawned.results![1]!, wait: wait.errno };
      return 0;
    };
    const { kernel, fds } = await boot({ parent });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    await (
      await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'], fds })
    ).exited;
    expect(result).toEqual({ errno: Errno.ENOENT, action: 2n, wait: Errno.ECHILD });
  });

  it("a relative program path is found from a chdir action's directory", async () => {
    let result: { errno: number; action: bigint } | undefined;
    const parent = async (c: BuiltinContext) => {
      const request = encodeSpawn({
        path: './hello',
        argv: ['hello', 'from-bin'],
        envp: [],
        actions: [{ kind: SpawnActionKind.CHDIR, fd: 0, path: '/bin' }],
        attributes: { ...noAttributes, cloneFlags: 0 },
      });
      const spawned = await c.syscall(Sys.SPAWN, [0], request);
      await c.syscall(Sys.WAIT4, [-1, 0]);
      result = { errno: spawned.errno, action: spawned.results![1]! };
      return 0;
    };
    const { kernel, fds, stdout } = await boot({ parent });
    await writeFile(kernel.init, '/bin/parent', text(`${BUILTIN_MAGIC}parent\n`), 0o755);
    await (
      await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'], fds })
    ).exited;
    expect(result).toEqual({ errno: 0, action: 0n });
    expect(stdout()).toBe('hello from C\narg 1: from-bin\n');
  });
});
