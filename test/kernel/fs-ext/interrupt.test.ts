// Blocked pipe reads and writes, fifo opens and poll_oneoff end with EINTR
// when a signal with a handler arrives, without losing data; the process's
// death ends them too.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { O_CREAT, O_RDONLY, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Signal, sigmask } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { ProcessState } from '../../../src/kernel/proc/process.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { createPollSyscall } from '../../../src/kernel/syscalls/poll.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { check, makeSystem, sys } from '../fs/support/kernel.ts';

/** What signals.ts does when a handled signal is sent: pending, then listeners told. */
function deliverHandled(process: Process, sig: number): void {
  process.signals.setAction(sig, { handler: 2, mask: 0, flags: 0 });
  process.signals.pending |= sigmask(sig);
  process.signals.notifyListeners();
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('interruptible waits', () => {
  it('a blocked pipe read ends with EINTR, and the data written later is read next', async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [0]);
    const [r, w] = [Number(pipe.value), Number(pipe.results[1])];
    const blocked = sys(p, Sys.FD_READ, [r, 10]);
    await tick();
    expect(p.state).toBe(ProcessState.Sleeping);
    deliverHandled(p, Signal.SIGUSR1);
    expect((await blocked).errno).toBe(Errno.EINTR);
    p.signals.pending = 0;
    await check(p, Sys.FD_WRITE, [w], bytes('later'));
    expect(new TextDecoder().decode((await check(p, Sys.FD_READ, [r, 10])).output)).toBe('later');
  });

  it('a blocked pipe write returns what it wrote, or EINTR when nothing', async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [0]);
    const [r, w] = [Number(pipe.value), Number(pipe.results[1])];
    await check(p, Sys.FD_WRITE, [w], new Uint8Array(65536));
    const full = sys(p, Sys.FD_WRITE, [w], new Uint8Array(10));
    await tick();
    deliverHandled(p, Signal.SIGUSR1);
    expect((await full).errno).toBe(Errno.EINTR);
    p.signals.pending = 0;
    await check(p, Sys.FD_READ, [r, 1000]);
    expect((await check(p, Sys.FD_WRITE, [w], new Uint8Array(200))).value).toBe(200n);
    // 800 bytes fit; the rest waits, and the signal ends the write with its count.
    const big = sys(p, Sys.FD_WRITE, [w], new Uint8Array(10000));
    await tick();
    deliverHandled(p, Signal.SIGUSR1);
    const outcome = await big;
    expect(outcome.errno).toBe(Errno.SUCCESS);
    expect(outcome.value).toBe(800n);
  });

  it('a fifo open waiting for a writer ends with EINTR; a signal without handler does not', async () => {
    const system = makeSystem();
    const p = system.spawn();
    await check(p, Sys.MKNOD, [3, 0o010644, 0], 'fifo');
    const opening = sys(p, Sys.OPENAT, [3, O_RDONLY, 0], 'fifo');
    await tick();
    deliverHandled(p, Signal.SIGUSR2);
    expect((await opening).errno).toBe(Errno.EINTR);
    p.signals.pending = 0;
    // The interrupted open left no reader behind: a non-blocking writer finds none.
    expect((await sys(p, Sys.OPENAT, [3, O_WRONLY | 0x0004, 0], 'fifo')).errno).toBe(Errno.ENXIO);
    expect((await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'x')).errno).toBe(0);
  });

  it('poll_oneoff on an empty pipe ends with EINTR', async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [0]);
    const subscription = new Uint8Array(48);
    const view = new DataView(subscription.buffer);
    view.setBigUint64(0, 7n, true);
    view.setUint8(8, 1); // FD_READ
    view.setUint32(16, Number(pipe.value), true);
    const table = new SyscallTable([
      createPollSyscall({ now: () => 0n, setTimer: () => () => undefined }),
    ]);
    const polling = dispatch(table, p, {
      number: Sys.POLL_ONEOFF,
      args: BigInt64Array.from([1n]),
      input: subscription,
    });
    await tick();
    deliverHandled(p, Signal.SIGUSR1);
    expect((await polling).errno).toBe(Errno.EINTR);
  });

  it("the process's death ends a blocked read", async () => {
    const p = makeSystem().spawn();
    const pipe = await check(p, Sys.PIPE2, [0]);
    const blocked = sys(p, Sys.FD_READ, [Number(pipe.value), 10]);
    await tick();
    p.state = ProcessState.Zombie;
    p.signals.notifyListeners();
    expect((await blocked).errno).toBe(Errno.EINTR);
  });
});
