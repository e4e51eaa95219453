// chmod and chown rules, run on the kernel and on real Linux (node:fs as
// root with seteuid/setegid/setgroups) and compared: who may change what,
// which errno, and the mode bits left afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { O_CREAT, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { errnoName } from '../fs/support/errno-names.ts';
import { check, makeSystem, sys } from '../fs/support/kernel.ts';

interface Case {
  name: string;
  /** The file's owner and mode before the call. */
  owner: [uid: number, gid: number];
  mode: number;
  /** Who calls: euid, egid, supplementary groups. */
  actor: [uid: number, gid: number, groups: number[]];
  op: ['chmod', number] | ['chown', number, number];
}

const U = 1000;
const cases: Case[] = [
  { name: 'owner chmods', owner: [U, U], mode: 0o644, actor: [U, U, []], op: ['chmod', 0o600] },
  { name: 'other chmods', owner: [0, 0], mode: 0o644, actor: [U, U, []], op: ['chmod', 0o600] },
  { name: 'root chmods', owner: [U, U], mode: 0o644, actor: [0, 0, []], op: ['chmod', 0o4755] },
  {
    name: 'owner outside the group loses S_ISGID',
    owner: [U, 0],
    mode: 0o644,
    actor: [U, U, []],
    op: ['chmod', 0o2755],
  },
  { name: 'root chowns', owner: [0, 0], mode: 0o644, actor: [0, 0, []], op: ['chown', U, U] },
  {
    name: 'root chown clears setuid and setgid+x',
    owner: [0, 0],
    mode: 0o6755,
    actor: [0, 0, []],
    op: ['chown', -1, -1],
  },
  {
    name: 'setgid without group-x survives chown',
    owner: [0, 0],
    mode: 0o2745,
    actor: [0, 0, []],
    op: ['chown', 0, 0],
  },
  { name: 'owner gives away', owner: [U, U], mode: 0o644, actor: [U, U, []], op: ['chown', 0, -1] },
  { name: 'owner keeps uid', owner: [U, U], mode: 0o644, actor: [U, U, []], op: ['chown', U, -1] },
  {
    name: 'owner chgrp to a member group',
    owner: [U, U],
    mode: 0o644,
    actor: [U, U, [50]],
    op: ['chown', -1, 50],
  },
  {
    name: 'owner chgrp to another group',
    owner: [U, U],
    mode: 0o644,
    actor: [U, U, [50]],
    op: ['chown', -1, 51],
  },
  {
    name: 'non-owner no-op chown',
    owner: [0, 0],
    mode: 0o755,
    actor: [U, U, []],
    op: ['chown', -1, -1],
  },
  {
    name: 'non-owner no-op chown of a setuid file',
    owner: [0, 0],
    mode: 0o4755,
    actor: [U, U, []],
    op: ['chown', -1, -1],
  },
  { name: 'non-owner chgrp', owner: [0, 0], mode: 0o644, actor: [U, U, []], op: ['chown', -1, 0] },
];

interface Outcome {
  error: string;
  mode: string;
  owner: string;
}

