// The bytes of a layer on their way to the tar parser: gzip recognised by
// its magic number (Docker does the same, whatever the media type says),
// decompressed as a stream, counted against a limit (a gzip bomb ends in a
// clear error after at most `maxBytes`, never in memory exhaustion) and
// hashed, since the uncompressed digest is the layer's diff ID.
import type { Digest, Sha256Factory } from './digest.ts';
import { ImageError } from './errors.ts';
import type { InflatingHasher } from './store-backend.ts';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

const startsWith = (chunk: Uint8Array, magic: number[]): boolean =>
  magic.every((b, i) => chunk[i] === b);

export interface MeteredLayer {
  /** The uncompressed tar bytes. */
  stream: ReadableStream<Uint8Array>;
  /** Resolves once the whole stream was read: the diff ID and uncompressed size. */
  result(): { diffId: Digest; size: number };
  /** The layer was given up before its end: its hasher can let go. */
  discard(): void;
  compressed: boolean;
}

/** Reads the first bytes without losing them. */
export async function peek(
  source: ReadableStream<Uint8Array>,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = source.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < 4) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  const head = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    head.set(part, at);
    at += part.length;
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
    },
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, stream };
}

/** The stream decompressed when it starts with gzip's magic number, as is otherwise. */
export async function gunzipIfCompressed(
  source: ReadableStream<Uint8Array>,
  gunzip: () => TransformStream<Uint8Array, Uint8Array> = gunzipStream,
): Promise<ReadableStream<Uint8Array>> {
  const { head, stream } = await peek(source);
  return startsWith(head, GZIP_MAGIC) ? stream.pipeThrough(gunzip()) : stream;
}

/**
 * DecompressionStream, its small output pieces gathered into chunks of at
 * least 512 KiB: each chunk costs a trip through the streams and the tar
 * parser, so fewer, bigger ones load a layer faster.
 */
const gunzipStream = (): TransformStream<Uint8Array, Uint8Array> => {
  const decompress = new DecompressionStream('gzip') as unknown as TransformStream<
    Uint8Array,
    Uint8Array
  >;
  const gather = gatherChunks(512 * 1024);
  void decompress.readable.pipeTo(gather.writable).catch(() => undefined);
  return { writable: decompress.writable, readable: gather.readable };
};

function gatherChunks(minBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  const emit = (controller: TransformStreamDefaultController<Uint8Array>): void => {
    if (size === 0) return;
    const out = parts.length === 1 ? parts[0]! : new Uint8Array(size);
    if (parts.length > 1) {
      let at = 0;
      for (const part of parts) {
        out.set(part, at);
        at += part.length;
      }
    }
    parts = [];
    size = 0;
    controller.enqueue(out);
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= minBytes) emit(controller);
    },
    flush: emit,
  });
}

/** True when the bytes start like a gzip stream. */
export const isGzip = (head: Uint8Array): boolean => startsWith(head, GZIP_MAGIC);

export async function meterLayer(
  source: ReadableStream<Uint8Array>,
  options: {
    sha256: Sha256Factory;
    maxBytes: number;
    what: string;
    gunzip?: () => TransformStream<Uint8Array, Uint8Array>;
    inflateAndHash?: () => InflatingHasher | undefined;
  },
): Promise<MeteredLayer> {
  const { head, stream } = await peek(source);
  if (startsWith(head, ZSTD_MAGIC)) {
    throw new ImageError(
      'invalid-content',
      `${options.what}: zstd-compressed layers are not supported`,
    );
  }
  const compressed = startsWith(head, GZIP_MAGIC);
  const offloaded = compressed ? options.inflateAndHash?.() : undefined;
  const tar = offloaded
    ? stream.pipeThrough(offloaded)
    : compressed
      ? stream.pipeThrough((options.gunzip ?? gunzipStream)())
      : stream;
  const hash = offloaded ? undefined : await options.sha256();
  let size = 0;
  let finished: { diffId: Digest; size: number } | undefined;
  const meter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.length;
      if (size > options.maxBytes) {
        throw new ImageError(
          'too-large',
          `${options.what}: uncompressed layer exceeds the limit of ${options.maxBytes} bytes` +
            (compressed ? ' (a gzip bomb?)' : ''),
        );
      }
      controller.enqueue(chunk);
      // Awaited after passing the chunk on: an offloaded hash runs while the tar is parsed.
      return hash?.update(chunk);
    },
    async flush() {
      finished = { diffId: `sha256:${await (hash ?? offloaded!).hex()}`, size };
    },
  });
  return {
    stream: tar.pipeThrough(meter),
    compressed,
    discard: () => hash?.discard?.(),
    result() {
      if (!finished)
        throw new ImageError('invalid-content', `${options.what}: layer stream ended early`);
      return finished;
    },
  };
}
