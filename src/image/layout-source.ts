// Where an OCI image layout is read from: a directory (Node), static assets
// over fetch (browser), or files already taken out of a tar archive. Paths
// are relative to the layout's root (`index.json`, `blobs/sha256/<hex>`).
import { ImageError } from './errors.ts';

export interface LayoutSource {
  /** A small file in full; undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** A file as a stream (blobs can be big). */
  openFile(path: string): Promise<ReadableStream<Uint8Array>>;
}

/** A layout served over HTTP(S) (the built-in images under build/images/ as static assets). */
export function fetchLayoutSource(baseUrl: string, fetcher: typeof fetch = fetch): LayoutSource {
  const url = (path: string): string => `${baseUrl.replace(/\/$/, '')}/${path}`;
  return {
    async readFile(path) {
      const response = await fetcher(url(path));
      if (response.status === 404) return undefined;
      if (!response.ok) throw new ImageError('not-found', `${url(path)}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async openFile(path) {
      const response = await fetcher(url(path));
      if (!response.ok || !response.body)
        throw new ImageError('not-found', `${url(path)}: HTTP ${response.status}`);
      return response.body;
    },
  };
}
