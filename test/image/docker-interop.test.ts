// Interoperability with a real Docker Engine (Debian's 20.10): what its
// `docker save` writes loads here, and what we save loads there and lists
// the same tag. Debian's engine refuses a wasi config, so the image we hand
// it is imported here with --platform linux/amd64.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackTar } from 'modern-tar';
import { saveArchive } from '../../src/image/archive-save.ts';
import { loadArchive } from '../../src/image/archive-load.ts';
import { ImageStore } from '../../src/image/image-store.ts';
import { importTarball } from '../../src/image/import-tarball.ts';
import { readEntry } from '../../src/image/snapshot.ts';
import { docker, ensureDockerEngine } from '../support/docker-engine.ts';
import { streamOf, tar, tempBackend } from './layer-fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'bocal-interop-'));
const realImages = [
  'bocal-interop-real:one',
  'bocal-interop-real:two',
  'bocal-interop-here:latest',
];

beforeAll(async () => {
  await ensureDockerEngine();
  for (const image of realImages) {
    try {
      docker(['rmi', '-f', image]);
    } catch {
      // not there: fine
    }
  }
}, 600_000);

afterAll(() => {
  for (const image of realImages) {
    try {
      docker(['rmi', '-f', image]);
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true });
});

const rootfs = () =>
  tar([
    { dir: 'etc/' },
    { file: 'etc/os-release', body: 'NAME="tiny"\n' },
    { file: 'bin/hello', body: '#!/bin/sh\necho hello\n', mode: 0o755 },
    { symlink: 'bin/hi', target: 'hello' },
  ]);

describe('a real Docker Engine', () => {
  it('`docker save` output (two images sharing a layer) loads here with the same tags, IDs and files', async () => {
    const tarball = join(work, 'rootfs.tar');
    writeFileSync(tarball, await rootfs());
    const idOne = docker([
      'import',
      '-c',
      'CMD ["/bin/hello"]',
      tarball,
      'bocal-interop-real:one',
    ]).trim();
    const idTwo = docker(['import', '-c', 'ENV X=1', tarball, 'bocal-interop-real:two']).trim();
    const saved = join(work, 'real.tar');
    docker(['save', '-o', saved, 'bocal-interop-real:one', 'bocal-interop-real:two']);

    const store = new ImageStore(tempBackend());
    const loaded = await loadArchive(store, streamOf(new Uint8Array(readFileSync(saved)), 1 << 20));
    expect(
      loaded
        .map((l) => l.tags)
        .flat()
        .sort(),
    ).toEqual(['bocal-interop-real:one', 'bocal-interop-real:two']);
    expect((await store.get('bocal-interop-real:one')).id).toBe(idOne);
    expect((await store.get('bocal-interop-real:two')).id).toBe(idTwo);
    const image = await store.resolve('bocal-interop-real:one');
    expect(image.config).toMatchObject({ os: 'linux', config: { Cmd: ['/bin/hello'] } });
    const tree = await store.mergedTree('bocal-interop-real:two');
    const hello = tree.get('/bin/hello')!;
    expect(hello.mode).toBe(0o755);
    expect(tree.get('/bin/hi')).toMatchObject({ type: 'symlink', linkTarget: 'hello' });
    const bytes = await readEntry(hello, hello.content!.blob!, (d, o, l) =>
      store.backend.readBlob(d, o, l),
    );
    expect(new TextDecoder().decode(bytes)).toBe('#!/bin/sh\necho hello\n');
  });

  it('an image imported and saved here (linux/amd64) loads there, `docker images` lists the tag, with our ID and files', async () => {
    const store = new ImageStore(tempBackend());
    const record = await importTarball(store, streamOf(await rootfs()), {
      platform: 'linux/amd64',
      reference: 'bocal-interop-here',
      changes: ['CMD ["/bin/hello"]'],
    });
    const archive = new Uint8Array(
      await new Response(await saveArchive(store, ['bocal-interop-here'])).arrayBuffer(),
    );
    const file = join(work, 'here.tar');
    writeFileSync(file, archive);
    expect(docker(['load', '-i', file])).toContain('Loaded image: bocal-interop-here:latest');
    expect(docker(['images', '--format', '{{.Repository}}:{{.Tag}}']).split('\n')).toContain(
      'bocal-interop-here:latest',
    );
    expect(
      docker([
        'image',
        'inspect',
        '--format',
        '{{.Id}} {{.Os}}/{{.Architecture}} {{json .Config.Cmd}}',
        'bocal-interop-here',
      ]).trim(),
    ).toBe(`${record.id} linux/amd64 ["/bin/hello"]`);
    const container = docker(['create', 'bocal-interop-here']).trim();
    try {
      const tarBytes = new Uint8Array(execExport(container));
      const names = (await unpackTar(tarBytes)).map((e) => e.header.name.replace(/\/$/, ''));
      expect(names).toEqual(expect.arrayContaining(['etc/os-release', 'bin/hello', 'bin/hi']));
    } finally {
      docker(['rm', container]);
    }
  });
});

function execExport(container: string): Buffer {
  const out = join(work, 'export.tar');
  docker(['export', '-o', out, container]);
  return readFileSync(out);
}
