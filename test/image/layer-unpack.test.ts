// Layers into snapshots: metadata and lazily read contents, OCI whiteouts
// and opaque directories across layers, and hostile tar input resolved
// inside the root or refused with a clear error that leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { digestOf, type Digest } from '../../src/image/digest.ts';
import {
  snapshotDataName,
  unpackLayer,
  type UnpackedLayer,
  type UnpackOptions,
} from '../../src/image/layer-unpack.ts';
import { mergeSnapshots, type MergedEntry } from '../../src/image/snapshot-merge.ts';
import { readEntry } from '../../src/image/snapshot.ts';
import { gzip, streamOf, tar, tempBackend, type Item } from './layer-fixtures.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Unpacks layers bottom to top, each over the merged tree of those below. */
async function stack(layers: Item[][], options: UnpackOptions = {}) {
  const backend = tempBackend();
  const unpacked: UnpackedLayer[] = [];
  let tree = new Map<string, MergedEntry>();
  for (const items of layers) {
    const lower = tree;
    const layer = await unpackLayer(backend, streamOf(await tar(items)), {
      ...options,
      lower: (p) => lower.get(p),
    });
    unpacked.push(layer);
    tree = mergeSnapshots(unpacked.map((u) => ({ entries: u.entries, data: u.data.digest })));
  }
  const read = async (path: string): Promise<string> => {
    const entry = tree.get(path);
    if (!entry) throw new Error(`${path} is not in the tree`);
    return text(
      await readEntry(entry, entry.content!.blob!, (d, o, l) => backend.readBlob(d, o, l)),
    );
  };
  return { backend, unpacked, tree, read, paths: [...tree.keys()].sort() };
}

describe('unpacking a layer', () => {
  it('keeps type, mode, owner, mtime and link targets, and reads contents lazily by range', async () => {
    const { tree, read, backend, unpacked } = await stack([
      [
        { dir: 'etc/' },
        { file: 'etc/passwd', body: 'root:x:0:0::/root:/bin/sh\n', mode: 0o644 },
        { file: 'bin/tool', body: 'binary!', mode: 0o4755, uid: 12, gid: 34, mtime: 1234567 },
        { symlink: 'bin/alias', target: 'tool' },
        { link: 'bin/hard', target: 'bin/tool' },
      ],
    ]);
    expect(tree.get('/bin/tool')).toMatchObject({
      type: 'file',
      mode: 0o4755,
      uid: 12,
      gid: 34,
      mtime: 1234567,
      size: 7,
    });
    expect(tree.get('/bin/alias')).toMatchObject({ type: 'symlink', linkTarget: 'tool' });
    expect(tree.get('/bin')).toMatchObject({ type: 'directory', implicit: true });
    expect(await read('/etc/passwd')).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(await read('/bin/hard')).toBe('binary!');
    const tool = tree.get('/bin/tool')!;
    expect(
      text(
        await readEntry(tool, tool.content!.blob!, (d, o, l) => backend.readBlob(d, o, l), 2, 3),
      ),
    ).toBe('nar');
    expect(unpacked[0]!.diffId).toBe(
      digestOf(
        await tar([
          { dir: 'etc/' },
          { file: 'etc/passwd', body: 'root:x:0:0::/root:/bin/sh\n', mode: 0o644 },
          { file: 'bin/tool', body: 'binary!', mode: 0o4755, uid: 12, gid: 34, mtime: 1234567 },
          { symlink: 'bin/alias', target: 'tool' },
          { link: 'bin/hard', target: 'bin/tool' },
        ]),
      ),
    );
  });

  it('gunzips a gzipped layer (recognised by its magic) and its diff ID is the uncompressed digest', async () => {
    const backend = tempBackend();
    const plain = await tar([{ file: 'a', body: 'x'.repeat(100_000) }]);
    const layer = await unpackLayer(backend, streamOf(gzip(plain)), { diffId: digestOf(plain) });
    expect(layer.diffId).toBe(digestOf(plain));
    expect(layer.entries.find((e) => e.path === '/a')?.size).toBe(100_000);
  });

  it('keeps the file bodies, in order, in one data blob named after the diff ID', async () => {
    const backend = tempBackend();
    const plain = await tar([
      { file: 'one', body: 'first ' },
      { dir: 'd/' },
      { file: 'd/two', body: 'second' },
    ]);
    const layer = await unpackLayer(backend, streamOf(plain));
    expect(layer.data).toEqual({ digest: snapshotDataName(digestOf(plain)), size: 12 });
    expect(text(await backend.readBlob(layer.data.digest))).toBe('first second');
    // The same layer again: the same name, still one blob.
    const again = await unpackLayer(backend, streamOf(plain));
    expect(again.data.digest).toBe(layer.data.digest);
    expect((await backend.listBlobs()).filter((d) => d === layer.data.digest)).toHaveLength(1);
  });
});

