// A directory of the overlay: its upper directory (once copied up) merged
// with the same path in the lower layers below it, top first, until an
// opaque directory, a whiteout or a non-directory ends the stack. Names are
// looked up upper first; a whiteout hides lower names; listings give each
// name once, upper first, each at a position that stays while it exists (so
// readdir cookies survive changes, as tmpfs's do). Changes go to the upper
// directory after copying it up; removing a name lower layers have leaves a
// whiteout, and a directory made where a whiteout was is opaque.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { DirectoryFile, FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import type { DirectoryEntry, Inode, NewNode, OpenRequest } from '../inode.ts';
import { S_IFCHR, S_IFDIR } from '../stat.ts';
import { childPath, type LowerEntry } from './lower-tree.ts';
import { OverlayNode, type LowerRef } from './node.ts';
import type { OverlayFs } from './overlayfs.ts';
import {
  clearUpperDirectory,
  isOpaque,
  isWhiteout,
  makeWhiteout,
  markOpaque,
  OPAQUE_MARKER,
} from './whiteout.ts';

/** What a name resolves to: its upper inode and/or its lower entries (top first). */
export interface Found {
  upper: Inode | undefined;
  lowers: LowerRef[];
}

export class OverlayDirectory extends OverlayNode {
  private readonly children = new Map<string, OverlayNode>();
  private readonly positions = new Map<string, bigint>();
  private nextPosition = FIRST_ENTRY_COOKIE;

  constructor(
    overlay: OverlayFs,
    parent: OverlayDirectory | null,
    name: string,
    upper: Inode | undefined,
    /** This directory in each lower layer it merges, top first. */
    public layers: LowerRef[],
  ) {
    super(overlay, S_IFDIR, parent, name, upper, layers[0]);
  }

  override get parentDirectory(): Inode {
    return this.parent ?? this;
  }

  /** Directories are copied up without contents: lower entries stay merged. */
  protected override makeUpper(directory: Inode, node: NewNode): Inode {
    return directory.mkdir(this.name, node);
  }

  private find(name: string): Found | undefined {
    if (name === OPAQUE_MARKER) return undefined;
    const upper = this.upper?.lookup(name);
    if (isWhiteout(upper)) return undefined;
    if (upper && !upper.isDirectory) return { upper, lowers: [] };
    const lowers: LowerRef[] = [];
    if (upper && isOpaque(upper)) return { upper, lowers };
    const path = childPath(this.path, name);
    for (const layer of this.layers) {
      const entry = layer.tree.entry(path);
      if (!entry) continue;
      if (entry.type === 'whiteout') break;
      const ref = { tree: layer.tree, path, entry };
      if (entry.type !== 'directory') {
        if (!upper && lowers.length === 0) lowers.push(ref);
        break;
      }
      lowers.push(ref);
      if (entry.opaque) break;
    }
    return upper || lowers.length > 0 ? { upper, lowers } : undefined;
  }

  override lookup(name: string): OverlayNode | undefined {
    const found = this.find(name);
    const cached = this.children.get(name);
    if (!found) {
      this.children.delete(name);
      return undefined;
    }
    const same = found.upper
      ? cached?.upper === found.upper
      : cached && !cached.upper && cached.lower?.entry === found.lowers[0]?.entry;
    if (cached && same) return cached;
    const node = this.overlay.nodeFor(this, name, found);
    this.children.set(name, node);
    return node;
  }

  /** True if a lower layer shows something at `name` (so removing it needs a whiteout). */
  private lowerHas(name: string): boolean {
    const path = childPath(this.path, name);
    for (const layer of this.layers) {
      const entry: LowerEntry | undefined = layer.tree.entry(path);
      if (entry) return entry.type !== 'whiteout';
    }
    return false;
  }

  /** The upper directory, copied up, with `name` free (a whiteout there is removed). */
  private prepare(name: string): { upper: Inode; hadWhiteout: boolean } {
    this.copyUp();
    const upper = this.upper ?? fail(Errno.EROFS);
    const existing = upper.lookup(name);
    if (isWhiteout(existing)) {
      upper.unlink(name);
      return { upper, hadWhiteout: true };
    }
    if (existing || this.find(name)) fail(Errno.EEXIST);
    return { upper, hadWhiteout: false };
  }

  private adopt(name: string, upper: Inode): OverlayNode {
    const node = this.overlay.nodeFor(this, name, { upper, lowers: [] });
    this.children.set(name, node);
    return node;
  }

  override create(name: string, node: NewNode): Inode {
    return this.adopt(name, this.prepare(name).upper.create(name, node));
  }

  override mkdir(name: string, node: NewNode): Inode {
    const { upper, hadWhiteout } = this.prepare(name);
    const made = upper.mkdir(name, node);
    if (hadWhiteout) markOpaque(made);
    return this.adopt(name, made);
  }

  override symlink(name: string, target: string, node: NewNode): Inode {
    return this.adopt(name, this.prepare(name).upper.symlink(name, target, node));
  }

