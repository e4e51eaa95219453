// A dentry (Linux's `struct dentry` plus the mount of a `struct path`): a
// name in a parent directory, bound to an inode, seen through one mount.
// Process.root, Process.cwd and open directories hold dentries.
//
// Dentries are cached per parent so that a directory keeps one identity while
// it is someone's cwd; each use of the cache revalidates it against the
// directory (a cheap in-memory lookup), and rename and unlink update it, so a
// renamed cwd still reports its new path from getcwd.
import type { Caller, Inode } from './inode.ts';
import type { Mount } from './mount.ts';

export class Dentry {
  private readonly children = new Map<string, Dentry>();

  constructor(
    /** The name in the parent; `/` for the root of a mount. */
    public name: string,
    /** The parent in the same mount; null at the mount's root (see Mount.mountpoint). */
    public parent: Dentry | null,
    readonly inode: Inode,
    readonly mount: Mount,
  ) {}

  /** True at the root of its mount. */
  get isMountRoot(): boolean {
    return this.parent === null;
  }

  /** The child dentry for `name`, or undefined if the directory has no such entry. */
  child(name: string, caller?: Caller): Dentry | undefined {
    const inode = this.inode.lookup(name, caller);
    if (!inode) {
      this.children.delete(name);
      return undefined;
    }
    return this.childFor(name, inode);
  }

  /** The cached child dentry bound to `inode`, made if needed (after a create). */
  childFor(name: string, inode: Inode): Dentry {
    const cached = this.children.get(name);
    if (cached && cached.inode === inode) return cached;
    const dentry = new Dentry(name, this, inode, this.mount);
    this.children.set(name, dentry);
    return dentry;
  }

  /** Forgets the child `name` (after unlink or rmdir). */
  forget(name: string): void {
    this.children.delete(name);
  }

  /** Moves this dentry under `parent` as `name` (after rename(2)). */
  move(parent: Dentry, name: string): void {
    if (this.parent?.children.get(this.name) === this) this.parent.children.delete(this.name);
    parent.children.delete(name);
    parent.children.set(name, this);
    this.parent = parent;
    this.name = name;
  }

  /** True if `this` is `other` (same inode through the same mount). */
  same(other: Dentry): boolean {
    return this.inode === other.inode && this.mount === other.mount;
  }
}
