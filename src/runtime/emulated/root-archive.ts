// Tar archives of a container's filesystem, as dockerd makes them: the
// merged root (`docker export`), the writable layer in OCI form (`docker
// commit`), a path and what is under it (`docker cp` out, GET .../archive),
// and the way back in (`docker cp` in, PUT .../archive). Read and written at
// the inode level as the daemon does (no permission checks: it is root),
// awaiting lazily read lower-layer contents.
import { packTar, unpackTar, type TarEntry } from 'modern-tar';
import { FIRST_ENTRY_COOKIE } from '../../kernel/fs/directory-file.ts';
import type { Inode } from '../../kernel/fs/inode.ts';
import type { UpperChangeSet } from '../../kernel/fs/overlay/change-set.ts';
import { ociLayerEntries } from '../../kernel/fs/overlay/layer-changes.ts';
import { RootPathError } from '../runtime.ts';
import type { ByteContents } from '../../kernel/fs/regular-file.ts';
import {
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
} from '../../kernel/fs/stat.ts';

/** Bytes of a regular file, waiting for lower-layer contents if need be. */
export async function contentsOf(inode: Inode): Promise<Uint8Array> {
  const ranged = inode as Partial<{
    readRange(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
  }>;
  if (typeof ranged.readRange === 'function')
    return (await ranged.readRange(0, inode.size)).slice();
  const bytes = inode as Partial<ByteContents>;
  return bytes.readAt ? bytes.readAt(0, inode.size).slice() : new Uint8Array(0);
}

const TAR_TYPES: Record<number, TarEntry['header']['type']> = {
  [S_IFREG]: 'file',
  [S_IFDIR]: 'directory',
  [S_IFLNK]: 'symlink',
  [S_IFCHR]: 'character-device',
  [S_IFBLK]: 'block-device',
  [S_IFIFO]: 'fifo',
};

/** Tar entries of `inode` and everything under it, named from `name` (parents first, names sorted). */
async function treeEntries(inode: Inode, name: string): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const firstName = new Map<Inode, string>();
  const visit = async (node: Inode, path: string): Promise<void> => {
    const type = TAR_TYPES[node.mode & S_IFMT] ?? 'file';
    const header = {
      name: type === 'directory' && path !== '' ? `${path}/` : path,
      mode: node.mode & 0o7777,
      uid: node.uid,
      gid: node.gid,
      uname: '',
      gname: '',
      mtime: new Date(Number(node.mtime / 1_000_000n)),
      size: 0,
    };
    const earlier = node.nlink > 1 && type !== 'directory' ? firstName.get(node) : undefined;
    if (earlier !== undefined) {
      entries.push({ header: { ...header, type: 'link', linkname: earlier } });
      return;
    }
    if (node.nlink > 1) firstName.set(node, path);
    if (type === 'file') {
      const body = await contentsOf(node);
      entries.push({ header: { ...header, type, size: body.length }, body });
    } else if (type === 'symlink') {
      entries.push({ header: { ...header, type, linkname: node.readlink() } });
    } else if (type === 'directory') {
      if (path !== '') entries.push({ header: { ...header, type } });
      const names = [...node.entries(FIRST_ENTRY_COOKIE)]
        .map((entry) => entry.name)
        .filter((child) => child !== '.' && child !== '..')
        .sort();
      for (const child of names) {
        const inode = node.lookup(child);
        if (inode) await visit(inode, path === '' ? child : `${path}/${child}`);
      }
    } else {
      entries.push({ header: { ...header, type } });
    }
  };
  await visit(inode, name);
  return entries;
}

/** `docker export`: the merged root as a tar (no leading `/`, parents first). */
export async function exportRoot(root: Inode): Promise<Uint8Array> {
  return packTar(await treeEntries(root, ''));
}

/** The writable layer as an OCI layer tar (`docker commit`). */
export async function layerTar(set: UpperChangeSet): Promise<Uint8Array> {
  const entries = ociLayerEntries(set).map((entry): TarEntry => {
    const header = {
      name: entry.type === 'directory' ? `${entry.name}/` : entry.name,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      uname: '',
      gname: '',
      mtime: new Date(entry.mtime * 1000),
      size: 0,
    };
    if (entry.type === 'file') {
      const body = entry.data ?? new Uint8Array(0);
      return { header: { ...header, type: 'file', size: body.length }, body };
    }
    if (entry.type === 'hardlink')
      return { header: { ...header, type: 'link', linkname: entry.linkName } };
    if (entry.type === 'symlink')
      return { header: { ...header, type: 'symlink', linkname: entry.linkName } };
    if (entry.type === 'directory') return { header: { ...header, type: 'directory' } };
    const type = entry.type === 'char-device' ? 'character-device' : entry.type;
    return { header: { ...header, type } };
  });
  return packTar(entries);
}

