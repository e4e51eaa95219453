// The inodes of procfs, made from table entries. Each knows its entry and
// the pid directory it is in; what it shows is computed per call from the
// caller, so /proc/self and the list of pids differ between processes.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { FileSystem } from '../filesystem.ts';
import { Inode, type Caller, type DirectoryEntry, type OpenRequest } from '../inode.ts';
import type { Dentry } from '../dentry.ts';
import type { OpenFile } from '../open-file.ts';
import { DirectoryFile, FIRST_ENTRY_COOKIE } from '../directory-file.ts';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../stat.ts';
import { encodeUtf8 } from '../../utf8.ts';
import { GeneratedFile } from './generated-file.ts';
import type { ProcContext, ProcEntry } from './table.ts';
import type { ProcfsSource } from './source.ts';

export class Procfs extends FileSystem {
  private readonly inodes = new Map<string, ProcInode>();
  readonly root: ProcInode;

  constructor(
    readonly source: ProcfsSource,
    rootEntry: ProcEntry,
    /** Makes a procfs of the same machine over another source (a mount in another pid namespace). */
    readonly withSource: (source: ProcfsSource) => Procfs = () => this,
  ) {
    super('proc');
    this.root = new ProcInode(this, rootEntry, '', undefined, undefined);
  }

  /** The inode for `key`, the same while its entry keeps its type (stable inode numbers). */
  inodeFor(key: string, entry: ProcEntry, pid: number | undefined, parent: ProcInode): ProcInode {
    const cached = this.inodes.get(key);
    if (cached && cached.entry.type === entry.type) {
      cached.entry = entry;
      return cached;
    }
    const inode = new ProcInode(this, entry, key, pid, parent);
    this.inodes.set(key, inode);
    return inode;
  }
}

function modeOf(entry: ProcEntry): number {
  if (entry.type === 'symlink') return S_IFLNK | 0o777;
  if (entry.type === 'directory') return S_IFDIR | (entry.mode ?? 0o555);
  return S_IFREG | (entry.mode ?? 0o444);
}

export class ProcInode extends Inode {
  constructor(
    private readonly procfs: Procfs,
    public entry: ProcEntry,
    private readonly key: string,
    /** The pid of the /proc/<pid> directory this is in (as the caller numbers it). */
    private readonly pid: number | undefined,
    parent: ProcInode | undefined,
  ) {
    super(procfs, modeOf(entry));
    this.parent = parent ?? this;
    if (entry.type === 'directory') this.nlink = 2;
  }

  private readonly parent: ProcInode;

  override get parentDirectory(): Inode {
    return this.parent;
  }

  private context(caller: Caller | undefined): ProcContext {
    const source = this.procfs.source;
    if (this.pid === undefined) return { caller, source, process: undefined };
    const process = caller?.pid === undefined ? undefined : source.process(caller.pid, this.pid);
    if (!process) fail(Errno.ENOENT);
    this.uid = process.uid;
    this.gid = process.gid;
    return { caller, source, process };
  }

  private list(caller: Caller | undefined): ReadonlyMap<string, ProcEntry> {
    if (this.entry.type !== 'directory') return fail(Errno.ENOTDIR);
    return this.entry.list(this.context(caller));
  }

  private child(name: string, entry: ProcEntry): ProcInode {
    const pid = entry.type === 'directory' && entry.pid !== undefined ? entry.pid : this.pid;
    const inode = this.procfs.inodeFor(`${this.key}/${name}`, entry, pid, this);
    // Files of a pid directory belong to its process (set when this directory
    // was listed), before the walk checks permission on them (fd/ is 0500).
    if (pid !== undefined && pid === this.pid) {
      inode.uid = this.uid;
      inode.gid = this.gid;
    }
    return inode;
  }

  override lookup(name: string, caller?: Caller): Inode | undefined {
    const entry = this.list(caller).get(name);
    return entry ? this.child(name, entry) : undefined;
  }

  override *entries(cookie: bigint, caller?: Caller): Generator<DirectoryEntry> {
    let position = FIRST_ENTRY_COOKIE;
    for (const [name, entry] of this.list(caller)) {
      if (position >= cookie) {
        const inode = this.child(name, entry);
        yield { name, ino: inode.ino, type: inode.type, next: position + 1n };
      }
      position++;
    }
  }

  override get hasEntries(): boolean {
    return this.entry.type === 'directory';
  }

  override readlink(caller?: Caller): string {
    if (this.entry.type !== 'symlink') return fail(Errno.EINVAL);
    return this.entry.target(this.context(caller));
  }

  override magicLink(link: Dentry, caller?: Caller): Dentry | undefined {
    if (this.entry.type !== 'symlink' || !this.entry.jump) return undefined;
    return this.entry.jump(this.context(caller), link);
  }

  override open(request: OpenRequest): OpenFile {
    if (this.entry.type === 'directory') return new DirectoryFile(request.dentry, request.flags);
    if (this.entry.type !== 'file') return fail(Errno.ELOOP);
    const entry = this.entry;
    if (request.writable && !entry.write) fail(Errno.EACCES);
    const caller = { root: request.dentry.mount.root, credentials: request.credentials };
    const context = this.context(request.caller ?? caller);
    const text = request.readable ? entry.read(context) : '';
    const bytes = typeof text === 'string' ? encodeUtf8(text) : text;
    const write = request.writable
      ? (data: Uint8Array, offset: number) => entry.write?.(context, data, offset)
      : undefined;
    return new GeneratedFile(bytes, request.dentry, request.flags, write, request.readable);
  }

  // proc_setattr and proc_sys_setattr ignore a size: `echo 1 > /proc/...` opens with O_TRUNC.
  override truncate(): void {
    if (this.entry.type === 'directory') fail(Errno.EISDIR);
  }

  // procfs has no writable directories: Linux answers ENOENT to creating names here.
  override create(): Inode {
    return fail(Errno.ENOENT);
  }
  override mkdir(): Inode {
    return fail(Errno.ENOENT);
  }
  override symlink(): Inode {
    return fail(Errno.ENOENT);
  }
  override mknod(): Inode {
    return fail(Errno.ENOENT);
  }
  override link(): void {
    fail(Errno.ENOENT);
  }
  override unlink(): void {
    fail(this.entry.type === 'directory' ? Errno.EACCES : Errno.ENOTDIR);
  }
  override rmdir(): void {
    fail(this.entry.type === 'directory' ? Errno.EACCES : Errno.ENOTDIR);
  }
  override rename(): void {
    fail(this.entry.type === 'directory' ? Errno.EACCES : Errno.ENOTDIR);
  }
}