async function onKernel(c: Case): Promise<Outcome> {
  const system = makeSystem();
  const root = system.spawn();
  await check(root, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'f');
  await check(root, Sys.CHOWN, [3, c.owner[0], c.owner[1], 1], 'f');
  await check(root, Sys.CHMOD, [3, c.mode, 1], 'f');
  const actor = system.spawn(c.actor[0], c.actor[1]);
  actor.credentials.groups = c.actor[2];
  const [op, a, b] = c.op;
  const outcome =
    op === 'chmod'
      ? await sys(actor, Sys.CHMOD, [3, a, 1], 'f')
      : await sys(actor, Sys.CHOWN, [3, a >>> 0, (b ?? -1) >>> 0, 1], 'f');
  const inode = system.root.child('f')!.inode;
  return {
    error: outcome.errno === Errno.SUCCESS ? 'ok' : errnoName(outcome.errno),
    mode: (inode.mode & 0o7777).toString(8),
    owner: `${inode.uid}:${inode.gid}`,
  };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bocal-own-'));
fs.chmodSync(scratch, 0o755);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function onLinux(c: Case): Outcome {
  const file = path.join(scratch, `f${counter++}`);
  fs.writeFileSync(file, '');
  fs.chownSync(file, c.owner[0], c.owner[1]);
  fs.chmodSync(file, c.mode);
  let error = 'ok';
  process.setgroups!(c.actor[2]);
  process.setegid!(c.actor[1]);
  process.seteuid!(c.actor[0]);
  try {
    const [op, a, b] = c.op;
    if (op === 'chmod') fs.chmodSync(file, a);
    else fs.chownSync(file, a, b ?? -1);
  } catch (e) {
    error = (e as NodeJS.ErrnoException).code ?? String(e);
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
    process.setgroups!([]);
  }
  const stat = fs.statSync(file);
  return { error, mode: (stat.mode & 0o7777).toString(8), owner: `${stat.uid}:${stat.gid}` };
}

const isRoot = process.getuid?.() === 0 && typeof process.seteuid === 'function';

describe('chmod and chown: kernel against Linux', () => {
  for (const c of cases) {
    it(c.name, async () => {
      if (!isRoot) {
        throw new Error('comparing with Linux needs seteuid: run the tests as root');
      }
      expect(await onKernel(c)).toEqual(onLinux(c));
    });
  }
});

describe('chmod and chown: kernel only', () => {
  it('a read-only mount is EROFS; a symlink without follow is ENOTSUP for chmod; lchown changes the link', async () => {
    const system = makeSystem();
    const p = system.spawn();
    await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'f');
    await check(p, Sys.PATH_SYMLINK, [3], ['f', 'l']);
    expect((await sys(p, Sys.CHMOD, [3, 0o600, 0], 'l')).errno).toBe(Errno.ENOTSUP);
    await check(p, Sys.CHOWN, [3, 7, 7, 0], 'l');
    expect(system.root.child('l')!.inode.uid).toBe(7);
    expect(system.root.child('f')!.inode.uid).toBe(0);
    expect((await sys(p, Sys.CHMOD, [3, 0o600, 1], 'none')).errno).toBe(Errno.ENOENT);
    expect((await sys(p, Sys.CHMOD, [3, 0o600, 1], 'f/x')).errno).toBe(Errno.ENOTDIR);
    const fd = Number((await check(p, Sys.OPENAT, [3, O_WRONLY, 0], 'f')).value);
    await check(p, Sys.FCHMOD, [fd, 0o4711]);
    await check(p, Sys.FCHOWN, [fd, 5, 6]);
    const inode = system.root.child('f')!.inode;
    expect([inode.mode & 0o7777, inode.uid, inode.gid]).toEqual([0o711, 5, 6]);
    expect((await sys(p, Sys.FCHMOD, [99, 0o600])).errno).toBe(Errno.EBADF);
    (system.root.mount as { readOnly: boolean }).readOnly = true;
    expect((await sys(p, Sys.CHMOD, [3, 0o600, 1], 'f')).errno).toBe(Errno.EROFS);
  });

  it('mknod: fifos for anyone who may create, devices for root only, directories EPERM', async () => {
    const system = makeSystem({ rootMode: 0o777 });
    const user = system.spawn(1000);
    await check(user, Sys.MKNOD, [3, 0o010644, 0], 'fifo');
    expect(system.root.child('fifo')!.inode.isFifo).toBe(true);
    expect((await sys(user, Sys.MKNOD, [3, 0o020644, 0x103], 'null')).errno).toBe(Errno.EPERM);
    expect((await sys(user, Sys.MKNOD, [3, 0o040755, 0], 'dir')).errno).toBe(Errno.EPERM);
    expect((await sys(user, Sys.MKNOD, [3, 0o120777, 0], 'lnk')).errno).toBe(Errno.EINVAL);
    expect((await sys(user, Sys.MKNOD, [3, 0o010644, 0], 'fifo')).errno).toBe(Errno.EEXIST);
    await check(system.spawn(), Sys.MKNOD, [3, 0o020666, 0x103], 'null');
    await check(user, Sys.MKNOD, [3, 0o644, 0], 'plain');
    expect(system.root.child('plain')!.inode.isRegular).toBe(true);
  });
});
