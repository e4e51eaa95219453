// An image snapshot (src/image) is a lower layer as it is: its entries go
// to IndexedLowerTree unchanged and its lazy reads answer the overlay's.
// This is the adapter the runtime writes (the kernel never imports
// src/image); the blob reader here serves one in-memory data blob.
import { describe, expect, it } from 'vitest';
import { Snapshot, type SnapshotEntry } from '../../../../src/image/snapshot.ts';
import { IndexedLowerTree } from '../../../../src/kernel/fs/overlay/indexed-lower-tree.ts';
import { text } from '../support/adapter.ts';
import { KernelAdapter } from '../support/kernel-adapter.ts';
import { makeOverlaySystem } from './overlay-system.ts';

const encoder = new TextEncoder();
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}` as const;

function snapshot(entries: SnapshotEntry[], data: string, blob: number): Snapshot {
  const bytes = encoder.encode(data);
  const record = {
    chainId: digest(blob),
    diffId: digest(blob),
    index: digest(blob),
    data: digest(blob),
    entries: entries.length,
    size: bytes.length,
  };
  return new Snapshot(record, entries, async (_digest, offset, length) =>
    bytes.slice(offset, offset + length),
  );
}

const base = { uid: 0, gid: 0, mtime: 1_700_000_000, size: 0 };

describe('image snapshots as lower layers', () => {
  it('reads through two snapshots with an OCI whiteout and opaque directory applied', async () => {
    const lower = snapshot(
      [
        { ...base, path: '/etc', type: 'directory', mode: 0o755 },
        {
          ...base,
          path: '/etc/os-release',
          type: 'file',
          mode: 0o644,
          size: 4,
          content: { offset: 0 },
        },
        { ...base, path: '/etc/motd', type: 'file', mode: 0o644, size: 5, content: { offset: 4 } },
        { ...base, path: '/opt', type: 'directory', mode: 0o755 },
        { ...base, path: '/opt/old', type: 'file', mode: 0o644, size: 0, content: { offset: 9 } },
      ],
      'box\nhello',
      1,
    );
    const upperLayer = snapshot(
      [
        { ...base, path: '/etc', type: 'directory', mode: 0o755, implicit: true },
        { ...base, path: '/etc/motd', type: 'whiteout', mode: 0 },
        { ...base, path: '/opt', type: 'directory', mode: 0o700, opaque: true },
        { ...base, path: '/opt/new', type: 'symlink', mode: 0o777, linkTarget: '/etc/os-release' },
      ],
      '',
      2,
    );
    const lowers = [upperLayer, lower].map(
      (layer) =>
        new IndexedLowerTree(layer.entries.values(), (entry, offset, length) =>
          layer.readFile(entry, offset, length),
        ),
    );
    const system = makeOverlaySystem(lowers);
    const adapter = new KernelAdapter(system);
    expect(await adapter.readdir('etc')).toEqual(['os-release']);
    expect(await adapter.readdir('opt')).toEqual(['new']);
    const fd = await adapter.open('opt/new', { read: true });
    expect(text(await adapter.read(fd, 100))).toBe('box\n');
    expect((await adapter.stat('etc/os-release')).mtime).toBe(1_700_000_000n * 1_000_000_000n);
  });
});
