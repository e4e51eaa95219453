// A container's root filesystem as the kernel's overlay: the image's
// snapshots read-only below (their contents read lazily from the store),
// an "init" layer above them with the directories the runtime mounts on
// (Docker's <id>-init layer: /dev, /proc, /sys), and the container's
// writable layer on top: a new tmpfs, or the one a previous run left,
// rebuilt from its change set. The same object serves a running container
// (mounted) and a stopped one (diff, export, commit, cp read it unmounted).
import type { Clock } from '../../kernel/fs/filesystem.ts';
import {
  decodeChangeSet,
  exportUpper,
  encodeChangeSet,
  restoreUpper,
} from '../../kernel/fs/overlay/change-set.ts';
import {
  IndexedLowerTree,
  type EntryReader,
  type PathEntry,
} from '../../kernel/fs/overlay/indexed-lower-tree.ts';
import { diffEntries, lowerView, type DiffEntry } from '../../kernel/fs/overlay/layer-changes.ts';
import { lowerMtime, type LowerTree } from '../../kernel/fs/overlay/lower-tree.ts';
import { createOverlayRoot, type OverlayFs } from '../../kernel/fs/overlay/overlayfs.ts';
import { Tmpfs } from '../../kernel/fs/tmpfs/tmpfs.ts';
import { LayerFileCache } from './layer-file-cache.ts';
import type { ImageLayer, RootFilesystem, RootSpec } from '../runtime.ts';
import {
  archivePath,
  contentsOf,
  exportRoot,
  extractInto,
  layerTar,
  makeDirectories,
  walk,
} from './root-archive.ts';

/** Directories every container root has, whatever its image (mount points of the runtime). */
const INIT_DIRECTORIES = ['/dev', '/dev/pts', '/dev/shm', '/proc', '/sys', '/etc'];
/** Empty files of Docker's init layer (/etc/hostname and hosts are bind mounts there when it runs). */
const INIT_FILES = [
  '/.dockerenv',
  '/dev/console',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/resolv.conf',
];

/**
 * The layer under the image's: the directories the runtime mounts on when
 * the image lacks them, and with --init the docker-init program (box) at
 * /sbin/docker-init, through the image's /sbin symlink if it has one. Below
 * the image, so whatever the image has wins.
 */
function initLayer(imageLowers: readonly LowerTree[], initProgram?: Uint8Array): LowerTree {
  const directory = (path: string): PathEntry => ({
    path,
    type: 'directory',
    mode: 0o755,
    uid: 0,
    gid: 0,
    size: 0,
    mtime: 0,
  });
  const file = (path: string): PathEntry => ({ ...directory(path), type: 'file' });
  const entries: PathEntry[] = [
    ...INIT_DIRECTORIES.map(directory),
    ...INIT_FILES.map(file),
    { ...directory('/etc/mtab'), type: 'symlink', mode: 0o777, linkTarget: '/proc/mounts' },
  ];
  if (initProgram) {
    const sbin = lowerView(imageLowers, '/sbin');
    const target = sbin?.type === 'symlink' ? (sbin.linkTarget ?? 'sbin') : 'sbin';
    const where = `/${target.replace(/^\/+|\/+$/g, '')}/docker-init`.replace(/\/+/g, '/');
    entries.push({ ...directory(where), type: 'file', size: initProgram.length });
  }
  const tree = new IndexedLowerTree(entries, (entry, offset, length) =>
    initProgram && entry.path.endsWith('/docker-init')
      ? initProgram.subarray(offset, offset + length)
      : new Uint8Array(0),
  );
  return Object.assign(tree, { synchronous: true });
}

/** The init layer of containers without --init: the same for every image, made once. */
let plainInitLayer: LowerTree | undefined;

/** The init layer for a container (initLayer), shared by those without --init. */
function initLayerFor(imageLowers: readonly LowerTree[], initProgram?: Uint8Array): LowerTree {
  if (initProgram) return initLayer(imageLowers, initProgram);
  return (plainInitLayer ??= initLayer(imageLowers));
}

