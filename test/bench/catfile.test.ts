// catfile, the file-read workload: copies or counts its files the same way
// natively and under node:wasi, and fails like cat(1) on a missing file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativePath, wasmPath } from '../support/programs.ts';

// node:wasi writes straight to the process's fds, so it runs in a child
// process and we capture what a user would see.
function runUnderNodeWasi(directory: string, args: string[]) {
  const script = `
    import { WASI } from 'node:wasi';
    import { readFileSync } from 'node:fs';
    const wasi = new WASI({ version: 'preview1', args: ${JSON.stringify(['catfile', ...args])},
                            preopens: { '/data': ${JSON.stringify(directory)} }, returnOnExit: true });
    const module = await WebAssembly.compile(readFileSync(${JSON.stringify(wasmPath('catfile'))}));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    process.exitCode = wasi.start(instance);`;
  return spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

function runNatively(directory: string, args: string[]) {
  const hostArgs = args.map((arg) => arg.replace(/^\/data\//, `${directory}/`));
  return spawnSync(nativePath('catfile'), hostArgs, {
    maxBuffer: 16 * 1024 * 1024,
  });
}

let directory = '';
// Sizes around the 64 KiB read chunk.
const sizes = { empty: 0, small: 5, chunk: 65536, over: 65537, several: 3 * 65536 + 123 };
const contents = new Map<string, Buffer>();

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'catfile-test-'));
  for (const [name, size] of Object.entries(sizes)) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 7 + size) & 0xff;
    writeFileSync(join(directory, name), bytes);
    contents.set(name, bytes);
  }
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe.each([
  ['natively', runNatively],
  ['under node:wasi', runUnderNodeWasi],
])('catfile %s', (_, run) => {
  it('copies each file to stdout byte for byte', () => {
    for (const name of Object.keys(sizes)) {
      const result = run(directory, [`/data/${name}`]);
      expect(result.status, name).toBe(0);
      expect(Buffer.compare(result.stdout, contents.get(name)!), name).toBe(0);
    }
  });

  it('copies files named several times, in order', () => {
    const result = run(directory, ['/data/small', '/data/over', '/data/small']);
    expect(result.status).toBe(0);
    const small = contents.get('small')!;
    expect(
      Buffer.compare(result.stdout, Buffer.concat([small, contents.get('over')!, small])),
    ).toBe(0);
  });

  it('with -c prints the total byte count', () => {
    const result = run(directory, ['-c', '/data/several', '/data/empty', '/data/chunk']);
    expect(result.status).toBe(0);
    expect(result.stdout.toString()).toBe(`${sizes.several + sizes.chunk}\n`);
  });

  it('reports a missing file on stderr and exits 1', () => {
    const result = run(directory, ['-c', '/data/missing']);
    expect(result.status).toBe(1);
    expect(result.stderr.toString()).toMatch(/^catfile: .*missing: No such file or directory\n$/);
  });

  it('without a file prints its usage and exits 2', () => {
    const result = run(directory, []);
    expect(result.status).toBe(2);
    expect(result.stderr.toString()).toBe('usage: catfile [-c] FILE...\n');
  });
});
