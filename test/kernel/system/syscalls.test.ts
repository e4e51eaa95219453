// uname, sethostname, setdomainname, sysinfo, clock_nanosleep and prlimit
// through the dispatcher, as a program's worker calls them.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Resource, RLIM_INFINITY } from '../../../src/kernel/abi/resource.ts';
import { Signal } from '../../../src/kernel/abi/signals.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { PreopenDirectory } from '../../../src/kernel/fs/preopen.ts';
import { sendSignal } from '../../../src/kernel/proc/signals.ts';
import { Uts } from '../../../src/kernel/uts.ts';
import { child, user, world } from '../proc/support.ts';
import { sys, systemTable, TOTAL_MEMORY } from './support.ts';

const encoder = new TextEncoder();
const GiB = 2n ** 30n;

/** The six fields of a struct utsname in the wire's output. */
function utsFields(output: Uint8Array | undefined): string[] {
  expect(output?.length).toBe(6 * 65);
  const fields: string[] = [];
  for (let i = 0; i < 6; i++) {
    const field = output!.subarray(i * 65, (i + 1) * 65);
    const end = field.indexOf(0);
    expect(end, `field ${i} is NUL-terminated`).toBeGreaterThanOrEqual(0);
    fields.push(new TextDecoder().decode(field.subarray(0, end)));
  }
  return fields;
}

describe('uname and the host name', () => {
  it('does uname report Linux on wasm32 with the host and domain names?', async () => {
    const { init } = world();
    const table = systemTable(new Uts('jar'));
    const reply = await sys(table, init, Sys.UNAME);
    expect(reply.errno).toBe(Errno.SUCCESS);
    expect(utsFields(reply.output)).toEqual([
      'Linux',
      'jar',
      '6.1.0-bocal',
      '#1 SMP bocal',
      'wasm32',
      '(none)',
    ]);
  });

  it('does sethostname by root change what uname reports, and keep a 64-byte name whole?', async () => {
    const { init } = world();
    const table = systemTable();
    const name = 'h'.repeat(64);
    expect((await sys(table, init, Sys.SETHOSTNAME, [], encoder.encode(name))).errno).toBe(0);
    expect((await sys(table, init, Sys.SETDOMAINNAME, [], encoder.encode('class'))).errno).toBe(0);
    const fields = utsFields((await sys(table, init, Sys.UNAME)).output);
    expect(fields[1]).toBe(name);
    expect(fields[5]).toBe('class');
  });

  it('do sethostname and setdomainname refuse users (EPERM) and 65-byte names (EINVAL)?', async () => {
    const { table: processes, init } = world();
    const uts = new Uts('before');
    const table = systemTable(uts);
    const alice = child(processes, init, user(1000));
    for (const number of [Sys.SETHOSTNAME, Sys.SETDOMAINNAME]) {
      expect((await sys(table, alice, number, [], encoder.encode('x'))).errno).toBe(Errno.EPERM);
      const long = encoder.encode('x'.repeat(65));
      expect((await sys(table, init, number, [], long)).errno).toBe(Errno.EINVAL);
      // EPERM is checked first, as Linux does.
      expect((await sys(table, alice, number, [], long)).errno).toBe(Errno.EPERM);
    }
    expect(uts.nodename).toBe('before');
    expect(uts.domainname).toBe('(none)');
  });

  it('does a cloned Uts keep its names apart from the original?', () => {
    const uts = new Uts('one');
    const copy = uts.clone();
    copy.nodename = 'two';
    expect(uts.nodename).toBe('one');
  });
});

describe('sysinfo', () => {
  it('reports uptime, memory and the number of processes', async () => {
    const { table: processes, init } = world();
    child(processes, init);
    child(processes, init);
    const reply = await sys(systemTable(), init, Sys.SYSINFO);
    expect(reply.errno).toBe(Errno.SUCCESS);
    const [uptime, total, free, count] = reply.results!;
    expect(uptime).toBeGreaterThanOrEqual(0n);
    expect(total).toBe(BigInt(TOTAL_MEMORY));
    expect(free! <= total!).toBe(true);
    expect(count).toBe(3n);
  });
});

