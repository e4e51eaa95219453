// chroot, mount, umount2, pivot_root, unshare and setns through the
// dispatcher on a booted kernel: the rules and errnos of their man pages.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import {
  CLONE_FILES,
  CLONE_FS,
  CLONE_NEWNS,
  CLONE_NEWPID,
  CLONE_NEWUTS,
  MNT_DETACH,
  MNT_EXPIRE,
  MNT_FORCE,
  MS_BIND,
  MS_MOVE,
  MS_NOEXEC,
  MS_NOSUID,
  MS_PRIVATE,
  MS_RDONLY,
  MS_REC,
  MS_REMOUNT,
  MS_SHARED,
  MS_SLAVE,
  MS_UNBINDABLE,
} from '../../../src/kernel/abi/mount-flags.ts';
import { O_CREAT, O_RDWR, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { KernelError } from '../../../src/kernel/errors.ts';
import { findProgram } from '../../../src/kernel/exec/find-program.ts';
import { boot } from './support.ts';

/** The errno findProgram throws for `path`, or 0 when it finds a program. */
async function execErrno(...args: Parameters<typeof findProgram>): Promise<number> {
  try {
    await findProgram(...args);
    return 0;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

describe('chroot', () => {
  it('confines absolute paths, `..` and symlinks to `/` to the new root; children inherit it', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/jail');
    await k.mkdir(p, '/tmp/jail/etc');
    await k.create(p, '/tmp/jail/etc/inside');
    expect(await k.errno(p, Sys.PATH_SYMLINK, [3], ['/', 'tmp/jail/up'])).toBe(Errno.SUCCESS);
    expect(await k.errno(p, Sys.CHDIR, [-100], '/tmp/jail')).toBe(Errno.SUCCESS);
    expect(await k.errno(p, Sys.CHROOT, [], '.')).toBe(Errno.SUCCESS);
    expect(await k.list(p, '/')).toEqual(['etc', 'up']);
    expect(await k.errno(p, Sys.CHDIR, [-100], '../../..')).toBe(Errno.SUCCESS);
    expect(await k.cwd(p)).toBe('/');
    expect(await k.list(p, '/up/')).toEqual(['etc', 'up']);
    expect(await k.list(p, '/up/../up/etc')).toEqual(['inside']);
    const child = k.spawn(0, p);
    expect(await k.list(child, '/')).toEqual(['etc', 'up']);
  });

  it('leaves the cwd alone: root can climb out of a chroot it is not inside, as on Linux', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/jail');
    await k.mkdir(p, '/tmp/jail/sub');
    expect(await k.errno(p, Sys.CHDIR, [-100], '/tmp/jail')).toBe(Errno.SUCCESS);
    expect(await k.errno(p, Sys.CHROOT, [], 'sub')).toBe(Errno.SUCCESS);
    expect(await k.cwd(p)).toBe('(unreachable)/tmp/jail');
    for (let i = 0; i < 5; i++) await k.errno(p, Sys.CHDIR, [-100], '..');
    expect(await k.errno(p, Sys.CHROOT, [], '.')).toBe(Errno.SUCCESS);
    expect(await k.cwd(p)).toBe('/');
    expect(await k.list(p, '/')).toContain('proc');
  });

  it('answers ENOENT, ENOTDIR, EACCES from the walk before EPERM', async () => {
    const k = boot();
    const root = k.spawn();
    await k.mkdir(root, '/tmp/closed');
    await k.create(root, '/tmp/file');
    expect(await k.errno(root, Sys.CHMOD, [-100, 0o700, 1], '/tmp/closed')).toBe(Errno.SUCCESS);
    const user = k.spawn(1000);
    expect(await k.errno(user, Sys.CHROOT, [], '/nowhere')).toBe(Errno.ENOENT);
    expect(await k.errno(user, Sys.CHROOT, [], '/tmp/file')).toBe(Errno.ENOTDIR);
    expect(await k.errno(user, Sys.CHROOT, [], '/tmp/closed')).toBe(Errno.EACCES);
    expect(await k.errno(user, Sys.CHROOT, [], '/tmp')).toBe(Errno.EPERM);
    expect(await k.errno(root, Sys.CHROOT, [], '/tmp/file')).toBe(Errno.ENOTDIR);
  });
});

describe('mount', () => {
  it('mounts a tmpfs with mode=, size= accepted; ENODEV, EINVAL, ENOENT, ENOTDIR, EPERM', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/m');
    await k.create(p, '/tmp/f');
    expect(await k.mount(p, 'scratch', '/tmp/m', 'tmpfs', 0, 'mode=700,size=1m')).toBe(0);
    expect(await k.create(p, '/tmp/m/new')).toBe(0);
    expect(await k.list(p, '/tmp/m')).toEqual(['new']);
    const stat = await k.sys(p, Sys.PATH_FILESTAT_GET, [3, 1], '/tmp/m');
    expect(stat.errno).toBe(0);
    expect(await k.read(p, '/proc/self/mounts')).toContain('scratch /tmp/m tmpfs rw 0 0\n');
    expect(await k.mount(p, 'x', '/tmp/m', 'tmpfs', 0, 'bogus=1')).toBe(Errno.EINVAL);
    expect(await k.mount(p, 'x', '/tmp/m', 'sysfs')).toBe(Errno.ENODEV);
    expect(await k.mount(p, 'x', '/tmp/m', '')).toBe(Errno.EINVAL);
    expect(await k.mount(p, 'x', '/tmp/none', 'tmpfs')).toBe(Errno.ENOENT);
    expect(await k.mount(p, 'x', '/tmp/f', 'tmpfs')).toBe(Errno.ENOTDIR);
    const user = k.spawn(1000);
    expect(await k.mount(user, 'x', '/tmp/none', 'tmpfs')).toBe(Errno.ENOENT);
    expect(await k.mount(user, 'x', '/tmp/m', 'tmpfs')).toBe(Errno.EPERM);
  });

  it('mounts proc and devtmpfs again, and records nosuid and noexec', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/p');
    await k.mkdir(p, '/tmp/d');
    expect(await k.mount(p, 'proc', '/tmp/p', 'proc', MS_NOSUID | MS_NOEXEC)).toBe(0);
    expect(await k.mount(p, 'udev', '/tmp/d', 'devtmpfs')).toBe(0);
    expect(await k.list(p, '/tmp/p')).toContain(String(p.pid));
    expect(await k.list(p, '/tmp/d')).toContain('null');
    expect(await k.read(p, '/proc/self/mounts')).toContain(
      'proc /tmp/p proc rw,nosuid,noexec 0 0\n',
    );
  });

  it('refuses to run a program from a MS_NOEXEC mount (EACCES), whatever its mode', async () => {
    const k = boot();
    const p = k.spawn();
    for (const d of ['/tmp/x', '/tmp/n']) await k.mkdir(p, d);
    await k.mount(p, 'tmpfs', '/tmp/n', 'tmpfs', MS_NOEXEC);
    for (const file of ['/tmp/x/prog', '/tmp/n/prog']) {
      const fd = await k.open(p, file, O_WRONLY | O_CREAT, 0o755);
      await k.sys(p, Sys.FD_WRITE, [fd], '#!/bin/true\n');
      await k.sys(p, Sys.FD_CLOSE, [fd]);
    }
    expect(await execErrno(p, '/tmp/n/prog', ['prog'], [], false)).toBe(Errno.EACCES);
    expect(await execErrno(p, '/tmp/x/prog', ['prog'], [], false)).not.toBe(Errno.EACCES);
  });

  it('binds a directory, recursively with MS_REC, and remounts read-only', async () => {
    const k = boot();
    const p = k.spawn();
    for (const d of ['/tmp/a', '/tmp/b', '/tmp/c']) await k.mkdir(p, d);
    await k.mount(p, 'tmpfs', '/tmp/a', 'tmpfs');
    await k.mkdir(p, '/tmp/a/inner');
    await k.mount(p, 'tmpfs', '/tmp/a/inner', 'tmpfs');
    await k.create(p, '/tmp/a/inner/deep');
    expect(await k.mount(p, '/tmp/a', '/tmp/b', '', MS_BIND)).toBe(0);
    expect(await k.mount(p, '/tmp/a', '/tmp/c', '', MS_BIND | MS_REC)).toBe(0);
    expect(await k.list(p, '/tmp/b/inner')).toEqual([]);
    expect(await k.list(p, '/tmp/c/inner')).toEqual(['deep']);
    await k.create(p, '/tmp/a/shared');
    expect(await k.list(p, '/tmp/b')).toEqual(['inner', 'shared']);
    // A bind-remount makes only that mount read-only.
    const flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
    expect(await k.mount(p, '', '/tmp/b', '', flags)).toBe(0);
    expect(await k.create(p, '/tmp/b/x')).toBe(Errno.EROFS);
    expect(await k.create(p, '/tmp/a/x')).toBe(0);
    expect(await k.read(p, '/proc/self/mountinfo')).toMatch(/ \/tmp\/b ro - tmpfs tmpfs rw\n/);
    // A plain remount read-only reaches its filesystem, so every mount of it.
    expect(await k.mount(p, '', '/tmp/a', '', MS_REMOUNT | MS_RDONLY)).toBe(0);
    expect(await k.create(p, '/tmp/c/y')).toBe(Errno.EROFS);
    expect(await k.mount(p, '', '/tmp/a', '', MS_REMOUNT)).toBe(0);
    expect(await k.create(p, '/tmp/c/y')).toBe(0);
    expect(await k.create(p, '/tmp/b/y')).toBe(Errno.EROFS);
    expect(await k.mount(p, '', '/tmp/a/inner/..', '', MS_REMOUNT)).toBe(0);
    expect(await k.mount(p, '', '/tmp/a/shared', '', MS_REMOUNT)).toBe(Errno.EINVAL);
  });

  it('binds a file on a file (ENOTDIR for a file on a directory or the reverse)', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/d');
    await k.create(p, '/tmp/target');
    const fd = await k.open(p, '/tmp/source', O_WRONLY | O_CREAT);
    await k.sys(p, Sys.FD_WRITE, [fd], 'from the source\n');
    await k.sys(p, Sys.FD_CLOSE, [fd]);
    expect(await k.mount(p, '/tmp/source', '/tmp/d', '', MS_BIND)).toBe(Errno.ENOTDIR);
    expect(await k.mount(p, '/tmp/d', '/tmp/target', '', MS_BIND)).toBe(Errno.ENOTDIR);
    expect(await k.mount(p, '/tmp/source', '/tmp/target', '', MS_BIND)).toBe(0);
    expect(await k.read(p, '/tmp/target')).toBe('from the source\n');
    expect(await k.read(p, '/proc/self/mounts')).toContain(' /tmp/target tmpfs rw 0 0\n');
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/tmp/target')).toBe(0);
    expect(await k.read(p, '/tmp/target')).toBe('');
  });

  it('refuses a read-only remount while a file is open for writing (EBUSY)', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/a');
    await k.mount(p, 'tmpfs', '/tmp/a', 'tmpfs');
    const fd = await k.open(p, '/tmp/a/w', O_WRONLY | O_CREAT);
    expect(await k.mount(p, '', '/tmp/a', '', MS_REMOUNT | MS_RDONLY)).toBe(Errno.EBUSY);
    await k.sys(p, Sys.FD_CLOSE, [fd]);
    expect(await k.mount(p, '', '/tmp/a', '', MS_REMOUNT | MS_RDONLY)).toBe(0);
    expect(await k.open(p, '/tmp/a/w', O_RDWR)).toBe(-Errno.EROFS);
  });

  it('records propagation and shows it in mountinfo; unbindable refuses MS_BIND', async () => {
    const k = boot();
    const p = k.spawn();
    for (const d of ['/tmp/a', '/tmp/b', '/tmp/c']) await k.mkdir(p, d);
    await k.mount(p, 'tmpfs', '/tmp/a', 'tmpfs');
    expect(await k.mount(p, '', '/tmp/a', '', MS_SHARED)).toBe(0);
    expect(await k.mount(p, '/tmp/a', '/tmp/b', '', MS_BIND)).toBe(0);
    const info = await k.read(p, '/proc/self/mountinfo');
    const group = /\/tmp\/a rw shared:(\d+) -/.exec(info)?.[1];
    expect(group).toBeDefined();
    expect(info).toContain(`/tmp/b rw shared:${group} -`);
    expect(await k.mount(p, '', '/tmp/b', '', MS_SLAVE)).toBe(0);
    expect(await k.read(p, '/proc/self/mountinfo')).toContain(`/tmp/b rw master:${group} -`);
    expect(await k.mount(p, '', '/tmp/a', '', MS_UNBINDABLE)).toBe(0);
    expect(await k.mount(p, '/tmp/a', '/tmp/c', '', MS_BIND)).toBe(Errno.EINVAL);
    expect(await k.mount(p, '', '/tmp/a', '', MS_PRIVATE | MS_SHARED)).toBe(Errno.EINVAL);
    expect(await k.mount(p, '', '/tmp', '', MS_PRIVATE | MS_REC)).toBe(0);
    expect(await k.read(p, '/proc/self/mountinfo')).not.toMatch(/shared:|master:|unbindable/);
  });

  it('moves a mount with MS_MOVE, not into itself (ELOOP)', async () => {
    const k = boot();
    const p = k.spawn();
    for (const d of ['/tmp/a', '/tmp/b']) await k.mkdir(p, d);
    await k.mount(p, 'tmpfs', '/tmp/a', 'tmpfs');
    await k.mkdir(p, '/tmp/a/in');
    expect(await k.mount(p, '/tmp/a', '/tmp/a/in', '', MS_MOVE)).toBe(Errno.ELOOP);
    expect(await k.mount(p, '/tmp/a', '/tmp/b', '', MS_MOVE)).toBe(0);
    expect(await k.list(p, '/tmp/b')).toEqual(['in']);
    expect(await k.list(p, '/tmp/a')).toEqual([]);
  });
});

