// Putting host directories into a kernel's mount table before programs
// start (what `bocal wasi --dir HOST::GUEST` does): a hostfs mounted at a
// guest path, made with `mkdir -p` if missing; or a host directory as the
// root every program spawned afterwards sees.
import { Errno } from '../../../kernel/abi/errno.ts';
import { makeDirectories } from '../../../kernel/boot/kernel-files.ts';
import { fail } from '../../../kernel/errors.ts';
import type { Kernel } from '../../../kernel/kernel.ts';
import type { Mount } from '../../../kernel/fs/mount.ts';
import { lookup } from '../../../kernel/fs/path-walk.ts';
import { vfsContext } from '../../../kernel/syscalls/fs-context.ts';
import { HostFileSystem } from './hostfs.ts';

/** The kernel filesystems a host root gets on top, where it has the directory. */
const KERNEL_MOUNTS = ['dev', 'proc', 'tmp'];

/**
 * Mounts host directory `hostPath` at absolute `guestPath` (created if
 * missing, in whatever filesystem holds its parent). Throws KernelError:
 * ENOENT/ENOTDIR for the host directory, the VFS's errors for the guest path.
 */
export function mountHostDirectory(kernel: Kernel, hostPath: string, guestPath: string): Mount {
  const fs = new HostFileSystem(hostPath);
  if (!guestPath.startsWith('/')) fail(Errno.EINVAL, `${guestPath}: not an absolute path`);
  makeDirectories(kernel.init, guestPath);
  const at = lookup(vfsContext(kernel.init), kernel.init.root, guestPath, true);
  return kernel.mounts.mount(at, fs, fs.root, { source: fs.hostRoot });
}

/**
 * Makes host directory `hostPath` the root of init, so of every process
 * spawned afterwards: the hostfs is mounted over the boot root (as
 * pivot_root would leave it), and the kernel's /dev, /proc and /tmp are
 * mounted on the host's `dev`, `proc` and `tmp` directories when it has
 * them; a host directory without them shows none (nothing is created on
 * the host for them).
 */
export function useHostDirectoryAsRoot(kernel: Kernel, hostPath: string): Mount {
  const fs = new HostFileSystem(hostPath);
  const bootRoot = kernel.mounts.root;
  const kernelMounts = kernel.mounts
    .list()
    .filter((m) => m.mountpoint?.mount === bootRoot && KERNEL_MOUNTS.includes(m.mountpoint.name));
  const mount = kernel.mounts.mount(bootRoot.root, fs, fs.root, { source: fs.hostRoot });
  for (const kernelMount of kernelMounts) {
    const point = mount.root.child(kernelMount.mountpoint!.name);
    if (!point?.inode.isDirectory) continue;
    kernel.mounts.mount(point, kernelMount.fs, kernelMount.rootInode, {
      source: kernelMount.source,
      readOnly: kernelMount.readOnly,
    });
  }
  kernel.init.root = mount.root;
  kernel.init.cwd = mount.root;
  return mount;
}