describe('clock_nanosleep', () => {
  const table = systemTable();

  it('sleeps at least the time asked, relative and absolute', async () => {
    const { init } = world();
    let start = performance.now();
    expect((await sys(table, init, Sys.NANOSLEEP, [1, 0, 0, 30_000_000])).errno).toBe(0);
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
    const target = BigInt(Date.now() + 40) * 1_000_000n;
    start = performance.now();
    const abs = [0, 1, target / 1_000_000_000n, target % 1_000_000_000n];
    expect((await sys(table, init, Sys.NANOSLEEP, abs)).errno).toBe(0);
    expect(performance.now() - start).toBeGreaterThanOrEqual(30);
  });

  it('returns at once for a deadline already past', async () => {
    const { init } = world();
    const start = performance.now();
    expect((await sys(table, init, Sys.NANOSLEEP, [1, 1, 0, 5])).errno).toBe(0);
    expect((await sys(table, init, Sys.NANOSLEEP, [1, 0, 0, 0])).errno).toBe(0);
    expect(performance.now() - start).toBeLessThan(20);
  });

  it('rejects bad times and clocks as Linux does', async () => {
    const { init } = world();
    const errno = async (args: (number | bigint)[]) =>
      (await sys(table, init, Sys.NANOSLEEP, args)).errno;
    expect(await errno([1, 0, 0, 1_000_000_000])).toBe(Errno.EINVAL);
    expect(await errno([1, 0, 0, -1])).toBe(Errno.EINVAL);
    expect(await errno([1, 0, -1, 0])).toBe(Errno.EINVAL);
    expect(await errno([3, 0, 0, 1])).toBe(Errno.EINVAL);
    expect(await errno([99, 0, 0, 1])).toBe(Errno.EINVAL);
    expect(await errno([-5, 0, 0, 1])).toBe(Errno.EINVAL);
    expect(await errno([2, 0, 0, 1])).toBe(Errno.ENOTSUP);
  });

  it('ends with EINTR and the time left when a handled signal arrives', async () => {
    const { table: processes, init } = world();
    const sleeper = child(processes, init);
    sleeper.signals.setAction(Signal.SIGUSR1, { handler: 7, mask: 0, flags: 0 });
    const start = performance.now();
    const pending = sys(table, sleeper, Sys.NANOSLEEP, [1, 0, 10, 0]);
    setTimeout(() => sendSignal(processes, sleeper, Signal.SIGUSR1), 30);
    const reply = await pending;
    expect(reply.errno).toBe(Errno.EINTR);
    expect(performance.now() - start).toBeLessThan(2000);
    const left = reply.results![1]! * 1_000_000_000n + reply.results![2]!;
    expect(left).toBeGreaterThan(9_000_000_000n);
    expect(left).toBeLessThan(10_000_000_000n);
    expect(reply.results![2]!).toBeLessThan(1_000_000_000n);
  });

  it('is not interrupted by an ignored or blocked signal', async () => {
    const { table: processes, init } = world();
    const sleeper = child(processes, init);
    sleeper.signals.setAction(Signal.SIGUSR1, { handler: 1, mask: 0, flags: 0 });
    const pending = sys(table, sleeper, Sys.NANOSLEEP, [1, 0, 0, 60_000_000]);
    setTimeout(() => sendSignal(processes, sleeper, Signal.SIGUSR1), 10);
    expect((await pending).errno).toBe(Errno.SUCCESS);
  });
});

