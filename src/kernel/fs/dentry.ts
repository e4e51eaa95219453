// PLACEHOLDER until the VFS lands: a name in a directory, bound to an inode
// in a mount. The VFS work replaces this file.
export class Dentry {
  constructor(
    readonly name: string,
    readonly parent: Dentry | null,
  ) {}
}
