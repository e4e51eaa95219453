// The image store as the engine uses it: import, resolve, list, tag, rmi,
// save and load (round trip through our own archive), and what `docker run
// alpine` offline needs to say. Bad archives leave no image and no blob.
import { describe, expect, it } from 'vitest';
import { packTar } from 'modern-tar';
import { saveArchive } from '../../src/image/archive-save.ts';
import { loadArchive } from '../../src/image/archive-load.ts';
import { digestOf } from '../../src/image/digest.ts';
import { ImageStore } from '../../src/image/image-store.ts';
import { importTarball } from '../../src/image/import-tarball.ts';
import { readEntry } from '../../src/image/snapshot.ts';
import { gzip, streamOf, tar, tempBackend } from './layer-fixtures.ts';

const newStore = (): ImageStore => new ImageStore(tempBackend());
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function importSample(
  store: ImageStore,
  reference = 'sample:1',
  extra: Parameters<typeof importTarball>[2] = {},
) {
  const layer = await tar([
    { file: 'bin/hello', body: 'hi there', mode: 0o755 },
    { file: 'etc/motd', body: 'welcome\n' },
  ]);
  return importTarball(store, streamOf(gzip(layer)), {
    reference,
    changes: ['CMD ["/bin/hello"]', 'ENV A=1 B="two words"', 'WORKDIR /tmp'],
    message: 'a sample',
    created: new Date('2024-01-02T03:04:05Z'),
    ...extra,
  });
}

describe('docker import into the store', () => {
  it('makes a one-layer image with the platform, -c changes and -m message asked for', async () => {
    const store = newStore();
    const record = await importSample(store, 'sample:1', { platform: 'linux/amd64' });
    const image = await store.resolve('sample:1');
    expect(image.record.id).toBe(record.id);
    expect(image.config).toMatchObject({
      os: 'linux',
      architecture: 'amd64',
      created: '2024-01-02T03:04:05.000Z',
      config: { Cmd: ['/bin/hello'], Env: ['A=1', 'B=two words'], WorkingDir: '/tmp' },
      history: [{ comment: 'a sample' }],
    });
    const hello = image.snapshots[0]!.entries.get('/bin/hello')!;
    expect(hello.mode).toBe(0o755);
    expect(text(await image.snapshots[0]!.readFile(hello))).toBe('hi there');
  });

  it('is reproducible: same tarball and options, same image ID', async () => {
    const [a, b] = [await importSample(newStore()), await importSample(newStore())];
    expect(a.id).toBe(b.id);
  });

  it('defaults to the wasi/wasm platform, refuses bad changes and platforms before storing anything', async () => {
    const store = newStore();
    expect((await importSample(store, 'w:1', { platform: undefined })).platform).toEqual({
      os: 'wasi',
      architecture: 'wasm',
    });
    const fresh = newStore();
    await expect(importSample(fresh, 'x', { changes: ['FROB 1'] })).rejects.toThrow(
      'frob is not a valid change command',
    );
    await expect(importSample(fresh, 'x', { platform: 'nope' })).rejects.toThrow(
      'unknown operating system or architecture',
    );
    await expect(importSample(fresh, 'Bad:Name')).rejects.toThrow('invalid reference format');
    expect(await fresh.backend.listBlobs()).toEqual([]);
  });
});

