// A network namespace's configuration through net_config and net_link_set
// on a booted kernel: the initial namespace's lo is up, a new namespace's
// is down with no address, bringing it up adds 127.0.0.1/8 and ::1 and the
// local routes (Linux keeps 127.0.0.1 and its local routes when lo goes
// down again, and drops ::1 and the broadcast route), the state is per
// namespace, and changing it needs CAP_NET_ADMIN over the namespace.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { CLONE_NEWNET, CLONE_NEWUSER } from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { IFF_UP } from '../../../src/kernel/net/interface.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { boot } from '../ns/support.ts';

const LO_DOWN = 'link 1 lo 8 65536 noop 1000 loopback 00:00:00:00:00:00\n';
const LO_UP_LINES = [
  'link 1 lo 65609 65536 noqueue 1000 loopback 00:00:00:00:00:00',
  'addr 1 inet 127.0.0.1 8 host lo',
  'addr 1 inet6 ::1 128 host -',
  'route local local inet 127.0.0.0/8 lo host 127.0.0.1 -',
  'route local local inet 127.0.0.1 lo host 127.0.0.1 -',
  'route local broadcast inet 127.255.255.255 lo link 127.0.0.1 -',
  'route local local inet6 ::1 lo host - 0',
];
const LO_UP = LO_UP_LINES.map((line) => `${line}\n`).join('');

function setup() {
  const k = boot();
  const config = async (p: Process, capacity = 4096) => {
    const reply = await dispatch(k.kernel.syscalls, p, {
      number: Sys.NET_CONFIG,
      args: BigInt64Array.from([BigInt(capacity)]),
      input: new Uint8Array(),
    });
    const text = reply.output ? new TextDecoder().decode(reply.output) : `errno ${reply.errno}`;
    return { text, length: Number(reply.results?.[1] ?? -1) };
  };
  const setUp = (p: Process, name: string, up: boolean) =>
    k.errno(p, Sys.NET_LINK_SET, [IFF_UP, up ? IFF_UP : 0], name);
  return { k, config, setUp };
}

describe('network namespace configuration', () => {
  it('has lo up in the initial namespace and down, without addresses, in a new one', async () => {
    const { k, config } = setup();
    const host = k.spawn();
    expect((await config(host)).text).toBe(LO_UP);
    const inside = k.spawn();
    expect(await k.errno(inside, Sys.UNSHARE, [CLONE_NEWNET])).toBe(0);
    expect((await config(inside)).text).toBe(LO_DOWN);
  });

  it('gives lo its addresses and local routes when it comes up, keeps IPv4 when it goes down', async () => {
    const { k, config, setUp } = setup();
    const p = k.spawn();
    await k.errno(p, Sys.UNSHARE, [CLONE_NEWNET]);
    expect(await setUp(p, 'lo', true)).toBe(0);
    expect((await config(p)).text).toBe(LO_UP);
    expect(await setUp(p, 'lo', false)).toBe(0);
    expect((await config(p)).text).toBe(
      [
        'link 1 lo 8 65536 noqueue 1000 loopback 00:00:00:00:00:00',
        'addr 1 inet 127.0.0.1 8 host lo',
        'route local local inet 127.0.0.0/8 lo host 127.0.0.1 -',
        'route local local inet 127.0.0.1 lo host 127.0.0.1 -',
        '',
      ].join('\n'),
    );
  });

  it('keeps each namespace its own: a child namespace bringing lo up changes nothing outside', async () => {
    const { k, config, setUp } = setup();
    const outer = k.spawn();
    await k.errno(outer, Sys.UNSHARE, [CLONE_NEWNET]);
    const inner = k.fork(outer);
    await k.errno(inner, Sys.UNSHARE, [CLONE_NEWNET]);
    expect(await setUp(inner, 'lo', true)).toBe(0);
    expect((await config(outer)).text).toBe(LO_DOWN);
    expect((await config(k.spawn())).text).toBe(LO_UP);
  });

  it('cuts the text at the buffer and reports its full length', async () => {
    const { k, config } = setup();
    const out = await config(k.spawn(), 10);
    expect(out.text).toBe(LO_UP.slice(0, 10));
    expect(out.length).toBe(LO_UP.length);
  });

  it('answers ENODEV for a missing device, EINVAL for other flags, EPERM without CAP_NET_ADMIN', async () => {
    const { k, setUp } = setup();
    const root = k.spawn();
    expect(await setUp(root, 'eth0', true)).toBe(Errno.ENODEV);
    expect(await k.errno(root, Sys.NET_LINK_SET, [0x8, 0], 'lo')).toBe(Errno.EINVAL);
    const user = k.spawn(1000);
    expect(await setUp(user, 'lo', false)).toBe(Errno.EPERM);
    // In a user namespace of its own, owning a new network namespace, it may.
    expect(await k.errno(user, Sys.UNSHARE, [CLONE_NEWUSER | CLONE_NEWNET])).toBe(0);
    expect(await setUp(user, 'lo', true)).toBe(0);
  });
});
