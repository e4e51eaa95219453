// box's tar, gzip/gunzip/zcat and chroot against Debian's (GNU tar 1.34,
// gzip 1.12, coreutils 9.1 chroot). Messages, listings and exit statuses:
// each command line runs in a fresh scratch directory three ways
// (reference /usr/bin/NAME or /usr/sbin/NAME, native box, box on bocal) and
// must agree. Archives cross over: what box writes on bocal is read by GNU
// tar and gzip on the host, what they write is read by box on bocal, and
// natively box's tar writes the very bytes GNU tar --sort=name writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  lstatSync,
  readlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { BoxKernel, ENV, hostScratch } from '../support/box.ts';
import type { BoxResult } from '../support/box.ts';
import { nativePath, wasmBytes } from '../support/programs.ts';
import { makeDirectories, readFile, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import * as vfs from '../../src/kernel/fs/vfs/create.ts';
import { vfsContext } from '../../src/kernel/syscalls/fs-context.ts';
import { lookup } from '../../src/kernel/fs/path-walk.ts';

/** A fixed time for the tree's files (2024-01-02 03:04:05 UTC). */
const MTIME = 1704164645;
const LONG_NAME = 'n'.repeat(120);

function requireTool(path: string, pkg: string): void {
  if (spawnSync(path, ['--version']).error) {
    execFileSync('apt-get', ['install', '-y', pkg], { stdio: 'ignore' });
  }
}

/** The tree archived and compressed in the cases: text, a link, a symlink, modes, a long name. */
function makeTree(dir: string): void {
  mkdirSync(join(dir, 'd/sub'), { recursive: true });
  writeFileSync(join(dir, 'd/a'), 'alpha\n');
  writeFileSync(join(dir, 'd/run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  writeFileSync(join(dir, `d/${LONG_NAME}`), 'long\n');
  writeFileSync(join(dir, 'd/sub/b'), 'beta\n'.repeat(500));
  linkSync(join(dir, 'd/a'), join(dir, 'd/hard'));
  symlinkSync('a', join(dir, 'd/l'));
  chmodSync(join(dir, 'd/sub'), 0o750);
  for (const name of ['d/a', 'd/run.sh', `d/${LONG_NAME}`, 'd/sub/b', 'd/sub', 'd']) {
    utimesSync(join(dir, name), MTIME, MTIME);
  }
}

/** Files made by Debian's tools once, then copied into every scratch directory. */
function makeFixtures(dir: string): void {
  makeTree(dir);
  const tar = (...args: string[]) => execFileSync('/usr/bin/tar', args, { cwd: dir, env: ENV });
  tar('--sort=name', '-cf', 'gnu.tar', 'd');
  tar('--sort=name', '-czf', 'gnu.tgz', 'd');
  writeFileSync(join(dir, 'text'), 'some text\n'.repeat(100));
  execFileSync('/bin/sh', ['-c', 'gzip -c text > text.gz; cat text.gz text.gz > two.gz'], {
    cwd: dir,
  });
  const gz = readFileSync(join(dir, 'text.gz'));
  writeFileSync(join(dir, 'trunc.gz'), gz.subarray(0, 20));
  writeFileSync(join(dir, 'trailing.gz'), Buffer.concat([gz, Buffer.from('junk\n')]));
  const corrupt = Buffer.from(gz);
  corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 6) ^ 0xff, corrupt.length - 6); // the CRC
  writeFileSync(join(dir, 'crc.gz'), corrupt);
  writeFileSync(join(dir, 'notgz.gz'), 'not gzip\n');
  writeFileSync(join(dir, 'plain'), 'plain\n');
  writeFileSync(join(dir, 'garbage.tar'), 'garbage\n');
  writeFileSync(join(dir, 'empty.tar'), '');
  writeFileSync(join(dir, 'trunc.tar'), readFileSync(join(dir, 'gnu.tar')).subarray(0, 700));
  writeFileSync(join(dir, 'evil.tar'), evilTar());
  writeFileSync(join(dir, 'escape.tar'), escapeTar());
}

/** A ustar archive of regular files ('0', content "x\n") and symlinks ('2'). */
function ustar(members: { name: string; type?: '0' | '2'; target?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, type = '0', target = '' } of members) {
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(type === '0' ? '00000000002\0' : '00000000000\0', 124);
    header.write('00000000000\0', 136);
    header.write(type, 156);
    header.write(target, 157);
    header.write('ustar\x0000', 257);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header);
    if (type === '0') blocks.push(Buffer.concat([Buffer.from('x\n'), Buffer.alloc(510)]));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

/** Names GNU tar refuses or rewrites: `..` and an absolute path. */
const evilTar = () =>
  ustar([{ name: 'ok' }, { name: '../evil' }, { name: 'a/../../b' }, { name: '/abs' }]);

/** Symlinks out of the directory, then members written through them. */
const escapeTar = () =>
  ustar([
    { name: 'l', type: '2', target: '/etc' },
    { name: 'l/victim' },
    { name: 'up', type: '2', target: '..' },
    { name: 'up/victim2' },
    { name: 'here', type: '2', target: 'ok' },
    { name: 'ok' },
  ]);

interface Case {
  argv: string[];
  /** Appended to stdout: what `ls -R DIR` shows after the command. */
  listing?: string;
}

const cases: Case[] = [
  // tar: listings, GNU's name checks, errors
  { argv: ['tar', 'tvf', 'gnu.tar'] },
  { argv: ['tar', '-tzvf', 'gnu.tgz'] },
  { argv: ['tar', 'tf', 'gnu.tgz'] },
  { argv: ['tar', '-t', '-f', 'gnu.tar', 'd/sub', 'd/a', 'nosuch'] },
  { argv: ['tar', 'tf', 'evil.tar'] },
  { argv: ['tar', 'tvf', 'evil.tar'] },
  { argv: ['tar', 'xvf', 'evil.tar', '-C', 'out'], listing: 'out' },
  { argv: ['tar', 'xf', 'gnu.tgz', '-C', 'out'], listing: 'out' },
  { argv: ['tar', 'xvf', 'escape.tar', '-C', 'out'], listing: 'out' },
  { argv: ['tar', '--extract', '--file=gnu.tar', '--directory', 'out', 'd/sub'], listing: 'out' },
  { argv: ['tar', '--sort=name', '-cvf', 'out/x.tar', 'd'] },
  { argv: ['tar', '--sort', 'bogus', '-cf', 'out/x.tar', 'd'] },
  { argv: ['tar', 'cf', 'out/x.tar', 'missing', 'd/a'] },
  { argv: ['tar', 'xf', 'nonexist.tar'] },
  { argv: ['tar', 'xf', 'gnu.tar', '-C', 'nodir'] },
  { argv: ['tar', 'tf', 'garbage.tar'] },
  { argv: ['tar', 'tf', 'empty.tar'] },
  { argv: ['tar', 'tf', 'trunc.tar'] },
  { argv: ['tar'] },
  { argv: ['tar', 'xf'] },
  { argv: ['tar', 'cx'] },
  { argv: ['tar', 'c'] },
  { argv: ['tar', '-Q'] },
  { argv: ['tar', '--bogus'] },
  // gzip, gunzip, zcat
  { argv: ['zcat', 'text.gz'] },
  { argv: ['zcat', 'two.gz'] },
  { argv: ['gzip', '-dc', 'gnu.tgz', 'missing.gz'] },
  { argv: ['gunzip', '-t', 'text.gz'] },
  { argv: ['gunzip', 'trunc.gz'] },
  { argv: ['gunzip', '-c', 'crc.gz'] },
  { argv: ['gunzip', 'notgz.gz'] },
  { argv: ['gunzip', 'trailing.gz'], listing: '.' },
  { argv: ['gunzip', 'plain'] },
  { argv: ['gzip', 'text.gz'] },
  { argv: ['gzip', 'missing'] },
  { argv: ['gzip', 'd'] },
  { argv: ['gzip', '-x'] },
  { argv: ['gzip', '--bogus'] },
  { argv: ['gzip', 'plain'], listing: '.' },
  { argv: ['gzip', '-k', '-9', 'text'], listing: '.' },
  { argv: ['gunzip', '-f', 'text.gz'], listing: '.' },
  { argv: ['gunzip', 'text.gz'] },
  { argv: ['gzip', '-l', 'text.gz', 'gnu.tgz'] },
  { argv: ['gzip', '-l', 'plain', 'missing'] },
  { argv: ['gunzip', '-v', '-k', 'text.gz'], listing: '.' },
  { argv: ['gzip', '-tv', 'text.gz', 'crc.gz'] },
  { argv: ['gunzip', 'missing'] },
  // chroot (coreutils)
  { argv: ['chroot'] },
  { argv: ['chroot', 'nodir'] },
  { argv: ['chroot', 'd/a'] },
  { argv: ['chroot', 'd', '/nope'] },
  { argv: ['chroot', 'd', '/a'] },
  { argv: ['chroot', '--bogus', 'd'] },
  { argv: ['chroot', '-x'] },
  { argv: ['chroot', '--skip-chdir', 'd'] },
];

const referencePath = (name: string) =>
  name === 'chroot' ? '/usr/sbin/chroot' : `/usr/bin/${name}`;

function runHost(which: 'reference' | 'native', argv: string[], cwd: string): BoxResult {
  const [name, ...args] = argv;
  const options = { cwd, env: ENV, encoding: 'utf8' as const, input: '' };
  const result =
    which === 'reference'
      ? spawnSync(referencePath(name!), args, { ...options, argv0: name })
      : spawnSync(nativePath('box'), argv, options);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

/** Every file under `dir` (host), sorted, with its contents or link target. */
function hostFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(join(dir, at)).sort()) {
      const path = at ? `${at}/${name}` : name;
      const st = lstatSync(join(dir, path));
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.push(`${path}/ ${mode}`);
        walk(path);
      } else if (st.isSymbolicLink()) out.push(`${path} -> ${readlinkSync(join(dir, path))}`);
      else out.push(`${path} ${mode} ${readFileSync(join(dir, path)).toString('base64')}`);
    }
  };
  walk('');
  return out;
}