describe('umount2', () => {
  it('answers EBUSY while a cwd or an open file is inside, unless MNT_DETACH', async () => {
    const k = boot();
    const p = k.spawn();
    const q = k.spawn();
    await k.mkdir(p, '/tmp/m');
    await k.mount(p, 'tmpfs', '/tmp/m', 'tmpfs');
    await k.mkdir(p, '/tmp/m/d');
    await k.create(p, '/tmp/m/file');
    expect(await k.errno(q, Sys.CHDIR, [-100], '/tmp/m/d')).toBe(0);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/tmp/m')).toBe(Errno.EBUSY);
    expect(await k.errno(q, Sys.CHDIR, [-100], '/')).toBe(0);
    const fd = await k.open(p, '/tmp/m/file');
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_FORCE], '/tmp/m')).toBe(Errno.EBUSY);
    expect(await k.errno(q, Sys.CHDIR, [-100], '/tmp/m/d')).toBe(0);
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_DETACH], '/tmp/m')).toBe(0);
    expect(await k.list(p, '/tmp/m')).toEqual([]);
    expect(await k.sys(p, Sys.FD_READ, [fd, 10])).toMatchObject({ errno: 0 });
    expect(await k.cwd(q)).toBe('(unreachable)/d');
    expect(await k.errno(q, Sys.CHDIR, [-100], '..')).toBe(0);
    expect(await k.errno(q, Sys.CHDIR, [-100], '..')).toBe(0);
    expect(await k.list(q, '.')).toEqual(['d', 'file']);
  });

  it('answers EINVAL off a mount root or for bad flags, EBUSY under a mount, EPERM for users', async () => {
    const k = boot();
    const p = k.spawn();
    await k.mkdir(p, '/tmp/m');
    await k.mount(p, 'tmpfs', '/tmp/m', 'tmpfs');
    await k.mkdir(p, '/tmp/m/d');
    await k.mount(p, 'tmpfs', '/tmp/m/d', 'tmpfs');
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/etc')).toBe(Errno.EINVAL);
    expect(await k.errno(p, Sys.UMOUNT2, [0x100], '/tmp/m')).toBe(Errno.EINVAL);
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_EXPIRE | MNT_DETACH], '/tmp/m')).toBe(Errno.EINVAL);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/nowhere')).toBe(Errno.ENOENT);
    expect(await k.errno(k.spawn(1000), Sys.UMOUNT2, [0], '/tmp/m')).toBe(Errno.EPERM);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/tmp/m')).toBe(Errno.EBUSY);
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_EXPIRE], '/tmp/m/d')).toBe(Errno.EAGAIN);
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_EXPIRE], '/tmp/m/d')).toBe(0);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/tmp/m')).toBe(0);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/')).toBe(Errno.EINVAL);
  });
});

