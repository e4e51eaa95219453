// A child that writes to a pipe and exits at once: the parent, blocked in a
// read and catching SIGCHLD without SA_RESTART, must get the data first (as
// on Linux, where the write wakes the reader before the exit signals it),
// not EINTR. The kernel serves a busy process's calls back to back; the
// reactions of one call must run before its next call is served.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { encodeSpawn, SpawnActionKind } from '../../../src/kernel/abi/spawn.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { BUILTIN_MAGIC } from '../../../src/kernel/exec/program-file.ts';
import type { BuiltinContext } from '../../../src/kernel/exec/builtin-program.ts';
import { createNodeProcessHost } from '../../../src/platform/node/process-host.ts';
import { wasmPath } from '../../support/programs.ts';

let kernel: Kernel | undefined;
afterEach(async () => {
  await kernel?.shutdown();
  kernel = undefined;
});

describe('wake-up order', () => {
  it('gives a blocked reader the data a child wrote before its exit signals the reader', async () => {
    const outcomes: string[] = [];
    const parent = async (c: BuiltinContext) => {
      // A handler index (≥ 2) without SA_RESTART: a blocked read would end in EINTR.
      await c.syscall(Sys.SIGACTION, [Signal.SIGCHLD, 1, 2, 0, 0]);
      for (let round = 0; round < 5; round++) {
        const pipe = await c.syscall(Sys.PIPE2, [0]);
        const [readFd, writeFd] = [Number(pipe.results![0]), Number(pipe.results![1])];
        const request = encodeSpawn({
          path: '/bin/hello',
          argv: ['hello'],
          envp: [],
          actions: [
            { kind: SpawnActionKind.DUP2, fd: writeFd, newFd: 1 },
            { kind: SpawnActionKind.CLOSE, fd: readFd },
          ],
          attributes: { flags: 0, pgroup: 0, sigmask: 0, sigdefault: 0, cloneFlags: 0 },
        });
        await c.syscall(Sys.SPAWN, [0], request);
        await c.syscall(Sys.FD_CLOSE, [writeFd]);
        const read = await c.syscall(Sys.FD_READ, [readFd, 4096]);
        outcomes.push(
          read.errno === 0 ? new TextDecoder().decode(read.output) : `errno ${read.errno}`,
        );
        await c.syscall(Sys.FD_CLOSE, [readFd]);
        await c.syscall(Sys.WAIT4, [-1, 0]);
        // Run the "handler" as a worker would: take the pending SIGCHLD, then return from it.
        const taken = await c.syscall(Sys.SIGTAKE);
        if (taken.results![0] === BigInt(Signal.SIGCHLD)) await c.syscall(Sys.SIGRETURN);
      }
      return 0;
    };
    kernel = new Kernel(createNodeProcessHost(1), { builtins: { parent } });
    await writeFile(kernel.init, '/bin/hello', readFileSync(wasmPath('hello')), 0o755);
    await writeFile(
      kernel.init,
      '/bin/parent',
      new TextEncoder().encode(`${BUILTIN_MAGIC}parent\n`),
      0o755,
    );
    await (
      await kernel.spawn({ program: { path: 'parent' }, argv: ['parent'] })
    ).exited;
    expect(outcomes).toEqual(Array(5).fill('hello from C\n'));
  });
});
