// Builds tar layers for the tests with modern-tar's packer (hostile names
// included: the packer writes names as given).
import { packTar, type TarEntry } from 'modern-tar';
import { gzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryBackend } from '../../src/platform/node/image-store/directory-backend.ts';

export type Item =
  | {
      file: string;
      body?: string | Uint8Array;
      mode?: number;
      uid?: number;
      gid?: number;
      mtime?: number;
    }
  | { dir: string; mode?: number }
  | { symlink: string; target: string }
  | { link: string; target: string };

const date = (seconds = 1_700_000_000): Date => new Date(seconds * 1000);

export function tarEntries(items: Item[]): TarEntry[] {
  return items.map((item): TarEntry => {
    if ('file' in item) {
      const body =
        typeof item.body === 'string'
          ? new TextEncoder().encode(item.body)
          : (item.body ?? new Uint8Array());
      return {
        header: {
          name: item.file,
          size: body.length,
          type: 'file',
          mode: item.mode ?? 0o644,
          uid: item.uid ?? 0,
          gid: item.gid ?? 0,
          mtime: date(item.mtime),
        },
        body,
      };
    }
    if ('dir' in item)
      return {
        header: {
          name: item.dir,
          size: 0,
          type: 'directory',
          mode: item.mode ?? 0o755,
          mtime: date(),
        },
      };
    if ('symlink' in item)
      return {
        header: {
          name: item.symlink,
          size: 0,
          type: 'symlink',
          linkname: item.target,
          mtime: date(),
        },
      };
    return {
      header: { name: item.link, size: 0, type: 'link', linkname: item.target, mtime: date() },
    };
  });
}

export const tar = (items: Item[]): Promise<Uint8Array> => packTar(tarEntries(items));
export const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes));

export const streamOf = (bytes: Uint8Array, chunk = 7000): ReadableStream<Uint8Array> => {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
};

export const tempBackend = (): DirectoryBackend =>
  new DirectoryBackend(mkdtempSync(join(tmpdir(), 'bocal-layer-')));