describe('pivot_root', () => {
  it('moves the root of every process that had it, and puts the old root at put_old', async () => {
    const k = boot();
    const p = k.spawn();
    const other = k.spawn();
    await k.mkdir(p, '/tmp/new');
    await k.mount(p, 'newroot', '/tmp/new', 'tmpfs');
    await k.mkdir(p, '/tmp/new/old');
    await k.mkdir(p, '/tmp/new/proc');
    expect(await k.errno(p, Sys.PIVOT_ROOT, [], ['/tmp/new', '/tmp/new/old'])).toBe(0);
    for (const each of [p, other, k.kernel.init]) {
      expect(await k.list(each, '/')).toEqual(['old', 'proc']);
      expect(await k.cwd(each)).toBe('/');
    }
    expect(await k.list(p, '/old')).toContain('etc');
    await k.mount(p, 'proc', '/proc', 'proc');
    expect(await k.read(p, '/proc/self/mounts')).toMatch(/^newroot \/ tmpfs rw 0 0\n/);
    expect(await k.errno(p, Sys.UMOUNT2, [0], '/old')).toBe(Errno.EBUSY);
    expect(await k.errno(p, Sys.UMOUNT2, [MNT_DETACH], '/old')).toBe(0);
    expect(await k.list(p, '/old')).toEqual([]);
  });

  it('follows pivot_root(2)’s rules: EINVAL, EBUSY, ENOTDIR, EPERM', async () => {
    const k = boot();
    const p = k.spawn();
    for (const d of ['/tmp/new', '/tmp/plain', '/tmp/other']) await k.mkdir(p, d);
    await k.mount(p, 'tmpfs', '/tmp/new', 'tmpfs');
    await k.mkdir(p, '/tmp/new/old');
    await k.create(p, '/tmp/new/file');
    const pivot = (a: string, b: string, who = p) => k.errno(who, Sys.PIVOT_ROOT, [], [a, b]);
    expect(await pivot('/tmp/new', '/tmp/new/old', k.spawn(1000))).toBe(Errno.EPERM);
    expect(await pivot('/tmp/new', '/tmp/new/file')).toBe(Errno.ENOTDIR);
    expect(await pivot('/tmp/new/file', '/tmp/new/old')).toBe(Errno.ENOTDIR);
    expect(await pivot('/tmp/plain', '/tmp/plain')).toBe(Errno.EINVAL);
    expect(await pivot('/tmp/new', '/tmp/other')).toBe(Errno.EINVAL);
    expect(await pivot('/', '/tmp')).toBe(Errno.EBUSY);
    expect(await k.mount(p, '', '/tmp/new', '', MS_SHARED)).toBe(0);
    expect(await pivot('/tmp/new', '/tmp/new/old')).toBe(Errno.EINVAL);
  });
});

describe('unshare and setns', () => {
  it('accept what a process has to itself and namespaces; refuse unknown flags and non-namespace fds', async () => {
    const k = boot();
    const p = k.spawn();
    expect(await k.errno(p, Sys.UNSHARE, [0])).toBe(0);
    expect(await k.errno(p, Sys.UNSHARE, [CLONE_FS | CLONE_FILES])).toBe(0);
    for (const flag of [CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS]) {
      expect(await k.errno(p, Sys.UNSHARE, [flag])).toBe(0);
    }
    expect(await k.errno(p, Sys.UNSHARE, [0x1])).toBe(Errno.EINVAL);
    expect(await k.errno(p, Sys.SETNS, [99, 0])).toBe(Errno.EBADF);
    expect(await k.errno(p, Sys.SETNS, [3, CLONE_NEWNS])).toBe(Errno.EINVAL);
  });
});
