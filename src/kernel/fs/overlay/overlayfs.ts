// The overlay filesystem (Linux's overlayfs): read-only lower layers, top
// first, under one writable upper directory. A container's root is one
// (createOverlayRoot), and mount(2) makes one from VFS directories
// (`mount -t overlay overlay -o lowerdir=/l1:/l2,upperdir=/u,workdir=/w /m`).
// See docs/overlay.md for what differs from Linux.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { FileSystem, type Clock } from '../filesystem.ts';
import type { Inode } from '../inode.ts';
import { S_IFDIR, S_IFREG } from '../stat.ts';
import { Tmpfs } from '../tmpfs/tmpfs.ts';
import { OverlayDirectory, type Found } from './directory.ts';
import { OverlayFileNode } from './file.ts';
import { lowerMtime, type LowerTree } from './lower-tree.ts';
import { OverlayNode, TYPE_BITS, type LowerRef } from './node.ts';
import { isOpaque } from './whiteout.ts';

export class OverlayFs extends FileSystem {
  readonly root: OverlayDirectory;
  /** The overlay inode of each upper inode, so hard links share one. */
  private readonly byUpper = new WeakMap<Inode, OverlayNode>();
  /** Copied-up files whose upper inode still lacks (some of) the lower bytes. */
  readonly pending = new Set<OverlayFileNode>();

  constructor(
    /** Lower layers, top first. */
    readonly lowers: readonly LowerTree[],
    /** The upper directory (a tmpfs directory: an upperdir, or a container's writable layer). */
    readonly upper: Inode,
    clock?: Clock,
  ) {
    super('overlay', clock);
    if (!upper.isDirectory) fail(Errno.ENOTDIR);
    const layers: LowerRef[] = [];
    if (!isOpaque(upper)) {
      for (const tree of lowers) {
        const entry = tree.entry('/');
        if (entry?.type !== 'directory') continue;
        layers.push({ tree, path: '/', entry });
        if (entry.opaque) break;
      }
    }
    this.root = new OverlayDirectory(this, null, '/', upper, layers);
    this.byUpper.set(upper, this.root);
  }

  /** Completes every copy-up, so the upper directory holds all its files' bytes (before export). */
  async flush(): Promise<void> {
    for (const node of [...this.pending]) await node.materialise();
  }

  /** Records that `node` is now backed by `upper` (after copy-up). */
  adopt(upper: Inode, node: OverlayNode): void {
    this.byUpper.set(upper, node);
  }

  /** The overlay inode for a name a directory found. */
  nodeFor(parent: OverlayDirectory, name: string, found: Found): OverlayNode {
    const known = found.upper && this.byUpper.get(found.upper);
    if (known) return known;
    const top = found.lowers[0];
    const type = found.upper ? found.upper.type : TYPE_BITS[top?.entry.type ?? 'file'];
    let node: OverlayNode;
    if (type === S_IFDIR) {
      node = new OverlayDirectory(this, parent, name, found.upper, found.lowers);
    } else if (type === S_IFREG) {
      node = new OverlayFileNode(this, type, parent, name, found.upper, top);
    } else {
      node = new OverlayNode(this, type, parent, name, found.upper, top);
    }
    if (found.upper) this.byUpper.set(found.upper, node);
    return node;
  }
}

export interface OverlayRootOptions {
  /** The image's layers, top first. */
  lowers: readonly LowerTree[];
  /** The container's writable layer; a new empty tmpfs when not given (or restoreUpper's). */
  upper?: Tmpfs;
  clock?: Clock;
}

/** A container's root filesystem: mount `fs.root` (e.g. `new MountTable(fs, fs.root)`). */
export function createOverlayRoot(options: OverlayRootOptions): { fs: OverlayFs; upper: Tmpfs } {
  let upper = options.upper;
  if (!upper) {
    // A new writable layer's root takes the image's root attributes (Linux
    // keeps the upperdir's own; a container's upper is made for it).
    const top = options.lowers.find((tree) => tree.entry('/')?.type === 'directory')?.entry('/');
    upper = new Tmpfs({
      clock: options.clock,
      rootMode: top ? top.mode : 0o755,
      uid: top?.uid ?? 0,
      gid: top?.gid ?? 0,
    });
    if (top) upper.root.mtime = lowerMtime(top);
  }
  return { fs: new OverlayFs(options.lowers, upper.root, options.clock ?? upper.clock), upper };
}
