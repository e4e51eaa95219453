// The VFS behaviour suite: what a program sees when it creates, reads,
// writes, seeks, truncates, renames, links, unlinks, lists and is denied
// files. Written once against FsAdapter; run on our kernel and on Linux.
import { expect } from 'vitest';
import { text, type FsAdapter } from './adapter.ts';

export interface Scenario {
  name: string;
  /** Needs lseek, which node:fs lacks. */
  seeks?: boolean;
  run(fs: FsAdapter): Promise<void>;
}

async function fails(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

async function writeFile(fs: FsAdapter, path: string, content: string): Promise<void> {
  const fd = await fs.open(path, { write: true, create: true, truncate: true });
  await fs.write(fd, content);
  await fs.close(fd);
}

async function readFile(fs: FsAdapter, path: string): Promise<string> {
  const fd = await fs.open(path, { read: true });
  const data = await fs.read(fd, 1 << 16);
  await fs.close(fd);
  return text(data);
}

export const scenarios: Scenario[] = [
  {
    name: 'a created file reads back what was written',
    async run(fs) {
      await writeFile(fs, 'a', 'hello');
      expect(await readFile(fs, 'a')).toBe('hello');
      expect(await fs.stat('a')).toMatchObject({ type: 'file', size: 5, nlink: 1 });
    },
  },
  {
    name: 'reads advance the offset and return nothing at end of file',
    async run(fs) {
      await writeFile(fs, 'a', 'abcdef');
      const fd = await fs.open('a', { read: true });
      expect(text(await fs.read(fd, 4))).toBe('abcd');
      expect(text(await fs.read(fd, 4))).toBe('ef');
      expect((await fs.read(fd, 4)).length).toBe(0);
      await fs.close(fd);
    },
  },
  {
    name: 'opening a missing file without O_CREAT is ENOENT',
    run: (fs) => fails(fs.open('missing', { read: true }), 'ENOENT'),
  },
  {
    name: 'a missing directory in the path is ENOENT',
    run: (fs) => fails(fs.open('nodir/file', { write: true, create: true }), 'ENOENT'),
  },
  {
    name: 'a file used as a directory is ENOTDIR',
    async run(fs) {
      await writeFile(fs, 'f', 'x');
      await fails(fs.open('f/g', { read: true }), 'ENOTDIR');
      await fails(fs.stat('f/'), 'ENOTDIR');
      await fails(fs.open('f', { read: true, directory: true }), 'ENOTDIR');
    },
  },
  {
    name: 'O_CREAT|O_EXCL on an existing file is EEXIST, even through a symlink',
    async run(fs) {
      await writeFile(fs, 'a', 'x');
      await fs.symlink('nowhere', 'dangling');
      await fails(fs.open('a', { write: true, create: true, exclusive: true }), 'EEXIST');
      await fails(fs.open('dangling', { write: true, create: true, exclusive: true }), 'EEXIST');
    },
  },
  {
    name: 'O_CREAT through a dangling symlink creates its target',
    async run(fs) {
      await fs.symlink('target', 'link');
      const fd = await fs.open('link', { write: true, create: true });
      await fs.write(fd, 'via link');
      await fs.close(fd);
      expect(await readFile(fs, 'target')).toBe('via link');
    },
  },
  {
    name: 'O_CREAT with a trailing slash is EISDIR',
    run: (fs) => fails(fs.open('new/', { write: true, create: true }), 'EISDIR'),
  },
  {
    name: 'O_TRUNC empties a file',
    async run(fs) {
      await writeFile(fs, 'a', 'long content');
      const fd = await fs.open('a', { write: true, truncate: true });
      expect((await fs.fstat(fd)).size).toBe(0);
      await fs.close(fd);
    },
  },
  {
    name: 'opening a directory for writing is EISDIR, for reading works',
    async run(fs) {
      await fs.mkdir('d');
      await fails(fs.open('d', { write: true }), 'EISDIR');
      await fails(fs.open('d', { read: true, write: true }), 'EISDIR');
      const fd = await fs.open('d', { read: true });
      expect((await fs.fstat(fd)).type).toBe('directory');
      await fs.close(fd);
    },
  },
  {
    name: 'reading a directory fd is EISDIR',
    async run(fs) {
      await fs.mkdir('d');
      const fd = await fs.open('d', { read: true, directory: true });
      await fails(fs.read(fd, 10), 'EISDIR');
      await fs.close(fd);
    },
  },
  {
    name: 'a final symlink is ELOOP with O_NOFOLLOW and followed without',
    async run(fs) {
      await writeFile(fs, 'target', 'data');
      await fs.symlink('target', 'link');
      await fails(fs.open('link', { read: true, noFollow: true }), 'ELOOP');
      expect(await readFile(fs, 'link')).toBe('data');
    },
  },
  {
    name: 'an unfollowed symlink is ENOTDIR with O_DIRECTORY, ELOOP with O_CREAT',
    async run(fs) {
      await fs.mkdir('d');
      await fs.symlink('d', 'dirlink');
      await fails(fs.open('dirlink', { read: true, directory: true, noFollow: true }), 'ENOTDIR');
      await fails(fs.open('dirlink', { write: true, create: true, noFollow: true }), 'ELOOP');
      const fd = await fs.open('dirlink', { read: true, directory: true });
      await fs.close(fd);
    },
  },
  {
    name: 'rename over a symlink replaces the link, not its target',
    async run(fs) {
      await writeFile(fs, 'target', 'kept');
      await fs.symlink('target', 'link');
      await writeFile(fs, 'new', 'new');
      await fs.rename('new', 'link');
      expect(await fs.stat('link', false)).toMatchObject({ type: 'file' });
      expect(await readFile(fs, 'target')).toBe('kept');
    },
  },
  {
    name: 'unlink of a symlink removes the link only',
    async run(fs) {
      await fs.mkdir('d');
      await fs.symlink('d', 'link');
      await fs.unlink('link');
      expect(await fs.stat('d')).toMatchObject({ type: 'directory' });
      await fails(fs.rmdir('missing/'), 'ENOENT');
    },
  },
  {
    name: 'writing to a read-only fd and reading a write-only fd are EBADF',
    async run(fs) {
      await writeFile(fs, 'a', 'x');
      const reader = await fs.open('a', { read: true });
      await fails(fs.write(reader, 'y'), 'EBADF');
      const writer = await fs.open('a', { write: true });
      await fails(fs.read(writer, 1), 'EBADF');
      await fs.close(reader);
      await fs.close(writer);
    },
  },
  {
    name: 'O_APPEND writes at the end whatever the offset',
    async run(fs) {
      await writeFile(fs, 'a', 'one');
      const fd = await fs.open('a', { write: true, append: true });
      await fs.write(fd, '-two');
      await fs.pwrite(fd, '-three', 0);
      await fs.close(fd);
      expect(await readFile(fs, 'a')).toBe('one-two-three');
    },
  },
  {
    name: 'pread and pwrite use their own offset and leave the file offset alone',
    async run(fs) {
      await writeFile(fs, 'a', 'abcdef');
      const fd = await fs.open('a', { read: true, write: true });
      expect(text(await fs.pread(fd, 2, 3))).toBe('de');
      await fs.pwrite(fd, 'XY', 1);
      expect(text(await fs.read(fd, 3))).toBe('aXY');
      expect((await fs.pread(fd, 5, 100)).length).toBe(0);
      await fs.close(fd);
    },
  },
  {
    name: 'writing past the end leaves a hole of zeros',
    async run(fs) {
      const fd = await fs.open('sparse', { read: true, write: true, create: true });
      await fs.pwrite(fd, 'end', 100000);
      expect((await fs.fstat(fd)).size).toBe(100003);
      const data = await fs.pread(fd, 4, 99999);
      expect([...data]).toEqual([0, 101, 110, 100]);
      await fs.close(fd);
    },
  },
  {
    name: 'lseek from start, current and end; beyond end is allowed, before start is EINVAL',
    seeks: true,
    async run(fs) {
      await writeFile(fs, 'a', '0123456789');
      const fd = await fs.open('a', { read: true, write: true });
      expect(await fs.seek(fd, 4, 0)).toBe(4);
      expect(await fs.seek(fd, 2, 1)).toBe(6);
      expect(text(await fs.read(fd, 2))).toBe('67');
      expect(await fs.seek(fd, -1, 2)).toBe(9);
      expect(await fs.seek(fd, 5, 2)).toBe(15);
      await fs.write(fd, '!');
      expect((await fs.fstat(fd)).size).toBe(16);
      await fails(fs.seek(fd, -1, 0), 'EINVAL');
      await fails(fs.seek(fd, -100, 1), 'EINVAL');
      await fs.close(fd);
    },
  },
  {
    name: 'ftruncate shrinks and grows with zeros; on a read-only fd it is EINVAL',
    async run(fs) {
      await writeFile(fs, 'a', 'abcdef');
      const fd = await fs.open('a', { read: true, write: true });
      await fs.ftruncate(fd, 2);
      await fs.ftruncate(fd, 4);
      expect([...(await fs.pread(fd, 10, 0))]).toEqual([97, 98, 0, 0]);
      await fs.close(fd);
      const reader = await fs.open('a', { read: true });
      await fails(fs.ftruncate(reader, 0), 'EINVAL');
      await fs.close(reader);
    },
  },
  {
    name: 'mkdir then rmdir; mkdir on an existing name is EEXIST',
    async run(fs) {
      await fs.mkdir('d');
      expect(await fs.stat('d')).toMatchObject({ type: 'directory', nlink: 2 });
      await fails(fs.mkdir('d'), 'EEXIST');
      await writeFile(fs, 'f', '');
      await fails(fs.mkdir('f'), 'EEXIST');
      await fs.rmdir('d');
      await fails(fs.stat('d'), 'ENOENT');
    },
  },
  {
    name: 'a directory counts its subdirectories in nlink',
    async run(fs) {
      await fs.mkdir('d');
      await fs.mkdir('d/a');
      await fs.mkdir('d/b');
      await writeFile(fs, 'd/file', '');
      expect((await fs.stat('d')).nlink).toBe(4);
      await fs.rename('d/b', 'b');
      expect((await fs.stat('d')).nlink).toBe(3);
    },
  },
  {
    name: 'rmdir of a non-empty directory is ENOTEMPTY, of a file ENOTDIR, of . EINVAL',
    async run(fs) {
      await fs.mkdir('d');
      await writeFile(fs, 'd/f', '');
      await fails(fs.rmdir('d'), 'ENOTEMPTY');
      await fails(fs.rmdir('d/f'), 'ENOTDIR');
      await fails(fs.rmdir('d/.'), 'EINVAL');
    },
  },
  {
    name: 'unlink of a directory is EISDIR, of a missing name ENOENT',
    async run(fs) {
      await fs.mkdir('d');
      await fails(fs.unlink('d'), 'EISDIR');
      await fails(fs.unlink('missing'), 'ENOENT');
    },
  },
  {
    name: 'an unlinked file stays readable through an open fd',
    async run(fs) {
      await writeFile(fs, 'a', 'still here');
      const fd = await fs.open('a', { read: true, write: true });
      await fs.unlink('a');
      await fails(fs.stat('a'), 'ENOENT');
      expect((await fs.fstat(fd)).nlink).toBe(0);
      await fs.write(fd, 'STILL');
      expect(text(await fs.pread(fd, 100, 0))).toBe('STILL here');
      await fs.close(fd);
    },
  },
  {
    name: 'hard links share contents and count in nlink',
    async run(fs) {
      await writeFile(fs, 'a', 'shared');
      await fs.link('a', 'b');
      expect((await fs.stat('a')).nlink).toBe(2);
      expect((await fs.stat('a')).ino).toBe((await fs.stat('b')).ino);
      await writeFile(fs, 'b', 'changed');
      expect(await readFile(fs, 'a')).toBe('changed');
      await fs.unlink('a');
      expect((await fs.stat('b')).nlink).toBe(1);
    },
  },
  {
    name: 'link to a directory is EPERM, onto an existing name EEXIST',
    async run(fs) {
      await fs.mkdir('d');
      await writeFile(fs, 'a', '');
      await writeFile(fs, 'b', '');
      await fails(fs.link('d', 'd2'), 'EPERM');
      await fails(fs.link('a', 'b'), 'EEXIST');
      await fails(fs.link('missing', 'c'), 'ENOENT');
    },
  },
  {
    name: 'symlinks: readlink, lstat, stat through, dangling is ENOENT, readlink of a file EINVAL',
    async run(fs) {
      await writeFile(fs, 'target', '12345');
      await fs.symlink('target', 'link');
      await fs.symlink('missing', 'dangling');
      expect(await fs.readlink('link')).toBe('target');
      expect(await fs.stat('link', false)).toMatchObject({ type: 'symlink', size: 6 });
      expect(await fs.stat('link')).toMatchObject({ type: 'file', size: 5 });
      await fails(fs.stat('dangling'), 'ENOENT');
      await fails(fs.readlink('target'), 'EINVAL');
      await fails(fs.symlink('x', 'link'), 'EEXIST');
    },
  },
  {
    name: 'symlinks to directories are followed in the middle of a path',
    async run(fs) {
      await fs.mkdir('real');
      await writeFile(fs, 'real/file', 'inside');
      await fs.symlink('real', 'alias');
      await fs.symlink('../real/file', 'real/up');
      expect(await readFile(fs, 'alias/file')).toBe('inside');
      expect(await readFile(fs, 'alias/up')).toBe('inside');
      expect(await fs.stat('alias/')).toMatchObject({ type: 'directory' });
    },
  },
  {
    name: 'a symlink loop is ELOOP',
    async run(fs) {
      await fs.symlink('b', 'a');
      await fs.symlink('a', 'b');
      await fails(fs.open('a', { read: true }), 'ELOOP');
      await fails(fs.stat('a/x'), 'ELOOP');
    },
  },
  {
    name: 'rename moves and replaces a file atomically',
    async run(fs) {
      await writeFile(fs, 'a', 'new');
      await writeFile(fs, 'b', 'old');
      const fd = await fs.open('b', { read: true });
      await fs.rename('a', 'b');
      expect(await readFile(fs, 'b')).toBe('new');
      expect(text(await fs.read(fd, 10))).toBe('old');
      await fails(fs.stat('a'), 'ENOENT');
      expect(await fs.readdir('.')).toEqual(['b']);
      await fs.close(fd);
    },
  },
  {
    name: 'rename of hard links to one inode does nothing',
    async run(fs) {
      await writeFile(fs, 'a', 'x');
      await fs.link('a', 'b');
      await fs.rename('a', 'b');
      expect(await fs.readdir('.')).toEqual(['a', 'b']);
    },
  },
  {
    name: 'rename of a directory: into itself EINVAL, over a file ENOTDIR, a file over it EISDIR',
    async run(fs) {
      await fs.mkdir('d');
      await fs.mkdir('d/sub');
      await writeFile(fs, 'f', '');
      await fails(fs.rename('d', 'd/sub/d'), 'EINVAL');
      await fails(fs.rename('d', 'd/x'), 'EINVAL');
      await fails(fs.rename('d', 'f'), 'ENOTDIR');
      await fails(fs.rename('f', 'd'), 'EISDIR');
      await fails(fs.rename('f', 'g/'), 'ENOTDIR');
    },
  },
  {
    name: 'rename of a directory replaces only an empty one',
    async run(fs) {
      await fs.mkdir('a');
      await writeFile(fs, 'a/inside', 'x');
      await fs.mkdir('empty');
      await fs.mkdir('full');
      await writeFile(fs, 'full/f', '');
      await fails(fs.rename('a', 'full'), 'ENOTEMPTY');
      await fs.rename('a', 'empty');
      expect(await readFile(fs, 'empty/inside')).toBe('x');
      await fails(fs.rename('missing', 'x'), 'ENOENT');
    },
  },
  {
    name: 'readdir lists every entry once',
    async run(fs) {
      await fs.mkdir('d');
      for (const name of ['one', 'two', 'three']) await writeFile(fs, `d/${name}`, name);
      await fs.mkdir('d/sub');
      await fs.symlink('one', 'd/link');
      expect(await fs.readdir('d')).toEqual(['link', 'one', 'sub', 'three', 'two']);
      await fs.unlink('d/two');
      expect(await fs.readdir('d')).toEqual(['link', 'one', 'sub', 'three']);
    },
  },
  {
    name: '.. at the root stays at the root',
    async run(fs) {
      await writeFile(fs, 'a', 'top');
      await fs.mkdir('d');
      expect(await readFile(fs, 'd/../a')).toBe('top');
      expect(await fs.stat('d/./.')).toMatchObject({ type: 'directory' });
    },
  },
  {
    name: 'a name longer than 255 bytes is ENAMETOOLONG',
    async run(fs) {
      await fails(fs.open('x'.repeat(256), { write: true, create: true }), 'ENAMETOOLONG');
      const fd = await fs.open('y'.repeat(255), { write: true, create: true });
      await fs.close(fd);
    },
  },
  {
    name: 'a user cannot write a file that is 0644 and root-owned',
    async run(fs) {
      await writeFile(fs, 'a', 'root');
      await fs.chmod('a', 0o644);
      const user = fs.asUser();
      expect(await readFile(user, 'a')).toBe('root');
      await fails(user.open('a', { write: true }), 'EACCES');
      await fails(user.open('a', { read: true, truncate: true }), 'EACCES');
    },
  },
  {
    name: 'a user cannot create or remove names in a 0755 root directory',
    async run(fs) {
      await fs.mkdir('d');
      await fs.chmod('d', 0o755);
      await writeFile(fs, 'd/f', '');
      const user = fs.asUser();
      await fails(user.open('d/new', { write: true, create: true }), 'EACCES');
      await fails(user.mkdir('d/sub'), 'EACCES');
      await fails(user.unlink('d/f'), 'EACCES');
      await fails(user.rename('d/f', 'd/g'), 'EACCES');
    },
  },
  {
    name: 'a user cannot search a 0700 root directory',
    async run(fs) {
      await fs.mkdir('private');
      await fs.chmod('private', 0o700);
      await writeFile(fs, 'private/f', 'secret');
      const user = fs.asUser();
      await fails(user.stat('private/f'), 'EACCES');
      await fails(user.readdir('private'), 'EACCES');
    },
  },
  {
    name: "a user creates files in a 0777 directory, and the sticky bit protects others' files",
    async run(fs) {
      await fs.mkdir('tmp');
      await fs.chmod('tmp', 0o1777);
      await writeFile(fs, 'tmp/roots', '');
      const user = fs.asUser();
      const fd = await user.open('tmp/mine', { write: true, create: true });
      await user.write(fd, 'mine');
      await user.close(fd);
      await fails(user.unlink('tmp/roots'), 'EPERM');
      await user.unlink('tmp/mine');
    },
  },
  {
    name: 'root reads and writes files whatever their mode',
    async run(fs) {
      await writeFile(fs, 'a', 'x');
      await fs.chmod('a', 0o000);
      const fd = await fs.open('a', { read: true, write: true });
      await fs.write(fd, 'y');
      await fs.close(fd);
      expect(await readFile(fs, 'a')).toBe('y');
    },
  },
  {
    name: 'a write changes mtime',
    async run(fs) {
      await writeFile(fs, 'a', 'x');
      const before = (await fs.stat('a')).mtime;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await writeFile(fs, 'a', 'y');
      expect((await fs.stat('a')).mtime).toBeGreaterThan(before);
    },
  },
  {
    name: 'creating and removing names changes the directory mtime; reading does not change mtime',
    async run(fs) {
      await fs.mkdir('d');
      const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
      const created = (await fs.stat('d')).mtime;
      await pause();
      await writeFile(fs, 'd/f', 'x');
      const afterCreate = (await fs.stat('d')).mtime;
      expect(afterCreate).toBeGreaterThan(created);
      const fileTime = (await fs.stat('d/f')).mtime;
      await pause();
      await readFile(fs, 'd/f');
      expect((await fs.stat('d/f')).mtime).toBe(fileTime);
      await fs.unlink('d/f');
      expect((await fs.stat('d')).mtime).toBeGreaterThan(afterCreate);
    },
  },
  {
    name: 'a user may rename a directory to another parent only if it can write the directory itself',
    async run(fs) {
      await fs.mkdir('open');
      await fs.chmod('open', 0o777);
      await fs.mkdir('open/rootdir');
      await fs.chmod('open/rootdir', 0o755);
      await fs.mkdir('open/elsewhere');
      await fs.chmod('open/elsewhere', 0o777);
      const user = fs.asUser();
      await fails(user.rename('open/rootdir', 'open/elsewhere/moved'), 'EACCES');
      await user.rename('open/rootdir', 'open/renamed');
      expect(await fs.readdir('open')).toEqual(['elsewhere', 'renamed']);
    },
  },
];