type LayerEntry = PathEntry & Parameters<ImageLayer['readFile']>[0];

/** One lower tree per snapshot, kept while the snapshot object lives (index built once). */
const lowerTrees = new WeakMap<ImageLayer, LowerTree>();
/** Whole files of image layers, shared by every container (layer-file-cache.ts). */
const layerFiles = new LayerFileCache();

function lowerTreeOf(layer: ImageLayer): LowerTree {
  let tree = lowerTrees.get(layer);
  if (!tree) {
    const entries = layer.entries.values() as Iterable<LayerEntry>;
    const id = layer.id;
    const read: EntryReader<LayerEntry> = (entry, offset, length) => {
      if (id === undefined) return layer.readFile(entry, offset, length);
      const key = `${id}:${entry.path}`;
      if (offset === 0 && length === entry.size) {
        return layerFiles.read(key, entry.size, () => layer.readFile(entry, offset, length));
      }
      // A part (exec's look at a program's first bytes) of a file read whole before.
      return layerFiles.slice(key, offset, length) ?? layer.readFile(entry, offset, length);
    };
    tree = new IndexedLowerTree(entries, read, id);
    lowerTrees.set(layer, tree);
  }
  return tree;
}

/** A new writable layer: its root takes the image's root attributes (Docker's upper dir does). */
function newWritableLayer(lowers: readonly LowerTree[], clock?: Clock): Tmpfs {
  const top = lowers.find((tree) => tree.entry('/')?.type === 'directory')?.entry('/');
  const upper = new Tmpfs({
    clock,
    rootMode: top ? top.mode : 0o755,
    uid: top?.uid ?? 0,
    gid: top?.gid ?? 0,
  });
  if (top) upper.root.mtime = lowerMtime(top);
  return upper;
}

export class ContainerFilesystem implements RootFilesystem {
  readonly fs: OverlayFs;
  readonly upper: Tmpfs;
  /** The image's layers, top first (without the init layer). */
  readonly imageLowers: readonly LowerTree[];

  constructor(root: RootSpec, clock?: Clock, initProgram?: Uint8Array) {
    this.imageLowers = [...root.layers].reverse().map(lowerTreeOf);
    this.upper = root.changes
      ? restoreUpper(decodeChangeSet(root.changes), { clock })
      : newWritableLayer(this.imageLowers, clock);
    this.fs = createOverlayRoot({
      lowers: [...this.imageLowers, initLayerFor(this.imageLowers, initProgram)],
      upper: this.upper,
      clock,
    }).fs;
  }

  /** The writable layer as one byte string (for the engine to keep). */
  async changes(): Promise<Uint8Array> {
    return encodeChangeSet(await exportUpper(this.fs));
  }

  /** `docker diff`'s lines, against the image's layers (not the init layer, as Docker). */
  async diff(): Promise<DiffEntry[]> {
    return diffEntries(this.imageLowers, (await exportUpper(this.fs)).entries);
  }

  /** `docker export`: the merged root as a tar. */
  exportTar(): Promise<Uint8Array> {
    return exportRoot(this.fs.root);
  }

  /** `docker commit`: the writable layer as an OCI layer tar. */
  async layerTar(): Promise<Uint8Array> {
    return layerTar(await exportUpper(this.fs));
  }

  /** `docker cp CONTAINER:PATH -`. */
  archive(path: string): Promise<Uint8Array> {
    return archivePath(this.fs.root, path);
  }

  kind(path: string): 'directory' | 'file' | 'other' | undefined {
    const inode = walk(this.fs.root, path);
    if (!inode) return undefined;
    return inode.isDirectory ? 'directory' : inode.isRegular ? 'file' : 'other';
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const inode = walk(this.fs.root, path);
    return inode?.isRegular ? contentsOf(inode) : undefined;
  }

  makeDirectory(path: string): void {
    makeDirectories(this.fs.root, path);
  }

  /** `docker cp - CONTAINER:PATH`. */
  extract(path: string, tar: Uint8Array): Promise<void> {
    return extractInto(this.fs.root, path, tar);
  }
}
