// A LowerTree over a directory of the VFS (mount(2)'s `lowerdir=`): the
// directory's own filesystem only, as Linux's overlayfs does not cross
// mounts below a lower directory. A 0/0 character device there is a
// whiteout and a directory holding `.wh..wh..opq` is opaque, so an upper
// directory of another overlay stacks as a lower one.
import { FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import type { Inode } from '../inode.ts';
import type { ByteContents } from '../regular-file.ts';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG } from '../stat.ts';
import type { LowerEntry, LowerEntryType, LowerTree } from './lower-tree.ts';
import { isOpaque, isWhiteout, OPAQUE_MARKER } from './whiteout.ts';

const TYPES: Record<number, LowerEntryType> = {
  [S_IFREG]: 'file',
  [S_IFDIR]: 'directory',
  [S_IFLNK]: 'symlink',
  [S_IFCHR]: 'char-device',
  [S_IFBLK]: 'block-device',
  [S_IFIFO]: 'fifo',
};

export class InodeLowerTree implements LowerTree {
  readonly synchronous = true;

  constructor(private readonly root: Inode) {}

  private find(path: string): Inode | undefined {
    let current: Inode | undefined = this.root;
    for (const name of path.split('/')) {
      if (name === '') continue;
      if (!current?.isDirectory || name === OPAQUE_MARKER) return undefined;
      current = current.lookup(name);
    }
    return current;
  }

  entry(path: string): LowerEntry | undefined {
    const inode = this.find(path);
    if (!inode) return undefined;
    const type = isWhiteout(inode) ? 'whiteout' : TYPES[inode.type];
    if (!type) return undefined;
    return {
      type,
      mode: inode.mode & 0o7777,
      uid: inode.uid,
      gid: inode.gid,
      size: inode.size,
      mtime: Number(inode.mtime / 1_000_000_000n),
      mtimeNs: inode.mtime,
      linkTarget: inode.isSymlink ? inode.readlink() : undefined,
      opaque: inode.isDirectory && isOpaque(inode),
      rdev: inode.rdev,
    };
  }

  names(path: string): Iterable<string> {
    const inode = this.find(path);
    if (!inode?.isDirectory) return [];
    return [...inode.entries(FIRST_ENTRY_COOKIE)]
      .map((entry) => entry.name)
      .filter((name) => name !== OPAQUE_MARKER);
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const inode = this.find(path) as Partial<ByteContents> | undefined;
    if (typeof inode?.readAt !== 'function') return new Uint8Array(0);
    return inode.readAt(offset, length).slice();
  }
}
