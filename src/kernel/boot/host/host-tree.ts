// The emulated host's root filesystem as the repository holds it
// (rootfs/host/): the files of tree/ by path, and the manifest that gives
// what git cannot hold (empty directories, modes, owners). Platforms read
// it their own way (Vite bundles it for the page, Node reads the disk) and
// hand it to populateHostTree, which writes it into a kernel's root.
import { Errno } from '../../abi/errno.ts';
import { KernelError } from '../../errors.ts';
import { lookup } from '../../fs/path-walk.ts';
import { changeMode, changeOwner } from '../../fs/vfs/ownership.ts';
import type { Process } from '../../proc/process.ts';
import { vfsContext } from '../../syscalls/fs-context.ts';
import { encodeUtf8 } from '../../utf8.ts';
import { makeDirectories, writeFile } from '../kernel-files.ts';

export interface HostTree {
  /** Text files by absolute path in the host (`/etc/passwd`). */
  files: Record<string, string>;
  /** rootfs/host/manifest's text. */
  manifest: string;
}

export interface ManifestEntry {
  path: string;
  type: 'dir' | 'file';
  mode: number;
  uid: number;
  gid: number;
}

/** Parses the manifest; throws on a malformed line (it is part of the source tree). */
export function parseManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [path, type, mode, uid, gid, extra] = line.split(/\s+/);
    const bad = (why: string) => new Error(`rootfs manifest line ${index + 1}: ${why}: ${raw}`);
    if (extra !== undefined || gid === undefined) throw bad('expected PATH TYPE MODE UID GID');
    if (!path!.startsWith('/')) throw bad('the path is not absolute');
    if (type !== 'dir' && type !== 'file') throw bad('TYPE is dir or file');
    if (!/^[0-7]{3,4}$/.test(mode!)) throw bad('MODE is octal');
    if (!/^\d+$/.test(uid!) || !/^\d+$/.test(gid!)) throw bad('UID and GID are numbers');
    entries.push({
      path: path!,
      type,
      mode: parseInt(mode!, 8),
      uid: Number(uid),
      gid: Number(gid),
    });
  });
  return entries;
}

/**
 * Writes `tree` into the root of `as` (init): the manifest's directories,
 * then every file (0644, root), then the manifest's modes and owners.
 */
export async function populateHostTree(as: Process, tree: HostTree): Promise<void> {
  const entries = parseManifest(tree.manifest);
  for (const entry of entries) if (entry.type === 'dir') makeDirectories(as, entry.path);
  for (const path of Object.keys(tree.files).sort()) {
    makeDirectories(as, path.slice(0, path.lastIndexOf('/')) || '/');
    await writeFile(as, path, encodeUtf8(tree.files[path]!), 0o644);
  }
  const context = vfsContext(as);
  for (const entry of entries) {
    let dentry;
    try {
      dentry = lookup(context, as.root, entry.path, false);
    } catch (error) {
      if (error instanceof KernelError && error.errno === Errno.ENOENT) {
        throw new Error(`rootfs manifest: ${entry.path} is not in the tree`, { cause: error });
      }
      throw error;
    }
    if (dentry.inode.isDirectory !== (entry.type === 'dir')) {
      throw new Error(`rootfs manifest: ${entry.path} is not a ${entry.type}`);
    }
    changeOwner(as.credentials, dentry.inode, entry.uid, entry.gid, undefined);
    changeMode(as.credentials, dentry.inode, entry.mode, undefined);
  }
}
