// How the upper layer records deletions, as Linux's overlayfs does in its
// upperdir: a whiteout is a character device 0/0 with the deleted name. An
// opaque directory (one that hides all lower entries under it) is marked
// with an empty file named `.wh..wh..opq` inside it, the OCI layer form,
// because this kernel has no extended attributes for Linux's
// trusted.overlay.opaque; the overlay never shows that name.
import type { Inode } from '../inode.ts';
import { S_IFCHR, S_IFREG } from '../stat.ts';

export const OPAQUE_MARKER = '.wh..wh..opq';

export function isWhiteout(inode: Inode | undefined): boolean {
  return inode !== undefined && inode.type === S_IFCHR && inode.rdev === 0;
}

export function isOpaque(upperDirectory: Inode): boolean {
  return upperDirectory.lookup(OPAQUE_MARKER) !== undefined;
}

export function markOpaque(upperDirectory: Inode): void {
  if (!isOpaque(upperDirectory)) {
    upperDirectory.create(OPAQUE_MARKER, { mode: S_IFREG, uid: 0, gid: 0 });
  }
}

/** Puts a whiteout at `name`, replacing what the upper directory has there. */
export function makeWhiteout(upperDirectory: Inode, name: string): void {
  const existing = upperDirectory.lookup(name);
  if (existing?.isDirectory) {
    clearUpperDirectory(existing);
    upperDirectory.rmdir(name);
  } else if (existing) {
    upperDirectory.unlink(name);
  }
  upperDirectory.mknod(name, { mode: S_IFCHR, uid: 0, gid: 0, rdev: 0 });
}

/**
 * Removes the whiteouts and opaque marker of an upper directory the overlay
 * shows as empty, so that the directory itself can be removed or replaced.
 */
export function clearUpperDirectory(upperDirectory: Inode): void {
  const names = [...upperDirectory.entries(2n)].map((entry) => entry.name);
  for (const name of names) {
    const inode = upperDirectory.lookup(name);
    if (inode && !inode.isDirectory) upperDirectory.unlink(name);
  }
}