describe('box tar, gzip and chroot: Debian tar, gzip and chroot, native box and box on bocal agree', () => {
  const kernel = new BoxKernel();
  const fixtures = hostScratch();
  const scratches: string[] = [fixtures];

  beforeAll(async () => {
    requireTool('/usr/bin/tar', 'tar');
    requireTool('/usr/bin/gzip', 'gzip');
    requireTool('/usr/sbin/chroot', 'coreutils');
    makeFixtures(fixtures);
    await kernel.install(['tar', 'gzip', 'gunzip', 'zcat', 'chroot', 'ls', 'sh', 'cat', 'rm']);
  });
  afterAll(async () => {
    await kernel.shutdown();
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  });

  /** Copies the fixtures, bytes, modes, links and times kept, to `dir` on the host or on bocal. */
  async function copyFixtures(dir: string, where: 'host' | 'bocal'): Promise<void> {
    const init = kernel.kernel.init;
    if (where === 'bocal') makeDirectories(init, dir);
    const inodes = new Map<number, string>();
    const walk = async (at: string) => {
      for (const name of readdirSync(join(fixtures, at)).sort()) {
        const path = at ? `${at}/${name}` : name;
        const source = join(fixtures, path);
        const target = join(dir, path);
        const st = lstatSync(source);
        if (where === 'host') {
          if (st.isDirectory()) mkdirSync(target);
          else if (st.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
          else if (st.nlink > 1 && inodes.has(st.ino)) linkSync(inodes.get(st.ino)!, target);
          else writeFileSync(target, readFileSync(source), { mode: st.mode & 0o7777 });
        } else if (st.isDirectory()) {
          makeDirectories(init, target, st.mode & 0o7777);
        } else if (st.isSymbolicLink()) {
          vfs.symlink(vfsContext(init), readlinkSync(source), init.root, target);
        } else if (st.nlink > 1 && inodes.has(st.ino)) {
          vfs.link(vfsContext(init), init.root, inodes.get(st.ino)!, false, init.root, target);
        } else {
          await writeFile(init, target, readFileSync(source), st.mode & 0o7777);
        }
        if (st.nlink > 1 && !inodes.has(st.ino)) inodes.set(st.ino, target);
        if (st.isDirectory()) await walk(path);
        if (where === 'host' && !st.isSymbolicLink()) {
          chmodSync(target, st.mode & 0o7777);
        }
      }
    };
    await walk('');
    if (where === 'host') mkdirSync(join(dir, 'out'));
    else makeDirectories(init, `${dir}/out`);
    // Times last: writing into a directory changes its own.
    for (const name of ['d/a', 'd/run.sh', `d/${LONG_NAME}`, 'd/sub/b', 'd/sub', 'd']) {
      if (where === 'host') utimesSync(join(dir, name), MTIME, MTIME);
      else {
        const inode = lookup(vfsContext(init), init.root, join(dir, name), false).inode;
        inode.mtime = BigInt(MTIME) * 1_000_000_000n;
      }
    }
  }

  async function threeWays(c: Case): Promise<BoxResult[]> {
    const results: BoxResult[] = [];
    for (const which of ['reference', 'native', 'bocal'] as const) {
      const dir = hostScratch();
      scratches.push(dir);
      let result: BoxResult;
      if (which === 'bocal') {
        await copyFixtures(dir, 'bocal');
        result = await kernel.run(c.argv, dir);
        if (c.listing)
          result.stdout += '--- ' + (await kernel.run(['ls', '-R', c.listing], dir)).stdout;
      } else {
        await copyFixtures(dir, 'host');
        result = runHost(which, c.argv, dir);
        if (c.listing) {
          const ls = spawnSync('/usr/bin/ls', ['-R', c.listing], {
            cwd: dir,
            env: ENV,
            encoding: 'utf8',
          });
          result.stdout += '--- ' + ls.stdout;
        }
      }
      const clean = (text: string) => text.split(dir).join('<scratch>');
      results.push({
        stdout: clean(result.stdout),
        stderr: clean(result.stderr),
        status: result.status,
      });
    }
    return results;
  }

  it.each(cases.map((c) => [c.argv.join(' '), c] as const))('%s', async (_, c) => {
    const [reference, native, bocal] = await threeWays(c);
    expect(native, 'native box differs from the Debian tool').toEqual(reference);
    expect(bocal, 'box on bocal differs from the Debian tool').toEqual(reference);
  });

  it('fails -j and -J as GNU tar does on a system without bzip2 and xz (there are none here)', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await copyFixtures(dir, 'bocal');
    for (const [flag, program] of [
      ['-cjf', 'bzip2'],
      ['-cJf', 'xz'],
    ] as const) {
      expect(await kernel.run(['tar', flag, 'out/x', 'd'], dir)).toEqual({
        stdout: '',
        stderr:
          `tar (child): ${program}: Cannot exec: No such file or directory\n` +
          'tar (child): Error is not recoverable: exiting now\n' +
          'tar: Child returned status 2\ntar: Error is not recoverable: exiting now\n',
        status: 2,
      });
    }
  });

  it('writes natively the very archive GNU tar --sort=name writes, plain and through gzip', () => {
    const dir = hostScratch();
    scratches.push(dir);
    makeTree(dir);
    const box = (...args: string[]) =>
      execFileSync(nativePath('box'), args, { cwd: dir, env: ENV });
    const gnu = (...args: string[]) => execFileSync('/usr/bin/tar', args, { cwd: dir, env: ENV });
    box('tar', 'cf', 'ours.tar', 'd');
    gnu('--sort=name', '-cf', 'gnu.tar', 'd');
    expect(readFileSync(join(dir, 'ours.tar')).equals(readFileSync(join(dir, 'gnu.tar')))).toBe(
      true,
    );
    // Through gzip the bytes differ (another compressor), the archive inside does not.
    box('tar', 'czf', 'ours.tgz', 'd');
    const inside = execFileSync('/usr/bin/gzip', ['-dc', 'ours.tgz'], { cwd: dir });
    expect(inside.equals(readFileSync(join(dir, 'gnu.tar')))).toBe(true);
  });

  it('archives on bocal what GNU tar extracts as the same tree, and extracts what GNU tar wrote', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    await copyFixtures(dir, 'bocal');
    const init = kernel.kernel.init;
    for (const args of [
      ['cf', 'ours.tar', 'd'],
      ['czf', 'ours.tgz', 'd'],
    ]) {
      expect(await kernel.run(['tar', ...args], dir)).toEqual({
        stdout: '',
        stderr: '',
        status: 0,
      });
      const out = hostScratch();
      scratches.push(out);
      writeFileSync(join(out, 'archive'), await readFile(init, `${dir}/${args[1]}`));
      execFileSync('/usr/bin/tar', ['xf', 'archive'], { cwd: out });
      rmSync(join(out, 'archive'));
      const reference = hostScratch();
      scratches.push(reference);
      makeTree(reference);
      expect(hostFiles(out)).toEqual(hostFiles(reference));
    }
    // GNU's archive, extracted by box on bocal, then archived again by box:
    // GNU tar lists it as it lists its own.
    expect(await kernel.run(['tar', 'xzf', 'gnu.tgz', '-C', 'out'], dir)).toEqual({
      stdout: '',
      stderr: '',
      status: 0,
    });
    expect(await kernel.run(['tar', 'cf', '../again.tar', 'd'], `${dir}/out`)).toMatchObject({
      status: 0,
    });
    const out = hostScratch();
    scratches.push(out);
    writeFileSync(join(out, 'again.tar'), await readFile(init, `${dir}/again.tar`));
    writeFileSync(join(out, 'gnu.tar'), readFileSync(join(fixtures, 'gnu.tar')));
    const list = (file: string) =>
      execFileSync('/usr/bin/tar', ['tvf', file], { cwd: out, env: ENV, encoding: 'utf8' });
    expect(list('again.tar')).toBe(list('gnu.tar'));
  });

  it('compresses on bocal what GNU gunzip reads back, and reads what GNU gzip wrote, at every level', async () => {
    const dir = hostScratch();
    scratches.push(dir);
    const init = kernel.kernel.init;
    makeDirectories(init, dir);
    const original = Buffer.concat([
      Buffer.from(wasmBytes('box').subarray(0, 200_000)),
      Buffer.from('text\n'.repeat(20_000)),
    ]);
    const host = hostScratch();
    scratches.push(host);
    writeFileSync(join(host, 'data'), original);
    for (const level of ['-1', '-6', '-9']) {
      await writeFile(init, `${dir}/data`, original);
      expect(await kernel.run(['gzip', level, 'data'], dir)).toEqual({
        stdout: '',
        stderr: '',
        status: 0,
      });
      const ours = Buffer.from(await readFile(init, `${dir}/data.gz`));
      expect(ours.length).toBeLessThan(original.length / 2);
      writeFileSync(join(host, 'ours.gz'), ours);
      expect(
        execFileSync('/usr/bin/gzip', ['-dc', 'ours.gz'], { cwd: host }).equals(original),
      ).toBe(true);
      const theirs = execFileSync('/usr/bin/gzip', [level, '-c', 'data'], { cwd: host });
      await writeFile(init, `${dir}/theirs.gz`, theirs);
      expect(await kernel.run(['gunzip', 'theirs.gz'], dir)).toEqual({
        stdout: '',
        stderr: '',
        status: 0,
      });
      expect(Buffer.from(await readFile(init, `${dir}/theirs`)).equals(original)).toBe(true);
      await kernel.run(['sh', '-c', 'rm -f data.gz theirs'], dir);
    }
  });
});
