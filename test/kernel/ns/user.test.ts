// User namespaces through the syscalls on a booted kernel
// (user_namespaces(7)): ids seen through the maps, the `unshare -r` flow of
// an unprivileged user, the rules of writing uid_map, gid_map and
// setgroups, and capabilities that hold over owned namespaces only.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  CLONE_NEWNS,
  CLONE_NEWPID,
  CLONE_NEWUSER,
  CLONE_NEWUTS,
} from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { boot } from './support.ts';

describe('user namespace', () => {
  it('the unshare -r flow of uid 1000: maps written, then it is root inside and 1000 outside', async () => {
    const k = boot();
    const user = k.spawn(1000);
    expect(await k.unshare(user, CLONE_NEWUSER)).toBe(0);
    expect(await k.getuid(user)).toBe(65534);
    expect(await k.getgid(user)).toBe(65534);
    expect(await k.write(user, '/proc/self/uid_map', '0 1000 1')).toBe(0);
    expect(await k.write(user, '/proc/self/gid_map', '0 1000 1')).toBe(Errno.EPERM);
    expect(await k.write(user, '/proc/self/setgroups', 'deny')).toBe(0);
    expect(await k.write(user, '/proc/self/gid_map', '0 1000 1\n')).toBe(0);
    expect(await k.getuid(user)).toBe(0);
    expect(await k.getgid(user)).toBe(0);
    expect(await k.read(user, '/proc/self/uid_map')).toBe('         0       1000          1\n');
    expect(await k.read(user, '/proc/self/setgroups')).toBe('deny\n');
    const host = k.spawn();
    expect(await k.read(host, `/proc/${user.pid}/status`)).toMatch(
      /\nUid:\t1000\t1000\t1000\t1000\n/,
    );
    expect(await k.read(user, '/proc/self/status')).toMatch(/\nUid:\t0\t0\t0\t0\n/);
    expect(await k.read(host, '/proc/self/uid_map')).toBe('         0          0 4294967295\n');
    // Now root inside: new namespaces of every other kind are allowed.
    expect(await k.unshare(user, CLONE_NEWUTS | CLONE_NEWNS | CLONE_NEWPID)).toBe(0);
    expect(await k.errno(user, Sys.SETHOSTNAME, [], 'ctr')).toBe(0);
    // setgroups(2) stays refused after "deny".
    expect(await k.errno(user, Sys.SETGROUPS, [0])).toBe(Errno.EPERM);
  });

  it('stat shows owners through the maps: its own files as root, unmapped owners as 65534', async () => {
    const k = boot();
    const user = k.spawn(1000);
    expect(await k.create(user, '/tmp/mine')).toBe(0);
    await k.unshare(user, CLONE_NEWUSER);
    expect(await k.stat(user, '/tmp/mine')).toMatchObject({ uid: 65534, gid: 65534 });
    await k.write(user, '/proc/self/uid_map', '0 1000 1');
    await k.write(user, '/proc/self/setgroups', 'deny');
    await k.write(user, '/proc/self/gid_map', '0 1000 1');
    expect(await k.stat(user, '/tmp/mine')).toMatchObject({ uid: 0, gid: 0 });
    expect(await k.stat(user, '/etc')).toMatchObject({ uid: 65534, gid: 65534 });
    expect(await k.stat(k.spawn(), '/tmp/mine')).toMatchObject({ uid: 1000, gid: 1000 });
    // chown takes ids of the caller's namespace: 0 is 1000 outside; 5 has no mapping.
    expect(await k.errno(user, Sys.CHOWN, [-100, 0, 0, 1], '/tmp/mine')).toBe(0);
    expect(await k.errno(user, Sys.CHOWN, [-100, 5, 0xffffffff, 1], '/tmp/mine')).toBe(
      Errno.EINVAL,
    );
    expect(await k.stat(k.spawn(), '/tmp/mine')).toMatchObject({ uid: 1000, gid: 1000 });
  });

  it('maps are written once, from inside or the parent, and must be well formed', async () => {
    const k = boot();
    const user = k.spawn(1000);
    await k.unshare(user, CLONE_NEWUSER);
    for (const bad of ['', '0 1000', '0 1000 0', 'a b c', '0 1000 1\n0 1001 1', '-1 1000 1']) {
      expect(await k.write(user, '/proc/self/uid_map', bad)).toBe(Errno.EINVAL);
    }
    // Not its own uid, and no privilege in the parent: EPERM.
    expect(await k.write(user, '/proc/self/uid_map', '0 0 1')).toBe(Errno.EPERM);
    expect(await k.write(user, '/proc/self/uid_map', '0 1000 2')).toBe(Errno.EPERM);
    expect(await k.write(user, '/proc/self/uid_map', '0 1000 1')).toBe(0);
    expect(await k.write(user, '/proc/self/uid_map', '0 1000 1')).toBe(Errno.EPERM);
    // Root of the parent may map any range of the parent's ids.
    const other = k.spawn(1000);
    await k.unshare(other, CLONE_NEWUSER);
    const root = k.spawn();
    expect(await k.write(root, `/proc/${other.pid}/uid_map`, '0 100000 65536')).toBe(0);
    expect(await k.write(root, `/proc/${other.pid}/gid_map`, '0 100000 65536')).toBe(0);
    expect(await k.write(other, '/proc/self/setgroups', 'deny')).toBe(Errno.EPERM);
    expect(await k.getuid(other)).toBe(65534);
    expect(await k.write(user, '/proc/self/setgroups', 'maybe')).toBe(Errno.EINVAL);
    // A bystander of the same uid, outside both namespaces' chain of privilege, may not write.
    const third = k.spawn(1000);
    await k.unshare(third, CLONE_NEWUSER);
    const fourth = k.spawn(1000);
    await k.unshare(fourth, CLONE_NEWUSER);
    expect(await k.write(fourth, `/proc/${third.pid}/uid_map`, '0 1000 1')).toBe(Errno.EPERM);
  });

  it('privilege inside does not reach objects owned outside', async () => {
    const k = boot();
    const user = k.spawn(1000);
    await k.unshare(user, CLONE_NEWUSER);
    await k.write(user, '/proc/self/uid_map', '0 1000 1');
    expect(await k.errno(user, Sys.SETHOSTNAME, [], 'x')).toBe(Errno.EPERM);
    expect(await k.mount(user, 'tmpfs', '/tmp', 'tmpfs')).toBe(Errno.EPERM);
    expect(await k.errno(user, Sys.CHROOT, [], '/tmp')).toBe(0);
    expect(await k.errno(user, Sys.KILL, [1, 0])).toBe(Errno.EPERM);
    // set*id inside: only mapped ids (EINVAL otherwise).
    expect(await k.errno(user, Sys.SETUID, [5])).toBe(Errno.EINVAL);
    expect(await k.errno(user, Sys.SETUID, [0])).toBe(0);
  });

  it('an unprivileged user cannot enter a namespace it does not own; root of the parent can', async () => {
    const k = boot();
    const a = k.spawn(1000);
    await k.unshare(a, CLONE_NEWUSER);
    const b = k.spawn(1001);
    expect(await k.setns(b, `/proc/${a.pid}/ns/user`)).toBe(-Errno.EACCES);
    const c = k.spawn(1000);
    expect(await k.setns(c, `/proc/${a.pid}/ns/user`, CLONE_NEWUSER)).toBe(0);
    expect(await k.setns(c, `/proc/${a.pid}/ns/user`)).toBe(Errno.EINVAL);
    const root = k.spawn();
    expect(await k.setns(root, `/proc/${a.pid}/ns/user`)).toBe(0);
    expect(await k.getuid(root)).toBe(65534);
  });

  it('nests 32 user namespaces; the 33rd is refused (ENOSPC, Linux says EUSERS)', async () => {
    const k = boot();
    const p = k.spawn(1000);
    for (let level = 1; level <= 32; level++) {
      expect(await k.unshare(p, CLONE_NEWUSER)).toBe(0);
      expect(await k.write(p, '/proc/self/uid_map', '1000 1000 1')).toBe(0);
      expect(await k.write(p, '/proc/self/setgroups', 'deny')).toBe(level === 1 ? 0 : 0);
      expect(await k.write(p, '/proc/self/gid_map', '1000 1000 1')).toBe(0);
    }
    expect(await k.unshare(p, CLONE_NEWUSER)).toBe(Errno.ENOSPC);
  });

  it('refuses CLONE_NEWUSER to a chrooted caller and to one whose uid has no mapping', async () => {
    const k = boot();
    const root = k.spawn();
    await k.errno(root, Sys.CHROOT, [], '/tmp');
    expect(await k.unshare(root, CLONE_NEWUSER)).toBe(Errno.EPERM);
    const user = k.spawn(1000);
    await k.unshare(user, CLONE_NEWUSER);
    expect(await k.unshare(user, CLONE_NEWUSER)).toBe(Errno.EPERM);
  });
});
