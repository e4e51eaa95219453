// The overlay's own behaviour beyond the comparison with Linux: lazy lower
// reads, inode numbers across copy-up, readdir cookies across changes, the
// writable layer exported, encoded, restored and listed for docker diff and
// commit, hostile change sets, and mount(2) of type overlay.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../../src/kernel/abi/errno.ts';
import { O_APPEND, O_CREAT, O_RDONLY, O_WRONLY } from '../../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../../src/kernel/abi/syscalls.ts';
import { lookup } from '../../../../src/kernel/fs/path-walk.ts';
import {
  ChangeSetError,
  decodeChangeSet,
  encodeChangeSet,
  exportUpper,
  restoreUpper,
} from '../../../../src/kernel/fs/overlay/change-set.ts';
import { dockerDiff, ociLayerEntries } from '../../../../src/kernel/fs/overlay/layer-changes.ts';
import { S_IFCHR, S_IFMT } from '../../../../src/kernel/fs/stat.ts';
import { encodeUtf8 } from '../../../../src/kernel/utf8.ts';
import { bytes, text, type FsAdapter } from '../support/adapter.ts';
import { KernelAdapter } from '../support/kernel-adapter.ts';
import { boot } from '../../mount/support.ts';
import { makeOverlaySystem, type LayerSpec } from './overlay-system.ts';

const IMAGE: LayerSpec = {
  '/': '',
  '/etc/': '',
  '/etc/passwd': 'root:x:0:0',
  '/etc/hosts': '127.0.0.1 localhost',
  '/bin/': '',
  '/bin/sh': 'program',
  '/var/': '',
  '/var/cache/': '',
  '/var/cache/old': 'stale',
  '/tmp/': '',
};

async function readAll(fs: FsAdapter, path: string): Promise<string> {
  const fd = await fs.open(path, { read: true });
  const data = await fs.read(fd, 1 << 16);
  await fs.close(fd);
  return text(data);
}

async function write(fs: FsAdapter, path: string, data: string, append = false) {
  const fd = await fs.open(path, { write: true, create: true, append, truncate: !append });
  await fs.write(fd, bytes(data));
  await fs.close(fd);
}

async function tree(fs: FsAdapter, directory = '.'): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of await fs.readdir(directory)) {
    const full = directory === '.' ? name : `${directory}/${name}`;
    const stat = await fs.stat(full, false);
    if (stat.type === 'directory') Object.assign(result, { [full]: 'dir' }, await tree(fs, full));
    else if (stat.type === 'symlink') result[full] = `-> ${await fs.readlink(full)}`;
    else result[full] = `${stat.nlink} ${await readAll(fs, full)}`;
  }
  return result;
}

/** Changes of every kind a container makes. */
async function change(fs: FsAdapter): Promise<void> {
  await write(fs, 'etc/hosts', '\n10.0.0.1 db', true);
  await fs.chmod('etc/passwd', 0o600);
  await write(fs, 'tmp/new', 'added');
  await fs.link('tmp/new', 'tmp/same');
  await fs.symlink('/etc/hosts', 'tmp/hosts');
  await fs.unlink('bin/sh');
  await fs.unlink('var/cache/old');
  await fs.rmdir('var/cache');
  await fs.mkdir('var/cache');
  await write(fs, 'var/cache/fresh', 'f');
}

