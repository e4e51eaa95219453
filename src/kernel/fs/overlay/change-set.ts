// The writable layer as data, so a container's changes outlive the page or
// the process: exportUpper lists the upper directory (files, directories
// with their opaque mark, whiteouts, symlinks, hard links, devices, with
// owners, modes and times) and its files' bytes; encodeChangeSet and
// decodeChangeSet make that one byte string (the engine stores it with the
// image store's backends); restoreUpper builds the upper tmpfs again, to
// pass to createOverlayRoot. Hostile or damaged bytes are refused with a
// ChangeSetError, never half applied.
import { FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import type { Inode } from '../inode.ts';
import type { ByteContents } from '../regular-file.ts';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG } from '../stat.ts';
import { Tmpfs, type TmpfsOptions } from '../tmpfs/tmpfs.ts';
import { decodeUtf8, encodeUtf8 } from '../../utf8.ts';
import { childPath } from './lower-tree.ts';
import type { OverlayFs } from './overlayfs.ts';
import { isOpaque, isWhiteout, markOpaque, OPAQUE_MARKER } from './whiteout.ts';

export type UpperChangeKind =
  | 'directory'
  | 'file'
  | 'symlink'
  | 'hardlink'
  | 'char-device'
  | 'block-device'
  | 'fifo'
  | 'whiteout';

export interface UpperChange {
  /** Absolute path in the container's root; `/` is the root directory itself. */
  path: string;
  kind: UpperChangeKind;
  mode: number;
  uid: number;
  gid: number;
  /** Modification and access times, nanoseconds (decimal strings: JSON has no bigint). */
  mtime: string;
  atime: string;
  /** Regular files: bytes, at `offset` in the change set's data. */
  size?: number;
  offset?: number;
  /** Symlink target, or the earlier path a hard link shares its file with. */
  target?: string;
  rdev?: number;
  opaque?: boolean;
}

export interface UpperChangeSet {
  entries: UpperChange[];
  /** The regular files' bytes, one after another. */
  data: Uint8Array;
}

export class ChangeSetError extends Error {
  override name = 'ChangeSetError';
}

const KINDS: Record<number, UpperChangeKind> = {
  [S_IFDIR]: 'directory',
  [S_IFREG]: 'file',
  [S_IFLNK]: 'symlink',
  [S_IFCHR]: 'char-device',
  [S_IFBLK]: 'block-device',
  [S_IFIFO]: 'fifo',
};

function bytesOf(inode: Inode): Uint8Array {
  const contents = inode as Partial<ByteContents>;
  return contents.readAt ? contents.readAt(0, inode.size).slice() : new Uint8Array(0);
}

/** Lists an upper directory tree (parents before children, names sorted) with its bytes. */
export function listUpper(root: Inode): UpperChangeSet {
  const entries: UpperChange[] = [];
  const chunks: Uint8Array[] = [];
  let length = 0;
  const seen = new Map<Inode, string>();
  const visit = (inode: Inode, path: string): void => {
    const base = {
      path,
      mode: inode.mode & 0o7777,
      uid: inode.uid,
      gid: inode.gid,
      mtime: String(inode.mtime),
      atime: String(inode.atime),
    };
    const earlier = seen.get(inode);
    if (earlier !== undefined) {
      entries.push({ ...base, kind: 'hardlink', target: earlier });
      return;
    }
    if (isWhiteout(inode)) {
      entries.push({ ...base, kind: 'whiteout' });
      return;
    }
    const kind = KINDS[inode.mode & S_IFMT] ?? 'fifo';
    if (kind === 'directory') {
      entries.push({ ...base, kind, opaque: isOpaque(inode) });
      const names = [...inode.entries(FIRST_ENTRY_COOKIE)].map((entry) => entry.name).sort();
      for (const name of names) {
        const child = name === OPAQUE_MARKER ? undefined : inode.lookup(name);
        if (child) visit(child, childPath(path, name));
      }
      return;
    }
    if (inode.nlink > 1) seen.set(inode, path);
    if (kind === 'file') {
      const data = bytesOf(inode);
      entries.push({ ...base, kind, size: data.length, offset: length });
      chunks.push(data);
      length += data.length;
    } else if (kind === 'symlink') entries.push({ ...base, kind, target: inode.readlink() });
    else entries.push({ ...base, kind, rdev: inode.rdev });
  };
  visit(root, '/');
  const data = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { entries, data };
}

/** The overlay's writable layer, after completing pending copy-ups. */
export async function exportUpper(fs: OverlayFs): Promise<UpperChangeSet> {
  await fs.flush();
  return listUpper(fs.upper);
}

const MAGIC = encodeUtf8('bocal-upper-v1\n');