describe('finding, listing, tagging and removing', () => {
  it('finds by tag, full or short ID, and digest reference; lists with familiar tags', async () => {
    const store = newStore();
    const record = await importSample(store);
    await store.tag('sample:1', 'me/other:latest');
    for (const name of [
      'sample:1',
      'docker.io/library/sample:1',
      record.id,
      record.id.slice(7, 19),
      'me/other',
    ]) {
      expect((await store.get(name)).id).toBe(record.id);
    }
    expect((await store.get(`sample@${record.manifest}`)).id).toBe(record.id);
    const [summary] = await store.list();
    expect(summary).toMatchObject({
      id: record.id,
      repoTags: ['me/other:latest', 'sample:1'],
      platform: { os: 'wasi' },
    });
    expect(summary!.size).toBe('hi there'.length + 'welcome\n'.length);
  });

  it('a missing image is "No such image", and the store can list what does exist instead', async () => {
    const store = newStore();
    await importSample(store, 'box:latest');
    await importSample(store, 'hello-world:latest', { message: 'other' });
    await expect(store.get('alpine')).rejects.toMatchObject({
      code: 'not-found',
      message: 'No such image: alpine',
    });
    expect(await store.availableTags()).toEqual(['box:latest', 'hello-world:latest']);
  });

  it('rmi untags, deletes the image with its last tag, and refuses an ID with several tags unless forced', async () => {
    const store = newStore();
    const record = await importSample(store);
    await store.tag('sample:1', 'sample:2');
    await expect(store.remove(record.id.slice(7, 19))).rejects.toMatchObject({
      code: 'conflict',
      message: `conflict: unable to delete ${record.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
    });
    expect(await store.remove('sample:2')).toEqual([{ untagged: 'sample:2' }]);
    expect(await store.remove('sample:1')).toEqual([
      { untagged: 'sample:1' },
      { deleted: record.id },
    ]);
    expect(await store.list()).toEqual([]);
    expect(await store.backend.listBlobs()).toEqual([]);
    expect(await store.backend.listRecords('snapshot')).toEqual([]);
  });
});

describe('save and load', () => {
  it('an image saved here loads into another store with the same ID, tags and files', async () => {
    const store = newStore();
    const record = await importSample(store);
    await store.tag('sample:1', 'sample:again');
    const archive = await collect(await saveArchive(store, ['sample']));
    const other = newStore();
    const loaded = await loadArchive(other, streamOf(archive));
    expect(loaded).toEqual([{ id: record.id, tags: ['sample:1', 'sample:again'] }]);
    expect((await other.list())[0]!.repoTags).toEqual(['sample:1', 'sample:again']);
    const tree = await other.mergedTree('sample:again');
    const motd = tree.get('/etc/motd')!;
    expect(
      text(
        await readEntry(motd, motd.content!.blob!, (d, o, l) => other.backend.readBlob(d, o, l)),
      ),
    ).toBe('welcome\n');
  });

  it('saving is reproducible byte for byte', async () => {
    const a = await collect(await saveArchive(await withSample(), ['sample:1']));
    const b = await collect(await saveArchive(await withSample(), ['sample:1']));
    expect(digestOf(a)).toBe(digestOf(b));
  });

  it('an archive with only the OCI layout (no manifest.json) loads from index.json', async () => {
    const { unpackTar } = await import('modern-tar');
    const full = await collect(await saveArchive(await withSample(), ['sample:1']));
    const entries = (await unpackTar(full)).filter((e) => e.header.name !== 'manifest.json');
    const ociOnly = await packTar(entries.map((e) => ({ header: e.header, body: e.data })));
    const loaded = await loadArchive(newStore(), streamOf(ociOnly));
    expect(loaded).toEqual([
      { id: (await withSample().then((s) => s.get('sample:1'))).id, tags: ['sample:1'] },
    ]);
  });

  it('a layer shared by two images is unpacked once (one snapshot per chain ID)', async () => {
    const store = newStore();
    const a = await importSample(store, 'one:1');
    const b = await importSample(store, 'two:1', { changes: ['CMD ["other"]'] });
    expect(a.id).not.toBe(b.id);
    expect(a.layers[0]!.chainId).toBe(b.layers[0]!.chainId);
    expect(await store.backend.listRecords('snapshot')).toHaveLength(1);
  });

  it('a gzipped archive loads too', async () => {
    const archive = await collect(await saveArchive(await withSample(), ['sample:1']));
    const loaded = await loadArchive(newStore(), streamOf(gzip(archive)));
    expect(loaded[0]!.tags).toEqual(['sample:1']);
  });

  it('saving an unknown image is "No such image"', async () => {
    await expect(saveArchive(newStore(), ['nothing:here'])).rejects.toThrow(
      'No such image: nothing:here',
    );
  });
});

async function withSample(): Promise<ImageStore> {
  const store = newStore();
  await importSample(store);
  return store;
}

describe('bad archives leave the store as it was', () => {
  const files = (entries: Record<string, string | Uint8Array>) =>
    packTar(
      Object.entries(entries).map(([name, body]) => {
        const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        return { header: { name, size: bytes.length, type: 'file' as const }, body: bytes };
      }),
    );

  async function expectRefused(archive: Uint8Array, message: string | RegExp) {
    const store = newStore();
    await expect(loadArchive(store, streamOf(archive))).rejects.toThrow(message);
    expect(await store.list()).toEqual([]);
    expect(await store.backend.listBlobs()).toEqual([]);
  }

  it('garbage', () =>
    expectRefused(new TextEncoder().encode('garbage'.repeat(200)), /invalid archive/));
  it('neither manifest.json nor index.json', async () =>
    expectRefused(await files({ 'x.txt': 'x' }), 'it has neither manifest.json nor index.json'));
  it('malformed manifest.json', async () =>
    expectRefused(await files({ 'manifest.json': '{oops' }), 'manifest.json: malformed JSON'));

  it('a blob whose content does not match its name', async () => {
    const good = await collect(await saveArchive(await withSample(), ['sample:1']));
    const store = newStore();
    // Swap one blob's bytes for others of the same size.
    const { unpackTar } = await import('modern-tar');
    const entries = await unpackTar(good);
    const victim = entries.find(
      (e) => e.header.name.startsWith('blobs/') && (e.data?.length ?? 0) > 100,
    )!;
    victim.data = victim.data!.map((b) => b ^ 1);
    const bad = await packTar(entries.map((e) => ({ header: e.header, body: e.data })));
    await expect(loadArchive(store, streamOf(bad))).rejects.toMatchObject({
      code: 'digest-mismatch',
    });
    expect(await store.list()).toEqual([]);
    expect(await store.backend.listBlobs()).toEqual([]);
  });

  it('a manifest.json naming a missing layer, and a config whose name is not its digest', async () => {
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [`sha256:${'2'.repeat(64)}`] },
    });
    await expectRefused(
      await files({
        [`${digestOf(new TextEncoder().encode(config)).slice(7)}.json`]: config,
        'manifest.json': JSON.stringify([
          {
            Config: `${digestOf(new TextEncoder().encode(config)).slice(7)}.json`,
            RepoTags: ['a:b'],
            Layers: ['x/layer.tar'],
          },
        ]),
      }),
      'layer x/layer.tar is missing from the archive',
    );
    await expectRefused(
      await files({
        [`${'3'.repeat(64)}.json`]: config,
        'manifest.json': JSON.stringify([
          { Config: `${'3'.repeat(64)}.json`, RepoTags: [], Layers: [] },
        ]),
      }),
      /digest mismatch: config/,
    );
  });

  it('a layer whose content is not the diff ID its config announces', async () => {
    const layer = await tar([{ file: 'a', body: 'a' }]);
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [`sha256:${'2'.repeat(64)}`] },
    });
    const configName = `${digestOf(new TextEncoder().encode(config)).slice(7)}.json`;
    await expectRefused(
      await files({
        'l/layer.tar': layer,
        [configName]: config,
        'manifest.json': JSON.stringify([
          { Config: configName, RepoTags: ['a:b'], Layers: ['l/layer.tar'] },
        ]),
      }),
      /layer content has diff ID .* the image config says sha256:2222/,
    );
  });
});
