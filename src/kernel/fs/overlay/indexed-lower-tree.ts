// A LowerTree over a flat list of entries with their paths (an image
// snapshot's index): the runtime builds one per snapshot with a reader of
// its data blob. Parents the list does not name are directories (0755,
// root), as a layer's implicit parents are.
import type { LowerEntry, LowerTree } from './lower-tree.ts';

export interface PathEntry extends LowerEntry {
  path: string;
}

export type EntryReader<E extends PathEntry> = (
  entry: E,
  offset: number,
  length: number,
) => Uint8Array | Promise<Uint8Array>;

const IMPLICIT_DIRECTORY: LowerEntry = {
  type: 'directory',
  mode: 0o755,
  uid: 0,
  gid: 0,
  size: 0,
  mtime: 0,
};

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export class IndexedLowerTree<E extends PathEntry> implements LowerTree {
  private readonly byPath = new Map<string, LowerEntry>();
  private readonly originals = new Map<string, E>();
  private readonly children = new Map<string, Set<string>>();

  constructor(
    entries: Iterable<E>,
    private readonly reader: EntryReader<E>,
    readonly contentId?: string,
  ) {
    this.byPath.set('/', IMPLICIT_DIRECTORY);
    for (const entry of entries) {
      if (!entry.path.startsWith('/')) continue;
      this.byPath.set(entry.path, entry);
      this.originals.set(entry.path, entry);
      this.addParents(entry.path);
    }
  }

  private addParents(path: string): void {
    for (let child = path; child !== '/';) {
      const parent = parentOf(child);
      let names = this.children.get(parent);
      if (!names) this.children.set(parent, (names = new Set()));
      const name = child.slice(parent === '/' ? 1 : parent.length + 1);
      if (names.has(name)) return;
      names.add(name);
      if (!this.byPath.has(parent)) this.byPath.set(parent, IMPLICIT_DIRECTORY);
      child = parent;
    }
  }

  entry(path: string): LowerEntry | undefined {
    return this.byPath.get(path);
  }

  names(path: string): Iterable<string> {
    return this.children.get(path) ?? [];
  }

  read(path: string, offset: number, length: number): Uint8Array | Promise<Uint8Array> {
    const entry = this.originals.get(path);
    if (!entry || entry.type !== 'file') return new Uint8Array(0);
    const end = Math.min(entry.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    return this.reader(entry, offset, end - offset);
  }
}
