// hostfs specifics the shared suite does not cover: a file unlinked while
// open lives on through its host fd, and stat reports the host's owner.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { text } from '../../kernel/fs/support/adapter.ts';
import { KernelAdapter } from '../../kernel/fs/support/kernel-adapter.ts';
import { makeHostSystem, removeScratch } from './host-system.ts';

afterAll(removeScratch);

describe('hostfs files', () => {
  it('a file unlinked while open is still read and written through its fd', async () => {
    const system = makeHostSystem();
    const guest = new KernelAdapter(system);
    const fd = await guest.open('f', { read: true, write: true, create: true });
    await guest.write(fd, 'before');
    await guest.unlink('f');
    expect(fs.existsSync(path.join(system.hostDir, 'f'))).toBe(false);
    await guest.pwrite(fd, '!', 6);
    expect(text(await guest.pread(fd, 100, 0))).toBe('before!');
    expect(await guest.fstat(fd)).toMatchObject({ nlink: 0, size: 7 });
    await guest.close(fd);
  });

  it('files made by another guest user belong to that user on the host', async () => {
    const system = makeHostSystem();
    fs.chmodSync(system.hostDir, 0o777);
    const user = new KernelAdapter(system).asUser();
    await user.mkdir('mine');
    const stat = fs.statSync(path.join(system.hostDir, 'mine'));
    expect({ uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o777 }).toEqual({
      uid: process.getuid?.() === 0 ? 1000 : process.getuid?.(),
      gid: process.getuid?.() === 0 ? 1000 : process.getgid?.(),
      mode: 0o755,
    });
  });
});