/** The inode at an absolute path of the root, following symlinks inside the root (not the last). */
export function walk(root: Inode, path: string, followLast = true, depth = 0): Inode | undefined {
  const names = path.split('/').filter((name) => name !== '' && name !== '.');
  const stack: Inode[] = [root];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const here = stack[stack.length - 1]!;
    if (name === '..') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (!here.isDirectory) return undefined;
    const next = here.lookup(name);
    if (!next) return undefined;
    const last = i === names.length - 1;
    if (next.isSymlink && (!last || followLast)) {
      if (depth > 40) return undefined;
      const target = next.readlink();
      const base = target.startsWith('/') ? '/' : `/${names.slice(0, i).join('/')}`;
      const resolved = walk(root, `${base}/${target}`, true, depth + 1);
      if (!resolved) return undefined;
      stack.push(resolved);
      continue;
    }
    stack.push(next);
  }
  return stack[stack.length - 1];
}

function baseName(path: string): string {
  const names = path.split('/').filter((name) => name !== '' && name !== '.');
  return names[names.length - 1] ?? '.';
}

/** `docker cp CONTAINER:PATH -`: a tar of PATH named by its base name (a directory with its contents). */
export async function archivePath(root: Inode, path: string): Promise<Uint8Array> {
  const inode = walk(root, path, path.endsWith('/') || path.endsWith('/.'));
  if (!inode) throw new RootPathError('not-found', `Could not find the file ${path} in container`);
  const name = path.endsWith('/.') ? '' : baseName(path);
  return packTar(await treeEntries(inode, name === '' ? '.' : name));
}

/** `mkdir -p PATH` in the root (root-owned, 0755); a non-directory on the way is an error. */
export function makeDirectories(root: Inode, path: string): void {
  let at = root;
  let prefix = '';
  for (const name of path.split('/').filter((n) => n !== '' && n !== '.')) {
    if (name === '..') throw new RootPathError('invalid', `invalid path ${path}`);
    prefix += `/${name}`;
    const next = walk(root, prefix) ?? at.mkdir(name, { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
    if (!next.isDirectory) throw new RootPathError('not-directory', `not a directory: ${path}`);
    at = next;
  }
}

/** Replaces or makes a regular file's contents (copying up from the image first on the overlay). */
async function writeContents(inode: Inode, data: Uint8Array): Promise<void> {
  const overlay = inode as Partial<{ materialise(): void | Promise<void> }>;
  if (typeof overlay.materialise === 'function') await overlay.materialise();
  inode.truncate(0);
  (inode as ByteContents).writeAt(0, data);
}

const TYPE_BITS: Record<string, number> = {
  'character-device': S_IFCHR,
  'block-device': S_IFBLK,
  fifo: S_IFIFO,
};

/** `docker cp - CONTAINER:PATH`: unpacks a tar into the directory at PATH (which must exist). */
export async function extractInto(root: Inode, path: string, tar: Uint8Array): Promise<void> {
  const directory = walk(root, path);
  if (!directory)
    throw new RootPathError('not-found', `Could not find the file ${path} in container`);
  if (!directory.isDirectory) {
    throw new RootPathError('not-directory', `extraction point is not a directory`);
  }
  let entries;
  try {
    entries = await unpackTar(tar);
  } catch (error) {
    throw new RootPathError('invalid', `Error processing tar file: ${String(error)}`);
  }
  for (const { header, data } of entries) {
    const names = header.name.split('/').filter((name) => name !== '' && name !== '.');
    if (names.length === 0 || names.includes('..')) continue;
    let parent = directory;
    for (const name of names.slice(0, -1)) {
      const next =
        parent.lookup(name) ?? parent.mkdir(name, { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
      if (!next.isDirectory)
        throw new RootPathError('invalid', `cannot overwrite non-directory ${name}`);
      parent = next;
    }
    const name = names[names.length - 1]!;
    const node = { mode: header.mode ?? 0o644, uid: header.uid ?? 0, gid: header.gid ?? 0 };
    const existing = parent.lookup(name);
    const type = header.type ?? 'file';
    if (type === 'directory') {
      if (existing?.isDirectory) continue;
      if (existing) parent.unlink(name);
      parent.mkdir(name, { ...node, mode: S_IFDIR | node.mode });
      continue;
    }
    if (existing?.isDirectory)
      throw new RootPathError('invalid', `cannot overwrite directory ${name}`);
    if (type === 'file') {
      const file = existing?.isRegular ? existing : undefined;
      if (existing && !file) parent.unlink(name);
      const target = file ?? parent.create(name, { ...node, mode: S_IFREG | node.mode });
      await writeContents(target, data ?? new Uint8Array(0));
    } else {
      if (existing) parent.unlink(name);
      if (type === 'symlink')
        parent.symlink(name, header.linkname ?? '', { ...node, mode: S_IFLNK | 0o777 });
      else if (type === 'link') {
        const target = walk(directory, header.linkname ?? '', false);
        if (target && !target.isDirectory) parent.link(name, target);
      } else if (TYPE_BITS[type])
        parent.mknod(name, { ...node, mode: TYPE_BITS[type] | node.mode });
    }
  }
}
