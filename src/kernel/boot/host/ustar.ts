// Writes tar archives in GNU tar's default format (the `ustar  ` magic,
// octal fields, 10240-byte records), the format box's tar writes too. Used
// at boot to build the minimal root filesystem tarball the host ships; the
// entries must have names under 100 bytes (no LongLink records here).
import { encodeUtf8 } from '../../utf8.ts';

export interface TarMember {
  /** Directories end with '/'. */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  mtime: number;
  content?: Uint8Array;
  target?: string;
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;

function field(block: Uint8Array, at: number, size: number, text: string): void {
  const bytes = encodeUtf8(text);
  if (bytes.length > size) throw new Error(`tar field too long: ${text}`);
  block.set(bytes, at);
}

const octal = (value: number, size: number): string =>
  value.toString(8).padStart(size - 1, '0') + '\0';

function header(member: TarMember): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const size = member.type === 'file' ? (member.content?.length ?? 0) : 0;
  field(block, 0, 100, member.name);
  field(block, 100, 8, octal(member.mode & 0o7777, 8));
  field(block, 108, 8, octal(0, 8));
  field(block, 116, 8, octal(0, 8));
  field(block, 124, 12, octal(size, 12));
  field(block, 136, 12, octal(member.mtime, 12));
  block[156] = (member.type === 'file' ? '0' : member.type === 'dir' ? '5' : '2').charCodeAt(0);
  if (member.target !== undefined) field(block, 157, 100, member.target);
  field(block, 257, 8, 'ustar  \0');
  field(block, 265, 32, 'root');
  field(block, 297, 32, 'root');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

export function writeTar(members: TarMember[]): Uint8Array {
  let length = 0;
  for (const m of members) {
    length += BLOCK;
    if (m.type === 'file') length += Math.ceil((m.content?.length ?? 0) / BLOCK) * BLOCK;
  }
  length = Math.ceil((length + 2 * BLOCK) / RECORD) * RECORD;
  const out = new Uint8Array(length);
  let at = 0;
  for (const m of members) {
    out.set(header(m), at);
    at += BLOCK;
    if (m.type === 'file' && m.content) {
      out.set(m.content, at);
      at += Math.ceil(m.content.length / BLOCK) * BLOCK;
    }
  }
  return out;
}
