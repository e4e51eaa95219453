/// <reference types="vite/client" />
// The emulated host's root filesystem, bundled into the page by Vite from
// the repository's rootfs/host/ (Node reads the same files from disk:
// node/host-tree.ts).
import type { HostTree } from '../../kernel/boot/host/host-tree.ts';
import manifest from '../../../rootfs/host/manifest?raw';

const TREE = '../../../rootfs/host/tree';
const bundled = import.meta.glob('../../../rootfs/host/tree/**', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export function bundledHostTree(): HostTree {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(bundled)) files[path.slice(TREE.length)] = text;
  return { files, manifest };
}