/** One byte string: magic, JSON index length (u32 LE), JSON index, data. */
export function encodeChangeSet(set: UpperChangeSet): Uint8Array {
  const index = encodeUtf8(JSON.stringify(set.entries));
  const result = new Uint8Array(MAGIC.length + 4 + index.length + set.data.length);
  result.set(MAGIC);
  new DataView(result.buffer).setUint32(MAGIC.length, index.length, true);
  result.set(index, MAGIC.length + 4);
  result.set(set.data, MAGIC.length + 4 + index.length);
  return result;
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function checkEntry(value: unknown, dataLength: number): UpperChange {
  const entry = value as Partial<UpperChange> | null;
  const bad = (why: string): never => {
    throw new ChangeSetError(`damaged change set: ${why}`);
  };
  if (typeof entry !== 'object' || entry === null) return bad('an entry is not an object');
  const { path, kind } = entry;
  if (typeof path !== 'string' || !path.startsWith('/')) return bad('a path is not absolute');
  if (
    path !== '/' &&
    path
      .split('/')
      .slice(1)
      .some((c) => c === '' || c === '.' || c === '..')
  ) {
    return bad(`path ${JSON.stringify(path)} is not clean`);
  }
  if (!kind || !Object.values(KINDS).concat(['hardlink', 'whiteout']).includes(kind)) {
    return bad(`unknown kind for ${path}`);
  }
  if (![entry.mode, entry.uid, entry.gid].every(isNumber)) return bad(`bad attributes of ${path}`);
  if (!/^\d+$/.test(String(entry.mtime)) || !/^\d+$/.test(String(entry.atime))) {
    return bad(`bad times of ${path}`);
  }
  if (kind === 'file') {
    if (
      !isNumber(entry.size) ||
      !isNumber(entry.offset) ||
      entry.offset + entry.size > dataLength
    ) {
      return bad(`contents of ${path} out of range`);
    }
  }
  if ((kind === 'symlink' || kind === 'hardlink') && typeof entry.target !== 'string') {
    return bad(`no target for ${path}`);
  }
  return entry as UpperChange;
}

export function decodeChangeSet(bytes: Uint8Array): UpperChangeSet {
  const header = MAGIC.length + 4;
  if (bytes.length < header || !MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new ChangeSetError('not a bocal change set');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const indexLength = view.getUint32(MAGIC.length, true);
  if (header + indexLength > bytes.length)
    throw new ChangeSetError('damaged change set: truncated');
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(bytes.subarray(header, header + indexLength)));
  } catch {
    throw new ChangeSetError('damaged change set: index is not JSON');
  }
  if (!Array.isArray(parsed)) throw new ChangeSetError('damaged change set: index is not a list');
  const data = bytes.slice(header + indexLength);
  return { entries: parsed.map((entry) => checkEntry(entry, data.length)), data };
}

function parentAndName(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [slash === 0 ? '/' : path.slice(0, slash), path.slice(slash + 1)];
}

/** Builds the upper tmpfs a change set describes (checked whole before anything is made). */
export function restoreUpper(set: UpperChangeSet, options: TmpfsOptions = {}): Tmpfs {
  const checked = set.entries.map((entry) => checkEntry(entry, set.data.length));
  const tmpfs = new Tmpfs({ rootMode: 0o755, ...options });
  const byPath = new Map<string, Inode>([['/', tmpfs.root]]);
  const fail = (why: string): never => {
    throw new ChangeSetError(`damaged change set: ${why}`);
  };
  const times: [Inode, UpperChange][] = [];
  for (const entry of checked) {
    const node = { mode: entry.mode, uid: entry.uid, gid: entry.gid, rdev: entry.rdev ?? 0 };
    if (entry.path === '/') {
      if (entry.kind !== 'directory') fail('the root is not a directory');
      Object.assign(tmpfs.root, { mode: S_IFDIR | entry.mode, uid: entry.uid, gid: entry.gid });
      if (entry.opaque) markOpaque(tmpfs.root);
      times.push([tmpfs.root, entry]);
      continue;
    }
    const [parentPath, name] = parentAndName(entry.path);
    const parent = byPath.get(parentPath);
    if (!parent?.isDirectory) return fail(`no directory for ${entry.path}`);
    if (byPath.has(entry.path) || name === OPAQUE_MARKER) return fail(`${entry.path} twice`);
    let inode: Inode;
    switch (entry.kind) {
      case 'directory':
        inode = parent.mkdir(name, { ...node, mode: S_IFDIR | entry.mode });
        if (entry.opaque) markOpaque(inode);
        break;
      case 'file': {
        inode = parent.create(name, { ...node, mode: S_IFREG | entry.mode });
        const start = entry.offset ?? 0;
        (inode as ByteContents).writeAt(0, set.data.subarray(start, start + (entry.size ?? 0)));
        break;
      }
      case 'symlink':
        inode = parent.symlink(name, entry.target ?? '', node);
        break;
      case 'hardlink': {
        const target = byPath.get(entry.target ?? '');
        if (!target || target.isDirectory) return fail(`bad hard link ${entry.path}`);
        parent.link(name, target);
        byPath.set(entry.path, target);
        continue;
      }
      case 'whiteout':
        inode = parent.mknod(name, { mode: S_IFCHR, uid: 0, gid: 0, rdev: 0 });
        break;
      default: {
        const type = { 'char-device': S_IFCHR, 'block-device': S_IFBLK, fifo: S_IFIFO }[entry.kind];
        if (type === S_IFCHR && !entry.rdev) return fail(`device ${entry.path} is a whiteout`);
        inode = parent.mknod(name, { ...node, mode: type | entry.mode });
      }
    }
    byPath.set(entry.path, inode);
    times.push([inode, entry]);
  }
  // Times last: making children changed their directories' mtimes.
  for (const [inode, entry] of times) {
    inode.mtime = BigInt(entry.mtime);
    inode.atime = BigInt(entry.atime);
  }
  return tmpfs;
}