  override mknod(name: string, node: NewNode): Inode {
    return this.adopt(name, this.prepare(name).upper.mknod(name, node));
  }

  override link(name: string, inode: Inode): void {
    if (!(inode instanceof OverlayNode) || inode.overlay !== this.overlay) fail(Errno.EXDEV);
    inode.copyUp();
    const { upper } = this.prepare(name);
    upper.link(name, inode.upper ?? fail(Errno.EIO));
    this.children.set(name, inode);
  }

  /** Removes `name` from the upper directory and whites it out if a lower layer has it. */
  private removeName(name: string, child: OverlayNode): void {
    this.copyUp();
    const upper = this.upper ?? fail(Errno.EROFS);
    if (this.lowerHas(name)) {
      makeWhiteout(upper, name);
    } else if (child.upper?.isDirectory) {
      clearUpperDirectory(child.upper);
      upper.rmdir(name);
    } else if (child.upper) {
      upper.unlink(name);
    }
    this.children.delete(name);
  }

  override unlink(name: string): void {
    const child = this.lookup(name) ?? fail(Errno.ENOENT);
    if (child.isDirectory) fail(Errno.EISDIR);
    this.removeName(name, child);
  }

  override rmdir(name: string): void {
    const child = this.lookup(name) ?? fail(Errno.ENOENT);
    if (!child.isDirectory) fail(Errno.ENOTDIR);
    if (child.hasEntries) fail(Errno.ENOTEMPTY);
    this.removeName(name, child);
  }

  /**
   * rename(2): a directory that lower layers have cannot move (EXDEV, as
   * Linux without redirect_dir, so `mv` falls back to copying); anything
   * else is copied up and moved in the upper layer, leaving a whiteout
   * where a lower name was, and a directory moved into a merged directory
   * becomes opaque.
   */
  override rename(name: string, newDirectory: Inode, newName: string): void {
    if (!(newDirectory instanceof OverlayDirectory) || newDirectory.overlay !== this.overlay) {
      fail(Errno.EXDEV);
    }
    const child = this.lookup(name) ?? fail(Errno.ENOENT);
    if (child instanceof OverlayDirectory && child.layers.length > 0) fail(Errno.EXDEV);
    const target = newDirectory.lookup(newName);
    if (target === child) return;
    if (target?.isDirectory && target.hasEntries) fail(Errno.ENOTEMPTY);
    child.copyUp();
    this.copyUp();
    newDirectory.copyUp();
    const from = this.upper ?? fail(Errno.EROFS);
    const to = newDirectory.upper ?? fail(Errno.EROFS);
    const sourceInLower = this.lowerHas(name);
    const replaced = to.lookup(newName);
    if (isWhiteout(replaced)) to.unlink(newName);
    else if (replaced?.isDirectory) clearUpperDirectory(replaced);
    from.rename(name, to, newName);
    // As Linux's ovl_rename: a directory moved into a merged one is made opaque,
    // so lower entries that have or will have its new name never show through.
    if (child.isDirectory && newDirectory.layers.length > 0) {
      markOpaque(child.upper ?? fail(Errno.EIO));
    }
    if (sourceInLower) makeWhiteout(from, name);
    this.children.delete(name);
    newDirectory.children.set(newName, child);
    if (child.isDirectory || child.parent === this) {
      child.parent = newDirectory;
      child.name = newName;
    }
  }

  /** The names the merged directory shows, in listing order. */
  private names(): string[] {
    const shown: string[] = [];
    const seen = new Set<string>();
    const upper = this.upper;
    if (upper) {
      for (const { name, type } of upper.entries(FIRST_ENTRY_COOKIE)) {
        if (name === OPAQUE_MARKER) continue;
        seen.add(name);
        if (type !== S_IFCHR || !isWhiteout(upper.lookup(name))) shown.push(name);
      }
    }
    const path = this.path;
    for (const layer of this.layers) {
      for (const name of layer.tree.names(path)) {
        if (seen.has(name)) continue;
        seen.add(name);
        if (layer.tree.entry(childPath(path, name))?.type !== 'whiteout') shown.push(name);
      }
    }
    return shown;
  }

  override get hasEntries(): boolean {
    return this.names().length > 0;
  }

  override *entries(cookie: bigint): Generator<DirectoryEntry> {
    const listed: { name: string; position: bigint }[] = [];
    const names = this.names();
    // Names gone for good give back their positions (a new one gets a new position, as in tmpfs).
    if (this.positions.size > names.length) {
      const present = new Set(names);
      for (const name of this.positions.keys()) if (!present.has(name)) this.positions.delete(name);
    }
    for (const name of names) {
      let position = this.positions.get(name);
      if (position === undefined) {
        position = this.nextPosition++;
        this.positions.set(name, position);
      }
      if (position >= cookie) listed.push({ name, position });
    }
    listed.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    for (const { name, position } of listed) {
      const node = this.lookup(name);
      if (node) yield { name, ino: node.ino, type: node.type, next: position + 1n };
    }
  }

  override open(request: OpenRequest): DirectoryFile {
    return new DirectoryFile(request.dentry, request.flags);
  }
}
