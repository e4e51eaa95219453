// Fuzzes the syscall dispatcher of a real kernel: thousands of calls with
// random numbers (registered or not), random arguments (small, negative,
// huge) and random input bytes, from processes of the kernel's own table.
// A call may fail with any errno, or block; it may never throw anything but
// a KernelError (the dispatcher turns those into errnos), and the kernel's
// invariants must hold after each call. A normal program runs afterwards.
// FUZZ_SEED=<n> replays or varies the user run.
import { afterAll, describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { ARG_COUNT } from '../../../src/kernel/abi/channel.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import type { Kernel } from '../../../src/kernel/kernel.ts';
import type { Reply } from '../../../src/kernel/syscalls/channel-server.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { wasmBytes } from '../../support/programs.ts';
import { newKernel, run } from './support.ts';

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const edges = [
  0n,
  1n,
  2n,
  3n,
  4n,
  -1n,
  -100n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  2n ** 32n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  -(2n ** 63n),
];

const paths = ['/', '/tmp', '/tmp/f', '/proc/self/fd', '/dev/null', '..', '', 'a\0b', '/tmp/d/'];

/** Calls that end the caller or wait for what never comes; fuzzed apart, see below. */
const ending = new Set<number>([Sys.PROC_EXIT]);

class Fuzzer {
  readonly random: () => number;
  private readonly numbers: number[];

  constructor(
    private readonly kernel: Kernel,
    readonly seed: number,
  ) {
    this.random = prng(seed);
    this.numbers = kernel.syscalls
      .all()
      .map((e) => e.number)
      .filter((n) => !ending.has(n));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  number(): number {
    const r = this.random();
    if (r < 0.85) return this.pick(this.numbers);
    if (r < 0.95) return Math.floor(this.random() * 300);
    return Number(BigInt.asIntN(32, this.pick(edges)));
  }

  arg(): bigint {
    const r = this.random();
    if (r < 0.4) return BigInt(Math.floor(this.random() * 12));
    if (r < 0.7) return this.pick(edges);
    return BigInt.asIntN(
      64,
      BigInt(Math.floor(this.random() * 2 ** 52)) << BigInt(this.pick([0, 8, 12])),
    );
  }

  input(): Uint8Array {
    const r = this.random();
    if (r < 0.3) return new Uint8Array();
    if (r < 0.6)
      return new TextEncoder().encode(this.pick(paths) + (r < 0.45 ? '\0' + this.pick(paths) : ''));
    const bytes = new Uint8Array(Math.floor(this.random() * 600));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(this.random() * 256);
    return bytes;
  }

  request(): { number: number; args: BigInt64Array; input: Uint8Array } {
    const args = new BigInt64Array(ARG_COUNT);
    for (let i = 0; i < ARG_COUNT; i++) args[i] = this.arg();
    return { number: this.number(), args, input: this.input() };
  }
}

/** The reply, or 'blocked' if it has not come within `ms`; throws what the dispatcher threw. */
async function settle(reply: Reply | Promise<Reply>, ms: number): Promise<Reply | 'blocked'> {
  if (!(reply instanceof Promise)) return reply;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'blocked'>(
    (resolve) => (timer = setTimeout(() => resolve('blocked'), ms)),
  );
  try {
    return await Promise.race([reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The process table and fd tables are consistent; returns the first broken rule. */
function brokenInvariant(kernel: Kernel): string | undefined {
  const processes = kernel.processes.list();
  const pids = new Set<number>();
  for (const p of processes) {
    if (pids.has(p.pid)) return `pid ${p.pid} listed twice`;
    pids.add(p.pid);
    if (kernel.processes.get(p.pid) !== p) return `pid ${p.pid} not found by get`;
    if (p !== kernel.init && (!p.parent || !p.parent.children.has(p))) {
      return `pid ${p.pid} is not a child of its parent`;
    }
    for (const c of p.children)
      if (c.parent !== p) return `child ${c.pid} of ${p.pid} has another parent`;
    for (const fd of p.fds.fds()) {
      if (!Number.isInteger(fd) || fd < 0) return `pid ${p.pid} has fd ${fd}`;
      const file = p.fds.get(fd);
      if (file.references < 1) return `pid ${p.pid} fd ${fd} has ${file.references} references`;
    }
  }
  if (kernel.init.state === 'Z') return 'init died';
  return undefined;
}

interface Tally {
  calls: number;
  blocked: number;
  errnos: Map<number, number>;
}

/** A fresh fuzzing target: a child of init, in its own session, with the given ids. */
function target(kernel: Kernel, uid: number): Process {
  const p = forkProcess(kernel.processes, kernel.init);
  Object.assign(p.credentials, { uid, euid: uid, suid: uid, gid: uid, egid: uid, sgid: uid });
  return p;
}

async function fuzz(
  kernel: Kernel,
  seed: number,
  calls: number,
  uid: number,
  skip: Set<number>,
): Promise<Tally> {
  const fuzzer = new Fuzzer(kernel, seed);
  const tally: Tally = { calls: 0, blocked: 0, errnos: new Map() };
  let caller = target(kernel, uid);
  for (let i = 0; i < calls; i++) {
    const request = fuzzer.request();
    if (skip.has(request.number)) continue;
    if (caller.state === 'Z') caller = target(kernel, uid);
    const what = `seed ${seed}, call ${i}: ${request.number}(${[...request.args].join(', ')}) input ${request.input.length} bytes`;
    let reply: Reply | 'blocked';
    try {
      reply = await settle(dispatch(kernel.syscalls, caller, request), 20);
    } catch (error) {
      throw new Error(`${what} threw ${String(error)}`, { cause: error });
    }
    tally.calls++;
    if (reply === 'blocked') {
      tally.blocked++;
    } else {
      expect(Number.isInteger(reply.errno), what).toBe(true);
      expect(reply.errno >= 0 && reply.errno <= Errno.ENOTCAPABLE, what).toBe(true);
      tally.errnos.set(reply.errno, (tally.errnos.get(reply.errno) ?? 0) + 1);
    }
    const broken = brokenInvariant(kernel);
    if (broken) throw new Error(`${what} broke an invariant: ${broken}`);
  }
  return tally;
}

describe('dispatch under random calls', () => {
  const kernel = newKernel();
  afterAll(() => kernel.shutdown());

  it('answers thousands of random calls from a user with errnos only, keeping its invariants', async () => {
    const tally = await fuzz(
      kernel,
      Number(process.env.FUZZ_SEED ?? 0xb0ca1),
      3000,
      1000,
      new Set(),
    );
    expect(tally.calls).toBeGreaterThan(2500);
    // The fuzzing reached handlers: some calls succeeded and several errnos came back.
    expect(tally.errnos.get(Errno.SUCCESS) ?? 0).toBeGreaterThan(50);
    expect(tally.errnos.size).toBeGreaterThan(8);
  }, 20_000);

  it('does the same for root, whose kill could end everything, so kill and raise are left out', async () => {
    const skip = new Set<number>([Sys.KILL, Sys.PROC_RAISE]);
    const tally = await fuzz(kernel, 0x5eed, 2000, 0, skip);
    expect(tally.calls).toBeGreaterThan(1500);
  }, 20_000);

  it('still runs a normal program afterwards', async () => {
    const result = await run(kernel, wasmBytes('hello'), 'hello', ['hello']);
    expect(result).toEqual({ code: 0, stdout: 'hello from C\n', stderr: '' });
  });
});
