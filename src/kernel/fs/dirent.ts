// WASI `dirent` encoding for fd_readdir: each entry is a 24-byte header
// (d_next, d_ino, d_namlen, d_type) followed by the name, unterminated.
// WASI fills the buffer completely, cutting the last entry if needed; a
// program that gets a full buffer retries with a bigger one from the last
// complete entry's d_next, so the cut is part of the contract.
import { DIRENT_SIZE } from '../abi/wasi.ts';
import { encodeUtf8 } from '../utf8.ts';
import type { DirectoryEntry } from './inode.ts';
import { filetypeOfMode } from './stat.ts';

export function encodeDirents(entries: Iterable<DirectoryEntry>, bufferLength: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const entry of entries) {
    if (total >= bufferLength) break;
    const name = encodeUtf8(entry.name);
    const bytes = new Uint8Array(DIRENT_SIZE + name.length);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, entry.next, true);
    view.setBigUint64(8, BigInt(entry.ino), true);
    view.setUint32(16, name.length, true);
    view.setUint8(20, filetypeOfMode(entry.type));
    bytes.set(name, DIRENT_SIZE);
    parts.push(bytes);
    total += bytes.length;
  }
  const output = new Uint8Array(Math.min(total, bufferLength));
  let offset = 0;
  for (const part of parts) {
    if (offset >= output.length) break;
    output.set(part.subarray(0, output.length - offset), offset);
    offset += part.length;
  }
  return output;
}