describe('whiteouts and opaque directories', () => {
  it('a whiteout deletes a lower file or tree, an opaque directory hides lower contents', async () => {
    const { paths, read } = await stack([
      [
        { file: 'a/x', body: 'x' },
        { file: 'a/y', body: 'y' },
        { file: 'b/old', body: 'old' },
        { file: 'c/deep/file', body: 'c' },
        { file: 'd', body: 'd' },
      ],
      [
        { file: 'a/.wh.x' },
        { dir: 'b/' },
        { file: 'b/.wh..wh..opq' },
        { file: 'b/new', body: 'new' },
        { file: '.wh.c' },
        { file: '.wh.d' },
        { dir: 'd/' },
      ],
    ]);
    expect(paths).toEqual(['/', '/a', '/a/y', '/b', '/b/new', '/d']);
    expect(await read('/b/new')).toBe('new');
  });

  it('a whiteout does not hide a file of its own layer', async () => {
    const { paths } = await stack([
      [{ file: 'f', body: '1' }],
      [{ file: '.wh.f' }, { file: 'f', body: '2' }],
    ]);
    expect(paths).toContain('/f');
  });

  it('a whiteout through a symlink deletes inside the root', async () => {
    const { paths } = await stack([
      [
        { file: 'etc/passwd', body: 'p' },
        { file: 'etc/group', body: 'g' },
        { symlink: 'd', target: '/etc' },
      ],
      [{ file: 'd/.wh.passwd' }],
    ]);
    expect(paths).toEqual(['/', '/d', '/etc', '/etc/group']);
  });
});