describe('overlay', () => {
  it('reads lower contents only when a file is read, not for stat, listing or chmod', async () => {
    const system = makeOverlaySystem([IMAGE]);
    const fs = new KernelAdapter(system);
    await tree(fs, 'bin');
    await fs.stat('etc/passwd');
    await fs.chmod('etc/hosts', 0o600);
    expect(system.reads.count).toBe(1); // bin/sh, read by tree()
    expect(await readAll(fs, 'etc/hosts')).toBe('127.0.0.1 localhost');
    expect(system.reads.count).toBe(2);
  });

  it('keeps st_ino and st_dev across copy-up; every file shows the overlay device', async () => {
    const system = makeOverlaySystem([IMAGE]);
    const fs = new KernelAdapter(system);
    const before = await fs.stat('etc/passwd');
    await write(fs, 'etc/passwd', 'x', true);
    const after = await fs.stat('etc/passwd');
    expect(after.ino).toBe(before.ino);
    const context = { root: system.root, credentials: system.spawn().credentials };
    const dentry = lookup(context, system.root, '/etc/passwd', true);
    expect(dentry.inode.stat().dev).toBe(system.overlay.dev);
    expect(system.overlay.dev).not.toBe(system.upper.dev);
  });

  it('keeps readdir cookies valid across copy-up, whiteouts and new names', () => {
    const system = makeOverlaySystem([{ '/d/': '', '/d/a': 'a', '/d/b': 'b', '/d/c': 'c' }]);
    const directory = system.overlay.root.lookup('d')!;
    const first = [...directory.entries(2n)];
    expect(first.map((e) => e.name)).toEqual(['a', 'b', 'c']);
    directory.lookup('a')!.mode = 0o100600; // copy-up
    directory.unlink('b'); // whiteout
    directory.create('z', { mode: 0o100644, uid: 0, gid: 0 });
    const resumed = [...directory.entries(first[0]!.next)];
    expect(resumed.map((e) => e.name)).toEqual(['c', 'z']);
    expect(resumed[0]!.next).toBe(first[2]!.next);
  });

  it('exports the writable layer and restores it after a "reload" with the same view', async () => {
    const system = makeOverlaySystem([IMAGE]);
    const fs = new KernelAdapter(system);
    await change(fs);
    const view = await tree(fs);
    expect(view['tmp/same']).toBe('2 added');
    expect(view['var/cache/fresh']).toBe('1 f');
    expect(view['bin/sh']).toBeUndefined();
    const before = await fs.stat('etc/hosts');
    const encoded = encodeChangeSet(await exportUpper(system.overlay));
    const restored = restoreUpper(decodeChangeSet(encoded));
    const reloaded = new KernelAdapter(makeOverlaySystem([IMAGE], restored));
    expect(await tree(reloaded)).toEqual(view);
    expect((await reloaded.stat('etc/hosts')).mtime).toBe(before.mtime);
    const process = makeOverlaySystem([IMAGE], restored);
    const context = { root: process.root, credentials: process.spawn().credentials };
    expect(lookup(context, process.root, '/etc/passwd', true).inode.mode & 0o7777).toBe(0o600);
  });

  it('refuses damaged or hostile change sets with a clear error', async () => {
    const system = makeOverlaySystem([IMAGE]);
    await write(new KernelAdapter(system), 'tmp/x', 'data');
    const good = await exportUpper(system.overlay);
    const attempts: [string, () => unknown][] = [
      ['garbage', () => decodeChangeSet(encodeUtf8('not a change set at all'))],
      ['truncated', () => decodeChangeSet(encodeChangeSet(good).subarray(0, 20))],
      [
        'dot-dot',
        () => restoreUpper({ ...good, entries: [{ ...good.entries[1]!, path: '/../x' }] }),
      ],
      ['range', () => restoreUpper({ ...good, data: new Uint8Array(0) })],
      [
        'link',
        () =>
          restoreUpper({
            ...good,
            entries: [{ ...good.entries[1]!, kind: 'hardlink', target: '/nope' }],
          }),
      ],
      [
        'orphan',
        () => restoreUpper({ ...good, entries: [{ ...good.entries[2]!, path: '/no/x' }] }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      expect(attempt, what).toThrow(ChangeSetError);
    }
  });

  it('lists changes as docker diff does and as OCI layer entries for commit', async () => {
    const system = makeOverlaySystem([IMAGE]);
    await change(new KernelAdapter(system));
    expect(await dockerDiff(system.overlay)).toEqual([
      'C /bin',
      'D /bin/sh',
      'C /etc',
      'C /etc/hosts',
      'C /etc/passwd',
      'C /tmp',
      'A /tmp/hosts',
      'A /tmp/new',
      'A /tmp/same',
      'C /var',
      'C /var/cache',
      'A /var/cache/fresh',
    ]);
    const entries = ociLayerEntries(await exportUpper(system.overlay));
    const summary = entries.map((e) => `${e.type} ${e.name}${e.linkName ? ` ${e.linkName}` : ''}`);
    expect(summary).toEqual([
      'directory bin',
      'file bin/.wh.sh',
      'directory etc',
      'file etc/hosts',
      'file etc/passwd',
      'directory tmp',
      'symlink tmp/hosts /etc/hosts',
      'file tmp/new',
      'hardlink tmp/same tmp/new',
      'directory var',
      'directory var/cache',
      'file var/cache/.wh..wh..opq',
      'file var/cache/fresh',
    ]);
    const hosts = entries.find((e) => e.name === 'etc/hosts')!;
    expect(text(hosts.data!)).toBe('127.0.0.1 localhost\n10.0.0.1 db');
  });
});

describe('mount -t overlay', () => {
  async function prepared() {
    const k = boot();
    const p = k.spawn();
    for (const dir of ['/tmp/l1', '/tmp/l2', '/tmp/u', '/tmp/w', '/tmp/m', '/tmp/l1/d']) {
      expect(await k.errno(p, Sys.PATH_CREATE_DIRECTORY, [3], dir.slice(1))).toBe(0);
    }
    const put = async (path: string, data: string) => {
      const fd = await k.open(p, path, O_WRONLY | O_CREAT);
      await k.sys(p, Sys.FD_WRITE, [fd], data);
      await k.sys(p, Sys.FD_CLOSE, [fd]);
    };
    await put('/tmp/l1/f', 'top');
    await put('/tmp/l2/f', 'bottom');
    await put('/tmp/l2/g', 'only below');
    const upperInode = (name: string) => {
      const context = { root: p.root, credentials: p.credentials };
      return lookup(context, p.root, `/tmp/u/${name}`, false).inode;
    };
    return { k, p, upperInode };
  }
  const options = 'lowerdir=/tmp/l1:/tmp/l2,upperdir=/tmp/u,workdir=/tmp/w';

  it('stacks VFS directories: merged view, copy-up into upperdir, whiteouts there', async () => {
    const { k, p, upperInode } = await prepared();
    expect(await k.mount(p, 'overlay', '/tmp/m', 'overlay', 0, options)).toBe(0);
    expect(await k.list(p, '/tmp/m')).toEqual(['d', 'f', 'g']);
    expect(await k.read(p, '/tmp/m/f')).toBe('top');
    expect(await k.read(p, '/tmp/m/g')).toBe('only below');
    const fd = await k.open(p, '/tmp/m/g', O_WRONLY | O_APPEND);
    await k.sys(p, Sys.FD_WRITE, [fd], '!');
    await k.sys(p, Sys.FD_CLOSE, [fd]);
    expect(await k.read(p, '/tmp/u/g')).toBe('only below!');
    expect(await k.read(p, '/tmp/l2/g')).toBe('only below');
    expect(await k.errno(p, Sys.PATH_UNLINK_FILE, [3], 'tmp/m/f')).toBe(0);
    const whiteout = upperInode('f');
    expect(whiteout.mode & S_IFMT).toBe(S_IFCHR);
    expect(whiteout.rdev).toBe(0);
    expect(await k.list(p, '/tmp/m')).toEqual(['d', 'g']);
    expect(await k.open(p, '/tmp/m/f', O_RDONLY)).toBe(-Errno.ENOENT);
    const mounts = await k.read(p, '/proc/self/mounts');
    expect(mounts).toContain('overlay /tmp/m overlay');
  });

  it('answers Linux errors for bad options', async () => {
    const { k, p } = await prepared();
    const m = (data: string) => k.mount(p, 'overlay', '/tmp/m', 'overlay', 0, data);
    expect(await m('upperdir=/tmp/u,workdir=/tmp/w')).toBe(Errno.EINVAL);
    expect(await m('lowerdir=/tmp/l1,upperdir=/tmp/u')).toBe(Errno.EINVAL);
    expect(await m('lowerdir=/tmp/nope,upperdir=/tmp/u,workdir=/tmp/w')).toBe(Errno.ENOENT);
    expect(await m('lowerdir=/tmp/l1/f,upperdir=/tmp/u,workdir=/tmp/w')).toBe(Errno.ENOTDIR);
    expect(await m(`${options},bogus=1`)).toBe(Errno.EINVAL);
    expect(await m(`${options},redirect_dir=on`)).toBe(Errno.EINVAL);
    expect(await m('lowerdir=/tmp/l1')).toBe(Errno.EINVAL);
    expect(await m(`${options},index=off,xino=off,metacopy=off`)).toBe(0);
  });

  it('without upperdir, two lower layers make a read-only overlay', async () => {
    const { k, p } = await prepared();
    expect(await k.mount(p, 'overlay', '/tmp/m', 'overlay', 0, 'lowerdir=/tmp/l1:/tmp/l2')).toBe(0);
    expect(await k.read(p, '/tmp/m/g')).toBe('only below');
    expect(await k.errno(p, Sys.PATH_UNLINK_FILE, [3], 'tmp/m/f')).toBe(Errno.EROFS);
  });
});
