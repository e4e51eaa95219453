// A tmpfs symbolic link: its target, stored as given (never resolved here).
import { encodeUtf8 } from '../../utf8.ts';
import { Inode, type NewNode } from '../inode.ts';
import type { Tmpfs } from './tmpfs.ts';

export class TmpfsSymlink extends Inode {
  constructor(
    fs: Tmpfs,
    node: NewNode,
    private readonly target: string,
  ) {
    super(fs, node.mode, node.uid, node.gid);
  }

  override get size(): number {
    return encodeUtf8(this.target).length;
  }

  override readlink(): string {
    return this.target;
  }
}
