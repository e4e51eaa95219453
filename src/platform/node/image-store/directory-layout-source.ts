// An OCI image layout in a directory, for the image store's loaders.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { LayoutSource } from '../../../image/layout-source.ts';
import { cleanPath } from '../../../image/tree-path.ts';

export function directoryLayoutSource(root: string): LayoutSource {
  // Paths come from index.json and manifests: keep them inside the layout.
  const resolve = (path: string): string => join(root, cleanPath(path).slice(1));
  return {
    async readFile(path) {
      try {
        return new Uint8Array(await readFile(resolve(path)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async openFile(path) {
      return Readable.toWeb(
        createReadStream(resolve(path), { highWaterMark: 1024 * 1024 }),
      ) as ReadableStream<Uint8Array>;
    },
  };
}
