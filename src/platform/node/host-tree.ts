// The emulated host's root filesystem read from the repository's
// rootfs/host/ on disk (the page gets the same files bundled by Vite:
// browser/host-tree.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostTree } from '../../kernel/boot/host/host-tree.ts';

export const HOST_ROOTFS = fileURLToPath(new URL('../../../rootfs/host', import.meta.url));

export function readHostTree(dir = HOST_ROOTFS): HostTree {
  const files: Record<string, string> = {};
  const tree = join(dir, 'tree');
  for (const entry of readdirSync(tree, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(tree.length);
    files[path] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return { files, manifest: readFileSync(join(dir, 'manifest'), 'utf8') };
}
