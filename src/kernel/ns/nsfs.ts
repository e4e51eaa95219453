// nsfs (Linux's fs/nsfs.c): the inodes behind /proc/<pid>/ns/<kind>. Each
// namespace has one inode, whose number is the namespace's identity, so
// `stat -L /proc/self/ns/uts` shows the number `readlink` prints. Opening
// it gives a description that setns(2) accepts; reading one is EINVAL.
import { Errno } from '../abi/errno.ts';
import { Filetype } from '../abi/wasi.ts';
import { fail } from '../errors.ts';
import { FileSystem } from '../fs/filesystem.ts';
import { Inode, type OpenRequest } from '../fs/inode.ts';
import { OpenFile } from '../fs/open-file.ts';
import { S_IFREG, type Stat } from '../fs/stat.ts';
import type { Namespace } from './namespace.ts';

/** The one nsfs instance (never mounted; one anonymous device for every namespace). */
const nsfs = new FileSystem('nsfs');
const inodes = new WeakMap<Namespace, NamespaceInode>();

export class NamespaceInode extends Inode {
  constructor(readonly namespace: Namespace) {
    super(nsfs, S_IFREG | 0o444, 0, 0);
  }

  override stat(): Stat {
    return { ...super.stat(), ino: this.namespace.id };
  }

  override open(request: OpenRequest): OpenFile {
    if (request.writable) fail(Errno.EACCES);
    return new NamespaceFile(this);
  }
}

/** An open /proc/<pid>/ns/<kind>: holds the namespace for setns(2). */
export class NamespaceFile extends OpenFile {
  constructor(readonly inode: NamespaceInode) {
    super(true, false);
  }

  get namespace(): Namespace {
    return this.inode.namespace;
  }

  override get filetype(): Filetype {
    return Filetype.REGULAR_FILE;
  }

  override read(): Uint8Array {
    return fail(Errno.EINVAL);
  }

  override pread(): Uint8Array {
    return fail(Errno.EINVAL);
  }

  override stat(): Stat {
    return this.inode.stat();
  }
}

/** The nsfs inode of `namespace` (the same one every time). */
export function namespaceInode(namespace: Namespace): NamespaceInode {
  let inode = inodes.get(namespace);
  if (!inode) inodes.set(namespace, (inode = new NamespaceInode(namespace)));
  return inode;
}
