// An overlay inode: one object per file of the merged view, bound to the
// file's upper inode once it has one and to the topmost lower entry it came
// from. Attributes are read from the upper inode, else from the lower entry;
// changing one (chmod, chown, utimes) first copies the file up, parent
// directories first, as Linux's ovl_copy_up does. Only atime changes of a
// file not copied up stay here, as Linux does not copy up for reading.
//
// The object lives as long as the directory caches it, so st_ino stays the
// same across copy-up (Linux keeps the lower inode number there only with
// xino/index; we number overlay inodes ourselves, on the overlay's st_dev).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { Inode, type NewNode, type OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { encodeUtf8 } from '../../utf8.ts';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG } from '../stat.ts';
import { childPath, lowerMtime, type LowerEntry, type LowerTree } from './lower-tree.ts';
import type { OverlayFs } from './overlayfs.ts';

/** An entry of one lower layer. */
export interface LowerRef {
  tree: LowerTree;
  path: string;
  entry: LowerEntry;
}

export const TYPE_BITS: Record<LowerEntry['type'], number> = {
  file: S_IFREG,
  directory: S_IFDIR,
  symlink: S_IFLNK,
  'char-device': S_IFCHR,
  'block-device': S_IFBLK,
  fifo: S_IFIFO,
  whiteout: S_IFCHR,
};

/** The parent a node is reached through (an OverlayDirectory). */
export interface OverlayParent extends OverlayNode {
  copyUp(): void;
  readonly upper: Inode | undefined;
}

export class OverlayNode extends Inode {
  private ownAtime: bigint | undefined;
  /** The file type's S_IF* bits (a lower entry's mode has only permission bits). */
  private readonly typeBits: number;

  /**
   * Inode's attribute fields as views of the upper inode or lower entry.
   * One set of accessors shared by every node: a set of closures per node
   * (what this was) cost each lookup of a new name about 15 allocations,
   * and gave every node a shape of its own.
   */
  private static readonly attributeViews: PropertyDescriptorMap = {
    mode: {
      get(this: OverlayNode) {
        return this.upper ? this.upper.mode : this.typeBits | (this.lower?.entry.mode ?? 0);
      },
      set(this: OverlayNode, value: number) {
        this.writable().mode = value;
      },
    },
    uid: {
      get(this: OverlayNode) {
        return this.upper?.uid ?? this.lower?.entry.uid ?? 0;
      },
      set(this: OverlayNode, value: number) {
        this.writable().uid = value;
      },
    },
    gid: {
      get(this: OverlayNode) {
        return this.upper?.gid ?? this.lower?.entry.gid ?? 0;
      },
      set(this: OverlayNode, value: number) {
        this.writable().gid = value;
      },
    },
    mtime: {
      get(this: OverlayNode) {
        return this.upper?.mtime ?? this.lowerTime();
      },
      set(this: OverlayNode, value: bigint) {
        this.writable().mtime = value;
      },
    },
    ctime: {
      get(this: OverlayNode) {
        return this.upper?.ctime ?? this.lowerTime();
      },
      set(this: OverlayNode, value: bigint) {
        this.writable().ctime = value;
      },
    },
    atime: {
      get(this: OverlayNode) {
        return this.upper?.atime ?? this.ownAtime ?? this.lowerTime();
      },
      set(this: OverlayNode, value: bigint) {
        if (this.upper) this.upper.atime = value;
        else this.ownAtime = value;
      },
    },
    nlink: {
      get(this: OverlayNode) {
        return this.upper?.nlink ?? (this.isDirectory ? 2 : 1);
      },
      set(this: OverlayNode, value: number) {
        if (this.upper) this.upper.nlink = value;
      },
    },
  };

  constructor(
    readonly overlay: OverlayFs,
    type: number,
    public parent: OverlayParent | null,
    public name: string,
    public upper: Inode | undefined,
    /** The topmost lower entry this file comes from; kept after copy-up. */
    readonly lower: LowerRef | undefined,
  ) {
    super(overlay, type, 0, 0, upper?.rdev ?? lower?.entry.rdev ?? 0);
    this.typeBits = type;
    Object.defineProperties(this, OverlayNode.attributeViews);
  }

  private lowerTime(): bigint {
    return this.lower ? lowerMtime(this.lower.entry) : this.overlay.now();
  }

  /** The path from the overlay's root (for lower lookups; hard links keep their first name). */
  get path(): string {
    if (!this.parent || this.parent === this) return '/';
    return childPath(this.parent.path, this.name);
  }

  /** The upper inode, after copying up: for attribute changes. */
  private writable(): Inode {
    this.copyUp();
    return this.upper ?? fail(Errno.EROFS);
  }

  /** Makes the upper inode (parents first); contents are the file's business. */
  copyUp(): void {
    if (this.upper) return;
    const parent = this.parent ?? fail(Errno.EIO);
    parent.copyUp();
    const directory = parent.upper ?? fail(Errno.EROFS);
    const entry = this.lower?.entry ?? fail(Errno.EIO);
    const node: NewNode = { mode: this.mode, uid: entry.uid, gid: entry.gid, rdev: this.rdev };
    const upper = this.makeUpper(directory, node, entry);
    upper.mtime = lowerMtime(entry);
    upper.atime = this.ownAtime ?? upper.mtime;
    this.upper = upper;
    this.overlay.adopt(upper, this);
  }

  protected makeUpper(directory: Inode, node: NewNode, entry: LowerEntry): Inode {
    if (this.isSymlink) return directory.symlink(this.name, entry.linkTarget ?? '', node);
    return directory.mknod(this.name, node);
  }

  override get size(): number {
    if (this.upper) return this.upper.size;
    if (this.isSymlink) return encodeUtf8(this.lower?.entry.linkTarget ?? '').length;
    return this.lower?.entry.size ?? 0;
  }

  override readlink(): string {
    if (!this.isSymlink) return fail(Errno.EINVAL);
    return this.upper ? this.upper.readlink() : (this.lower?.entry.linkTarget ?? '');
  }

  /** Devices and fifos open through their upper node, copied up first (a lower one has no driver state). */
  override open(request: OpenRequest): OpenFile | Promise<OpenFile> {
    return this.writable().open(request);
  }
}