describe('hostile layers', () => {
  it('names with .. and absolute names land inside the root', async () => {
    const { paths, read } = await stack([
      [
        { file: '../../../etc/evil', body: 'e' },
        { file: '/abs/file', body: 'a' },
        { file: 'x/../../y', body: 'y' },
      ],
    ]);
    expect(paths).toEqual(['/', '/abs', '/abs/file', '/etc', '/etc/evil', '/y']);
    expect(await read('/etc/evil')).toBe('e');
  });

  it('a symlink pointing outside is followed inside the root (same layer and planted in a lower layer)', async () => {
    const { paths, tree } = await stack([
      [
        { dir: 'tmp/' },
        { symlink: 'out', target: '../../../../tmp' },
        { file: 'out/one', body: '1' },
      ],
      [
        { symlink: 'abs', target: '/tmp' },
        { file: 'abs/two', body: '2' },
        { file: 'out/three', body: '3' },
      ],
    ]);
    expect(paths).toEqual(['/', '/abs', '/out', '/tmp', '/tmp/one', '/tmp/three', '/tmp/two']);
    expect(tree.get('/out')?.type).toBe('symlink');
  });

  it('a hard link to a path outside the root means that path inside it', async () => {
    const { read } = await stack([
      [
        { file: 'etc/shadow', body: 'secret-in-layer' },
        { link: 'copy', target: '../../../../etc/shadow' },
      ],
    ]);
    expect(await read('/copy')).toBe('secret-in-layer');
  });

  it('a hard link to a lower layer file shares its contents', async () => {
    const { read } = await stack([
      [{ file: 'base', body: 'from below' }],
      [{ link: 'again', target: 'base' }],
    ]);
    expect(await read('/again')).toBe('from below');
  });

  it('a hard link to nothing is refused, and no blob is left', async () => {
    const backend = tempBackend();
    const layer = await tar([
      { file: 'ok', body: 'data' },
      { link: 'bad', target: '/etc/nothing' },
    ]);
    await expect(unpackLayer(backend, streamOf(layer))).rejects.toMatchObject({
      code: 'unsafe-layer',
      message: expect.stringContaining('hard link bad -> /etc/nothing: no such file'),
    });
    expect(await backend.listBlobs()).toEqual([]);
  });

  it('duplicate entries: the last one wins, a file replacing a directory removes what was under it', async () => {
    const { paths, read } = await stack([
      [
        { file: 'f', body: 'first' },
        { file: 'f', body: 'second' },
        { file: 'd/in', body: 'i' },
        { file: 'd', body: 'now a file' },
      ],
    ]);
    expect(paths).toEqual(['/', '/d', '/f']);
    expect(await read('/f')).toBe('second');
    expect(await read('/d')).toBe('now a file');
  });

  it('an entry under a file is refused', async () => {
    const backend = tempBackend();
    await expect(
      unpackLayer(
        backend,
        streamOf(
          await tar([
            { file: 'f', body: 'x' },
            { file: 'f/g', body: 'y' },
          ]),
        ),
      ),
    ).rejects.toMatchObject({
      code: 'unsafe-layer',
      message: expect.stringContaining('/f is not a directory'),
    });
  });

  it('a gzip bomb stops at the layer limit with a clear error, bounded, nothing kept', async () => {
    const backend = tempBackend();
    const bomb = gzip(await tar([{ file: 'zeros', body: new Uint8Array(64 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(200_000);
    await expect(
      unpackLayer(backend, streamOf(bomb), { limits: { maxLayerBytes: 4 * 1024 * 1024 } }),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(
        /uncompressed layer exceeds the limit of 4194304 bytes \(a gzip bomb\?\)/,
      ),
    });
    expect(await backend.listBlobs()).toEqual([]);
  });

  it('an entry bigger than the entry limit is refused before its body is read', async () => {
    const backend = tempBackend();
    const layer = await tar([{ file: 'big', body: new Uint8Array(300_000) }]);
    await expect(
      unpackLayer(backend, streamOf(layer), { limits: { maxEntryBytes: 100_000 } }),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('big is 300000 bytes, more than the limit of 100000'),
    });
  });

  it('a diff ID mismatch is refused and nothing is kept', async () => {
    const backend = tempBackend();
    const wrong: Digest = `sha256:${'1'.repeat(64)}`;
    await expect(
      unpackLayer(backend, streamOf(await tar([{ file: 'a', body: 'a' }])), { diffId: wrong }),
    ).rejects.toMatchObject({
      code: 'digest-mismatch',
      message: expect.stringContaining(`the image config says ${wrong}`),
    });
    expect(await backend.listBlobs()).toEqual([]);
  });

  it('garbage, a truncated tar and corrupt gzip are clear errors', async () => {
    const backend = tempBackend();
    const garbage = new TextEncoder().encode('this is not a tar archive at all'.repeat(40));
    await expect(
      unpackLayer(backend, streamOf(garbage), { what: 'layer 1' }),
    ).rejects.toMatchObject({
      code: 'invalid-content',
      message: expect.stringMatching(/^layer 1: /),
    });
    const whole = await tar([{ file: 'a', body: 'x'.repeat(5000) }]);
    await expect(unpackLayer(backend, streamOf(whole.subarray(0, 2000)))).rejects.toMatchObject({
      code: 'invalid-content',
    });
    const zipped = gzip(whole);
    zipped[zipped.length >> 1] = zipped[zipped.length >> 1]! ^ 0xff;
    await expect(unpackLayer(backend, streamOf(zipped))).rejects.toMatchObject({
      code: 'invalid-content',
    });
    expect(await backend.listBlobs()).toEqual([]);
  });
});

describe('the portable gunzip (DecompressionStream, what browsers use)', () => {
  /** The directory backend without its Node zlib decompressor. */
  const portableBackend = () => {
    const backend = tempBackend();
    return new Proxy(backend, {
      get(target, key) {
        if (key === 'gunzip') return undefined;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  it('unpacks a gzipped layer, stops a gzip bomb, refuses corrupt gzip', async () => {
    const plain = await tar([{ file: 'a', body: 'y'.repeat(2_000_000) }]);
    const ok = await unpackLayer(portableBackend(), streamOf(gzip(plain)), {
      diffId: digestOf(plain),
    });
    expect(ok.entries.find((e) => e.path === '/a')?.size).toBe(2_000_000);
    const bomb = gzip(await tar([{ file: 'zeros', body: new Uint8Array(32 * 1024 * 1024) }]));
    await expect(
      unpackLayer(portableBackend(), streamOf(bomb), { limits: { maxLayerBytes: 1024 * 1024 } }),
    ).rejects.toMatchObject({ code: 'too-large' });
    const broken = gzip(plain);
    broken[broken.length >> 1] = broken[broken.length >> 1]! ^ 0xff;
    const backend = portableBackend();
    await expect(unpackLayer(backend, streamOf(broken))).rejects.toMatchObject({
      code: 'invalid-content',
    });
    expect(await backend.listBlobs()).toEqual([]);
  });
});
