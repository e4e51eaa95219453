// Mount namespaces through the syscalls on a booted kernel: a copy of the
// table per namespace (mounts and umounts stay inside), /proc/<pid>/mounts
// of each process showing its own, propagation between shared peers and to
// slaves across namespaces (sharedsubtree.rst), setns moving the caller to
// the namespace's root, and privilege checked against the owner.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  CLONE_NEWNS,
  CLONE_NEWUSER,
  MS_PRIVATE,
  MS_REC,
  MS_SHARED,
  MS_SLAVE,
} from '../../../src/kernel/abi/mount-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { boot } from './support.ts';

const mountsOf = async (k: ReturnType<typeof boot>, p: Parameters<typeof k.read>[0]) =>
  (await k.read(p, '/proc/self/mounts')).split('\n').map((line) => line.split(' ')[1]);

describe('mount namespace', () => {
  it('mounts and umounts after unshare stay in the new namespace', async () => {
    const k = boot();
    const host = k.spawn();
    const inside = k.spawn();
    await k.mkdir(host, '/tmp/a');
    expect(await k.unshare(inside, CLONE_NEWNS)).toBe(0);
    expect(await k.mount(inside, 'tmpfs', '/tmp/a', 'tmpfs')).toBe(0);
    expect(await k.create(inside, '/tmp/a/only-inside')).toBe(0);
    expect(await k.list(inside, '/tmp/a')).toEqual(['only-inside']);
    expect(await k.list(host, '/tmp/a')).toEqual([]);
    expect(await mountsOf(k, inside)).toContain('/tmp/a');
    expect(await mountsOf(k, host)).not.toContain('/tmp/a');
    // /proc/<pid>/mounts shows that process's namespace, whoever reads it.
    expect((await k.read(host, `/proc/${inside.pid}/mounts`)).includes(' /tmp/a ')).toBe(true);
    // An umount inside leaves the host's /tmp in place.
    expect(await k.errno(inside, Sys.UMOUNT2, [0], '/tmp')).toBe(Errno.EBUSY);
    expect(await k.errno(inside, Sys.UMOUNT2, [0], '/tmp/a')).toBe(0);
    expect(await k.errno(inside, Sys.UMOUNT2, [0], '/tmp')).toBe(0);
    expect(await mountsOf(k, host)).toContain('/tmp');
    expect(await k.readlink(inside, '/proc/self/ns/mnt')).not.toBe(
      await k.readlink(host, '/proc/self/ns/mnt'),
    );
  });

  it('children inherit it; the cwd is carried into the copy', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/work');
    await k.errno(p, Sys.CHDIR, [-100], '/tmp/work');
    await k.unshare(p, CLONE_NEWNS);
    expect(await k.cwd(p)).toBe('/tmp/work');
    expect(await k.mount(p, 'tmpfs', '/tmp/work', 'tmpfs')).toBe(0);
    const child = k.fork(p);
    expect(await mountsOf(k, child)).toContain('/tmp/work');
  });

  it('a shared mount stays a peer of its copy: mounts and umounts propagate both ways', async () => {
    const k = boot();
    const host = k.spawn();
    await k.mkdir(host, '/tmp/shared');
    await k.mkdir(host, '/tmp/shared/x');
    expect(await k.mount(host, 'tmpfs', '/tmp/shared', 'tmpfs')).toBe(0);
    await k.mkdir(host, '/tmp/shared/x');
    expect(await k.mount(host, '', '/tmp/shared', '', MS_SHARED)).toBe(0);
    const inside = k.spawn();
    await k.unshare(inside, CLONE_NEWNS);
    expect(await k.mount(host, 'tmpfs', '/tmp/shared/x', 'tmpfs')).toBe(0);
    expect(await mountsOf(k, inside)).toContain('/tmp/shared/x');
    expect(await k.create(host, '/tmp/shared/x/seen')).toBe(0);
    expect(await k.list(inside, '/tmp/shared/x')).toEqual(['seen']);
    expect(await k.errno(inside, Sys.UMOUNT2, [0], '/tmp/shared/x')).toBe(0);
    expect(await mountsOf(k, host)).not.toContain('/tmp/shared/x');
    const info = await k.read(inside, '/proc/self/mountinfo');
    expect(info).toMatch(/ \/tmp\/shared rw shared:\d+ - tmpfs /);
  });

  it('a private copy receives nothing; a slave receives but does not send', async () => {
    const k = boot();
    const host = k.spawn();
    await k.mkdir(host, '/tmp/s');
    await k.mount(host, 'tmpfs', '/tmp/s', 'tmpfs');
    await k.mkdir(host, '/tmp/s/a');
    await k.mkdir(host, '/tmp/s/b');
    await k.mount(host, '', '/tmp/s', '', MS_SHARED);
    const priv = k.spawn();
    await k.unshare(priv, CLONE_NEWNS);
    expect(await k.mount(priv, '', '/', '', MS_REC | MS_PRIVATE)).toBe(0);
    const slave = k.spawn();
    await k.unshare(slave, CLONE_NEWNS);
    expect(await k.mount(slave, '', '/tmp/s', '', MS_SLAVE)).toBe(0);
    expect(await k.mount(host, 'tmpfs', '/tmp/s/a', 'tmpfs')).toBe(0);
    expect(await mountsOf(k, priv)).not.toContain('/tmp/s/a');
    expect(await mountsOf(k, slave)).toContain('/tmp/s/a');
    expect(await k.mount(slave, 'tmpfs', '/tmp/s/b', 'tmpfs')).toBe(0);
    expect(await mountsOf(k, host)).not.toContain('/tmp/s/b');
    expect(await k.read(slave, '/proc/self/mountinfo')).toMatch(/ \/tmp\/s rw master:\d+ - tmpfs /);
  });

  it('setns moves the caller to the namespace root; mount needs CAP_SYS_ADMIN over it', async () => {
    const k = boot();
    const inside = k.spawn();
    await k.mkdir(inside, '/tmp/m');
    await k.unshare(inside, CLONE_NEWNS);
    await k.mount(inside, 'tmpfs', '/tmp/m', 'tmpfs');
    await k.create(inside, '/tmp/m/file');
    const joiner = k.spawn();
    await k.mkdir(joiner, '/tmp/elsewhere');
    await k.errno(joiner, Sys.CHDIR, [-100], '/tmp/elsewhere');
    expect(await k.setns(joiner, `/proc/${inside.pid}/ns/mnt`, CLONE_NEWNS)).toBe(0);
    expect(await k.cwd(joiner)).toBe('/');
    expect(await k.list(joiner, '/tmp/m')).toEqual(['file']);
    const user = k.spawn(1000);
    expect(await k.unshare(user, CLONE_NEWNS)).toBe(Errno.EPERM);
    expect(await k.mount(user, 'tmpfs', '/tmp', 'tmpfs')).toBe(Errno.EPERM);
    expect(await k.unshare(user, CLONE_NEWUSER | CLONE_NEWNS)).toBe(0);
    expect(await k.mount(user, 'tmpfs', '/tmp', 'tmpfs')).toBe(0);
    expect(await k.mount(user, 'devtmpfs', '/tmp', 'devtmpfs')).toBe(Errno.EPERM);
    expect(await mountsOf(k, joiner)).not.toContain('/tmp/');
  });

  it('a copy owned by a new user namespace turns shared mounts into slaves', async () => {
    const k = boot();
    const host = k.spawn();
    await k.mkdir(host, '/tmp/s');
    await k.mount(host, 'tmpfs', '/tmp/s', 'tmpfs');
    await k.mount(host, '', '/tmp/s', '', MS_SHARED);
    const user = k.spawn(1000);
    await k.unshare(user, CLONE_NEWUSER | CLONE_NEWNS);
    expect(await k.read(user, '/proc/self/mountinfo')).toMatch(/ \/tmp\/s rw master:\d+ - tmpfs /);
  });
});
