// Nothing a guest does through a hostfs mount reaches outside the mapped
// host directory: `..` stops at the guest root, symlink targets (absolute or
// with `..`, made by the guest or already on the host) resolve in the
// guest's view, and a hard link to a symlink stays a symlink.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { text } from '../../kernel/fs/support/adapter.ts';
import { KernelAdapter } from '../../kernel/fs/support/kernel-adapter.ts';
import { makeHostSystem, makeScratch, removeScratch } from './host-system.ts';

afterAll(removeScratch);

/** A guest rooted at `<scratch>/root`, with `<scratch>/secret` just outside it. */
function setup() {
  const scratch = makeScratch();
  const root = path.join(scratch, 'root');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(scratch, 'secret'), 'outside');
  const guest = new KernelAdapter(makeHostSystem(root));
  return { scratch, root, guest };
}

async function readText(guest: KernelAdapter, file: string): Promise<string> {
  const fd = await guest.open(file, { read: true });
  const data = await guest.read(fd, 4096);
  await guest.close(fd);
  return text(data);
}

describe('hostfs keeps the guest inside the mapped directory', () => {
  it('.. at the root stays at the root', async () => {
    const { root, guest } = setup();
    fs.writeFileSync(path.join(root, 'secret'), 'inside');
    expect(await readText(guest, '../secret')).toBe('inside');
    expect(await readText(guest, '../../../secret')).toBe('inside');
    expect(await guest.readdir('../..')).toEqual(['secret']);
  });

  it('an absolute symlink to /etc/passwd means the guest root', async () => {
    const { root, guest } = setup();
    await guest.symlink('/etc/passwd', 'pw');
    expect(fs.readlinkSync(path.join(root, 'pw'))).toBe('/etc/passwd');
    await expect(guest.open('pw', { read: true })).rejects.toMatchObject({ code: 'ENOENT' });
    fs.mkdirSync(path.join(root, 'etc'));
    fs.writeFileSync(path.join(root, 'etc/passwd'), 'guest passwd');
    expect(await readText(guest, 'pw')).toBe('guest passwd');
  });

  it('relative symlinks with ../ climb no higher than the guest root', async () => {
    const { root, guest } = setup();
    await guest.mkdir('d');
    await guest.symlink('../../secret', 'd/up');
    await guest.symlink('../../../..', 'top');
    await expect(guest.open('d/up', { read: true })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await guest.readdir('top')).toEqual(['d', 'top']);
    fs.writeFileSync(path.join(root, 'secret'), 'inside');
    expect(await readText(guest, 'd/up')).toBe('inside');
  });

  it('symlinks made on the host to outside paths resolve in the guest view', async () => {
    const { scratch, root, guest } = setup();
    fs.symlinkSync(path.join(scratch, 'secret'), path.join(root, 'abs'));
    fs.symlinkSync('../secret', path.join(root, 'rel'));
    fs.symlinkSync(scratch, path.join(root, 'dir'));
    await expect(guest.open('abs', { read: true })).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(guest.open('rel', { read: true })).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(guest.open('dir/secret', { read: true })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('creating through a dangling absolute symlink creates inside the root', async () => {
    const { scratch, root, guest } = setup();
    const name = `/${path.basename(scratch)}-made`;
    await guest.symlink(name, 'out');
    const fd = await guest.open('out', { write: true, create: true });
    await guest.write(fd, 'data');
    await guest.close(fd);
    expect(fs.existsSync(name)).toBe(false);
    expect(fs.readFileSync(path.join(root, name), 'utf8')).toBe('data');
    // A target whose directories the guest lacks is ENOENT, as on Linux.
    await guest.symlink(path.join(scratch, 'made'), 'deep');
    await expect(guest.open('deep', { write: true, create: true })).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(fs.existsSync(path.join(scratch, 'made'))).toBe(false);
  });

  it('a hard link to a symlink is a symlink, still resolved in the guest view', async () => {
    const { scratch, root, guest } = setup();
    await guest.symlink(path.join(scratch, 'secret'), 'link');
    await guest.link('link', 'hard');
    expect(fs.lstatSync(path.join(root, 'hard')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(root, 'hard')).ino).toBe(
      fs.lstatSync(path.join(root, 'link')).ino,
    );
    await expect(guest.open('hard', { read: true })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readFileSync(path.join(scratch, 'secret'), 'utf8')).toBe('outside');
  });

  it('writes, renames and removals land in the host directory', async () => {
    const { root, guest } = setup();
    await guest.mkdir('a');
    const fd = await guest.open('a/f', { write: true, create: true });
    await guest.write(fd, 'hello');
    await guest.close(fd);
    await guest.rename('a/f', 'g');
    await guest.rmdir('a');
    expect(fs.readdirSync(root)).toEqual(['g']);
    expect(fs.readFileSync(path.join(root, 'g'), 'utf8')).toBe('hello');
    const stat = fs.statSync(path.join(root, 'g'));
    expect(await guest.stat('g')).toMatchObject({ ino: stat.ino, size: 5, nlink: 1 });
  });
});
