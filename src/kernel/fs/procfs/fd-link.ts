// Where the magic link /proc/<pid>/fd/N leads (Linux's proc_fd_link): to the
// dentry the description was opened by, so that opening it opens that file
// again (a new description with its own offset, as on Linux); for a pipe, to
// its pipefs inode, which opens a new end on the same pipe (as on Linux).
//
// A description with no inode of ours (a host stream, a terminal opened
// without a path) leads to a stand-in inode whose open gives back *the same
// description*, shared like a dup: where we differ from Linux, which would
// reopen the underlying device; here there is nothing else to open.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import { Dentry } from '../dentry.ts';
import { dentryOfDescription } from '../description-dentry.ts';
import { DirectoryFile } from '../directory-file.ts';
import { FileSystem } from '../filesystem.ts';
import { Inode, type OpenRequest } from '../inode.ts';
import type { OpenFile } from '../open-file.ts';
import { PipeEnd } from '../pipe/pipe-end.ts';
import { PreopenDirectory } from '../preopen.ts';
import { NamespaceFile } from '../../ns/nsfs.ts';
import { S_IFCHR, S_IFMT, type Stat } from '../stat.ts';

function statOrUndefined(file: OpenFile): Stat | undefined {
  try {
    return file.stat();
  } catch {
    return undefined;
  }
}

/** Linux's anon_inodefs: the home of stand-in inodes (never mounted). */
const anonInodes = new FileSystem('anon_inodefs');

/** A stand-in for a description with no inode: stat shows the description, open shares it. */
class SharedDescriptionInode extends Inode {
  constructor(
    private readonly file: OpenFile,
    owner: { uid: number; gid: number },
  ) {
    const type = (statOrUndefined(file)?.mode ?? S_IFCHR) & S_IFMT;
    const access = (file.readable ? 0o444 : 0) | (file.writable ? 0o222 : 0);
    super(anonInodes, type | access, owner.uid, owner.gid);
  }

  override stat(): Stat {
    return this.file.stat();
  }

  override open(request: OpenRequest): OpenFile {
    if ((request.readable && !this.file.readable) || (request.writable && !this.file.writable)) {
      fail(Errno.EACCES);
    }
    return this.file;
  }
}

/** The process whose fd it is: its root (for the preopen) and ids (owner of stand-ins). */
export interface FdOwner {
  root: Dentry;
  uid: number;
  gid: number;
}

/** The dentry a walk through /proc/<pid>/fd/N (seen as `link`) jumps to. */
export function fdLinkTarget(file: OpenFile, link: Dentry, owner: FdOwner): Dentry {
  if (file instanceof PreopenDirectory) return owner.root;
  if (file instanceof DirectoryFile) return file.dentry;
  const dentry = dentryOfDescription(file);
  if (dentry) return dentry;
  if (file instanceof NamespaceFile) {
    return new Dentry(file.namespace.linkText, null, file.inode, link.mount);
  }
  if (file instanceof PipeEnd) {
    return new Dentry(`pipe:[${file.inode.ino}]`, null, file.inode, link.mount);
  }
  const inode = new SharedDescriptionInode(file, owner);
  return new Dentry('anon_inode', null, inode, link.mount);
}
