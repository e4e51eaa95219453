// `bocal wasi --dir` end to end: the command maps a host directory into the
// program's filesystem, the program's changes land on the host, and a
// missing host directory stops the command before anything runs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBocalCommand } from '../../support/bocal-hostfs-runner.ts';
import { nativePath, wasmPath } from '../../support/programs.ts';
import { makeScratch, removeScratch } from './host-system.ts';
import { execFileSync } from 'node:child_process';

afterAll(removeScratch);

describe('bocal wasi --dir', () => {
  it('HOST::/data shows the host file at /data', async () => {
    const dir = makeScratch();
    fs.writeFileSync(path.join(dir, 'file'), 'hello from the host\n');
    const result = await runBocalCommand([
      'wasi',
      '--dir',
      `${dir}::/data`,
      wasmPath('catfile'),
      '/data/file',
    ]);
    expect(result).toEqual({ stdout: 'hello from the host\n', stderr: '', status: 0 });
  });

  it('HOST alone maps the directory at the same path, HOST::/ makes it the root', async () => {
    const dir = makeScratch();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const same = await runBocalCommand(['wasi', '--dir', dir, wasmPath('catfile'), `${dir}/file`]);
    expect(same).toEqual({ stdout: 'x', stderr: '', status: 0 });
    const root = await runBocalCommand(['wasi', `--dir=${dir}::/`, wasmPath('catfile'), '/file']);
    expect(root).toEqual({ stdout: 'x', stderr: '', status: 0 });
  });

  it('a missing host directory is an error before the program runs', async () => {
    const dir = path.join(makeScratch(), 'missing');
    const result = await runBocalCommand(['wasi', '--dir', `${dir}::/d`, wasmPath('hello')]);
    expect(result).toEqual({
      stdout: '',
      stderr: `bocal wasi: --dir ${dir}: no such directory\n`,
      status: 1,
    });
  });

  it('files a program creates stay on the host, as a native run leaves them', async () => {
    const native = makeScratch();
    execFileSync(nativePath('wasi_files'), [native]);
    const dir = makeScratch();
    const result = await runBocalCommand(['wasi', '--dir', dir, wasmPath('wasi_files'), dir]);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(fs.readdirSync(native).sort());
    for (const name of fs.readdirSync(native)) {
      const [ours, linux] = [
        fs.lstatSync(path.join(dir, name)),
        fs.lstatSync(path.join(native, name)),
      ];
      // Types and sizes only: WASI's path_open carries no mode, so permissions differ.
      const type = (mode: number) => mode & fs.constants.S_IFMT;
      expect({ name, type: type(ours.mode), size: ours.size }).toEqual({
        name,
        type: type(linux.mode),
        size: linux.size,
      });
    }
  });
});
