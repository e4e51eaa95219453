// Bounds a program's linear memory before it is compiled: the memory
// section (id 5) of the module's binary is rewritten so that each memory's
// maximum is at most the process's limit. memory.grow past it then fails
// (returns -1) and wasi-libc's malloc returns NULL, instead of the page
// running out of memory. Binary format: WebAssembly core spec, 5.5 (module
// sections) and 5.3.7 (limits: a flags byte, then LEB128 min and max).
import { Errno } from '../kernel/abi/errno.ts';
import { KernelError } from '../kernel/errors.ts';

/** Bytes in one WebAssembly page. */
export const WASM_PAGE = 65_536;
/** Pages a wasm32 memory can have at most (4 GiB). */
const WASM32_MAX_PAGES = 65_536;
const MEMORY_SECTION = 5;
/** Limits flags: bit 0 = has a maximum, bit 1 = shared, bit 2 = 64-bit indices. */
const HAS_MAX = 0x01;
const KNOWN_FLAGS = 0x07;

interface Cursor {
  bytes: Uint8Array;
  at: number;
}

/** Reads an unsigned LEB128 number; undefined past the end or over 2^53. */
function readLeb(cursor: Cursor): number | undefined {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = cursor.bytes[cursor.at++];
    if (byte === undefined || scale > 2 ** 49) return undefined;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value;
    scale *= 128;
  }
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return out;
}

/** The memory section's memories with their maximum lowered to `maxPages`; undefined if malformed. */
function rewriteMemories(content: Cursor, end: number, maxPages: number): number[] | undefined {
  const count = readLeb(content);
  if (count === undefined) return undefined;
  const out = writeLeb(count);
  for (let i = 0; i < count; i++) {
    const flags = content.bytes[content.at++];
    if (flags === undefined || (flags & ~KNOWN_FLAGS) !== 0) return undefined;
    const min = readLeb(content);
    const max = flags & HAS_MAX ? readLeb(content) : Infinity;
    if (min === undefined || max === undefined || content.at > end) return undefined;
    if (min > maxPages) {
      throw new KernelError(
        Errno.ENOMEM,
        `the program needs ${mib(min)} MiB of memory to start, over its limit of ${mib(maxPages)} MiB`,
      );
    }
    out.push(flags | HAS_MAX, ...writeLeb(min), ...writeLeb(Math.min(max, maxPages)));
  }
  return content.at === end ? out : undefined;
}

function mib(pages: number): number {
  return Math.floor((pages * WASM_PAGE) / 2 ** 20);
}

/**
 * `bytes` with every memory's maximum at most `limit` bytes (rounded down to
 * whole pages). Throws KernelError(ENOMEM) when a memory's minimum is already
 * over the limit. Bytes that do not parse as a module are returned as they
 * are, for the compiler to report.
 */
export function limitMemory(bytes: Uint8Array, limit: number): Uint8Array {
  const maxPages = Math.min(Math.floor(Math.max(limit, 0) / WASM_PAGE), WASM32_MAX_PAGES);
  const cursor: Cursor = { bytes, at: 8 };
  if (bytes.length < 8) return bytes;
  while (cursor.at < bytes.length) {
    const start = cursor.at;
    const id = bytes[cursor.at++];
    const size = readLeb(cursor);
    if (size === undefined || cursor.at + size > bytes.length) return bytes;
    const end = cursor.at + size;
    if (id !== MEMORY_SECTION) {
      cursor.at = end;
      continue;
    }
    const content = rewriteMemories({ bytes, at: cursor.at }, end, maxPages);
    if (!content) return bytes;
    const section = [MEMORY_SECTION, ...writeLeb(content.length), ...content];
    const result = new Uint8Array(start + section.length + (bytes.length - end));
    result.set(bytes.subarray(0, start));
    result.set(section, start);
    result.set(bytes.subarray(end), start + section.length);
    return result;
  }
  return bytes;
}
