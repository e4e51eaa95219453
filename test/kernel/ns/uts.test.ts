// UTS namespaces and the /proc/<pid>/ns links, through the syscalls on a
// booted kernel: a new UTS namespace keeps its own host name, children
// inherit it, setns through an opened link joins another's, and the links
// read `kind:[id]` with Linux's initial identities.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  CLONE_NEWIPC,
  CLONE_NEWNET,
  CLONE_NEWUSER,
  CLONE_NEWUTS,
} from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { boot } from './support.ts';

describe('UTS namespace', () => {
  it('keeps a host name set after unshare to itself and its children', async () => {
    const k = boot();
    const a = k.spawn();
    const b = k.spawn();
    expect(await k.unshare(a, CLONE_NEWUTS)).toBe(0);
    expect(await k.errno(a, Sys.SETHOSTNAME, [], 'inside')).toBe(0);
    expect(await k.hostname(a)).toBe('inside');
    expect(await k.hostname(b)).toBe('bocal');
    expect(await k.hostname(k.fork(a))).toBe('inside');
    expect(k.kernel.uts.nodename).toBe('bocal');
  });

  it('is joined with setns on an opened /proc/<pid>/ns/uts', async () => {
    const k = boot();
    const a = k.spawn();
    const b = k.spawn();
    await k.unshare(a, CLONE_NEWUTS);
    await k.errno(a, Sys.SETHOSTNAME, [], 'box');
    expect(await k.setns(b, `/proc/${a.pid}/ns/uts`, CLONE_NEWUTS)).toBe(0);
    expect(await k.hostname(b)).toBe('box');
    expect(await k.readlink(b, '/proc/self/ns/uts')).toBe(await k.readlink(a, '/proc/self/ns/uts'));
  });

  it('needs CAP_SYS_ADMIN: EPERM for uid 1000, allowed inside its own user namespace', async () => {
    const k = boot();
    const user = k.spawn(1000);
    expect(await k.unshare(user, CLONE_NEWUTS)).toBe(Errno.EPERM);
    expect(await k.errno(user, Sys.SETHOSTNAME, [], 'x')).toBe(Errno.EPERM);
    expect(await k.unshare(user, CLONE_NEWUSER | CLONE_NEWUTS)).toBe(0);
    expect(await k.errno(user, Sys.SETHOSTNAME, [], 'mine')).toBe(0);
    expect(await k.hostname(user)).toBe('mine');
    // The initial UTS namespace is owned by the initial user namespace: no privilege there.
    const other = k.spawn(1000);
    expect(await k.unshare(other, CLONE_NEWUSER)).toBe(0);
    expect(await k.errno(other, Sys.SETHOSTNAME, [], 'x')).toBe(Errno.EPERM);
    expect(await k.hostname(k.spawn())).toBe('bocal');
  });
});

describe('/proc/<pid>/ns', () => {
  it('lists the ten links Linux has, reading kind:[id] with the initial identities', async () => {
    const k = boot();
    const p = k.spawn();
    expect(await k.list(p, '/proc/self/ns')).toEqual([
      'cgroup',
      'ipc',
      'mnt',
      'net',
      'pid',
      'pid_for_children',
      'time',
      'time_for_children',
      'user',
      'uts',
    ]);
    const links: Record<string, string> = {};
    for (const name of ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts']) {
      links[name] = await k.readlink(p, `/proc/self/ns/${name}`);
    }
    expect(links).toEqual({
      cgroup: 'cgroup:[4026531835]',
      ipc: 'ipc:[4026531839]',
      mnt: 'mnt:[4026531841]',
      net: 'net:[4026531840]',
      pid: 'pid:[4026531836]',
      time: 'time:[4026531834]',
      user: 'user:[4026531837]',
      uts: 'uts:[4026531838]',
    });
  });

  it('new namespaces get fresh identities; stat of the link target shows the identity as inode', async () => {
    const k = boot();
    const p = k.spawn();
    await k.unshare(p, CLONE_NEWIPC | CLONE_NEWNET);
    const ipc = await k.readlink(p, '/proc/self/ns/ipc');
    const net = await k.readlink(p, '/proc/self/ns/net');
    expect(ipc).toMatch(/^ipc:\[40265321\d\d\]$/);
    expect(net).toMatch(/^net:\[40265321\d\d\]$/);
    expect(ipc.slice(5)).not.toBe(net.slice(5));
    const ipcStat = await k.stat(p, '/proc/self/ns/ipc');
    const netStat = await k.stat(p, '/proc/self/ns/net');
    expect(ipcStat.ino).toBe(Number(ipc.slice(5, -1)));
    expect(netStat.ino).toBe(Number(net.slice(5, -1)));
    expect(ipcStat.dev).toBe(netStat.dev);
    const procStat = await k.stat(p, '/proc/self');
    expect(procStat.dev).not.toBe(ipcStat.dev);
  });

  it('an fd opened on a link reads kind:[id] in /proc/self/fd and reopens the namespace', async () => {
    const k = boot();
    const p = k.spawn();
    const fd = await k.open(p, '/proc/self/ns/uts');
    expect(await k.readlink(p, `/proc/self/fd/${fd}`)).toBe('uts:[4026531838]');
    expect((await k.stat(p, `/proc/self/fd/${fd}`)).ino).toBe(4026531838);
    expect(await k.setns(p, `/proc/self/fd/${fd}`, CLONE_NEWUTS)).toBe(0);
  });

  it('setns refuses a non-namespace fd, a wrong nstype, and entering without privilege', async () => {
    const k = boot();
    const root = k.spawn();
    await k.unshare(root, CLONE_NEWUTS);
    const user = k.spawn(1000);
    expect(await k.setns(root, '/proc/self/cmdline')).toBe(Errno.EINVAL);
    expect(await k.setns(root, '/proc/self/ns/uts', CLONE_NEWIPC)).toBe(Errno.EINVAL);
    expect(await k.setns(user, `/proc/${root.pid}/ns/uts`)).toBe(-Errno.EACCES);
    expect(await k.setns(user, '/proc/self/ns/uts')).toBe(Errno.EPERM);
  });

  it("a link of another user's process is EACCES to read (ptrace access mode)", async () => {
    const k = boot();
    const root = k.spawn();
    const user = k.spawn(1000);
    expect(await k.readlink(user, `/proc/${root.pid}/ns/pid`)).toBe(`errno ${Errno.EACCES}`);
    expect(await k.readlink(root, `/proc/${user.pid}/ns/pid`)).toBe('pid:[4026531836]');
    expect(await k.readlink(user, `/proc/${k.spawn(1000).pid}/ns/pid`)).toBe('pid:[4026531836]');
  });
});