describe('prlimit', () => {
  const table = systemTable();
  const get = async (caller: Parameters<typeof sys>[1], resource: number) => {
    const reply = await sys(table, caller, Sys.PRLIMIT, [resource, 0, 0, 0]);
    expect(reply.errno).toBe(Errno.SUCCESS);
    return [reply.results![0]!, reply.results![1]!];
  };
  const set = async (
    caller: Parameters<typeof sys>[1],
    resource: number,
    soft: bigint,
    hard: bigint,
  ) => (await sys(table, caller, Sys.PRLIMIT, [resource, 1, soft, hard])).errno;

  it('reports the defaults: 1 GiB of memory, 1024 files, an 8 MiB stack', async () => {
    const { init } = world();
    expect(await get(init, Resource.RLIMIT_AS)).toEqual([GiB, RLIM_INFINITY]);
    expect(await get(init, Resource.RLIMIT_DATA)).toEqual([RLIM_INFINITY, RLIM_INFINITY]);
    expect(await get(init, Resource.RLIMIT_NOFILE)).toEqual([1024n, 4096n]);
    expect(await get(init, Resource.RLIMIT_STACK)).toEqual([8n * 2n ** 20n, RLIM_INFINITY]);
    const [nproc] = await get(init, Resource.RLIMIT_NPROC);
    expect(nproc).toBeGreaterThan(0n);
    expect(init.limits.memoryLimit()).toBe(2 ** 30);
  });

  it('does RLIMIT_NOFILE set the fd table limit, so opening past it fails with EMFILE?', async () => {
    const { init } = world();
    expect(await set(init, Resource.RLIMIT_NOFILE, 2n, 4096n)).toBe(0);
    expect(init.fds.limit).toBe(2);
    expect(await get(init, Resource.RLIMIT_NOFILE)).toEqual([2n, 4096n]);
    const file = new PreopenDirectory(init.root);
    expect(init.fds.add(file)).toBe(0);
    expect(init.fds.add(file)).toBe(1);
    expect(() => init.fds.add(file)).toThrow(expect.objectContaining({ errno: Errno.EMFILE }));
  });

  it('do RLIMIT_AS and RLIMIT_DATA give the memory limit, the smaller one winning?', async () => {
    const { init } = world();
    expect(await set(init, Resource.RLIMIT_AS, 64n << 20n, RLIM_INFINITY)).toBe(0);
    expect(init.limits.memoryLimit()).toBe(64 * 2 ** 20);
    expect(await set(init, Resource.RLIMIT_DATA, 32n << 20n, RLIM_INFINITY)).toBe(0);
    expect(init.limits.memoryLimit()).toBe(32 * 2 ** 20);
    expect(await set(init, Resource.RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY)).toBe(0);
    expect(await set(init, Resource.RLIMIT_DATA, RLIM_INFINITY, RLIM_INFINITY)).toBe(0);
    expect(init.limits.memoryLimit()).toBe(4 * 2 ** 30);
  });

  it('does a child inherit its parent limits, and change only its own?', async () => {
    const { table: processes, init } = world();
    expect(await set(init, Resource.RLIMIT_AS, 100n << 20n, 200n << 20n)).toBe(0);
    const c = child(processes, init);
    expect(await get(c, Resource.RLIMIT_AS)).toEqual([100n << 20n, 200n << 20n]);
    expect(await set(c, Resource.RLIMIT_AS, 50n << 20n, 50n << 20n)).toBe(0);
    expect(await get(init, Resource.RLIMIT_AS)).toEqual([100n << 20n, 200n << 20n]);
  });

  it('refuses soft above hard (EINVAL), a user raising a hard limit (EPERM), an unknown resource (EINVAL)', async () => {
    const { table: processes, init } = world();
    const alice = child(processes, init, user(1000));
    expect(await set(alice, Resource.RLIMIT_NOFILE, 5000n, 4096n)).toBe(Errno.EINVAL);
    expect(await set(alice, Resource.RLIMIT_NOFILE, 1024n, 8192n)).toBe(Errno.EPERM);
    expect(await set(alice, Resource.RLIMIT_NOFILE, 4096n, 4096n)).toBe(0);
    expect(await set(alice, Resource.RLIMIT_NOFILE, 100n, 200n)).toBe(0);
    expect(await set(alice, Resource.RLIMIT_NOFILE, 100n, 300n)).toBe(Errno.EPERM);
    expect(await set(alice, Resource.RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY)).toBe(0);
    expect(await set(alice, Resource.RLIMIT_AS, RLIM_INFINITY, 1n << 30n)).toBe(Errno.EINVAL);
    expect(await set(init, Resource.RLIMIT_NOFILE, 1024n, 1_048_577n)).toBe(Errno.EPERM);
    expect(await set(init, Resource.RLIMIT_NOFILE, 1024n, 8192n)).toBe(0);
    for (const resource of [-1, 16, 2 ** 40]) {
      expect((await sys(table, init, Sys.PRLIMIT, [resource, 0, 0, 0])).errno).toBe(Errno.EINVAL);
    }
  });
});
