// gzip decompression through node:zlib with 1 MiB output chunks. Node's
// DecompressionStream hands out 16 KiB pieces, and every piece costs a trip
// through the web streams and the tar parser: on a 64 MiB layer this is
// several times faster.
import { Duplex } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const nodeGunzip = (): TransformStream<Uint8Array, Uint8Array> =>
  Duplex.toWeb(createGunzip({ chunkSize: 1024 * 1024 })) as unknown as TransformStream<
    Uint8Array,
    Uint8Array
  >;
