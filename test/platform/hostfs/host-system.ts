// A minimal kernel whose root is a hostfs on a fresh host temp directory,
// for running the VFS behaviour suite and escape tests through the syscall
// handlers (the same System the tmpfs tests use).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MountTable } from '../../../src/kernel/fs/mount.ts';
import { PreopenDirectory } from '../../../src/kernel/fs/preopen.ts';
import { Tmpfs } from '../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { FdTable } from '../../../src/kernel/proc/fd-table.ts';
import { Process } from '../../../src/kernel/proc/process.ts';
import { initialNamespaces } from '../../../src/kernel/ns/namespace-set.ts';
import { Uts } from '../../../src/kernel/uts.ts';
import { HostFileSystem } from '../../../src/platform/node/hostfs/hostfs.ts';
import type { System } from '../../kernel/fs/support/kernel.ts';

let nextPid = 500;
const scratchDirs: string[] = [];

/** A host temp directory (mode 755), removed by `removeScratch`. */
export function makeScratch(prefix = 'bocal-hostfs-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  scratchDirs.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface HostSystem extends System {
  hostfs: HostFileSystem;
  /** The host directory that is the guest's root. */
  hostDir: string;
}

/** A kernel whose root is `hostDir` (a new scratch directory by default). */
export function makeHostSystem(hostDir = makeScratch()): HostSystem {
  const hostfs = new HostFileSystem(hostDir);
  const mounts = new MountTable(hostfs, hostfs.root, { source: hostDir });
  const root = mounts.root.root;
  const namespaces = initialNamespaces(mounts, new Uts());
  return {
    hostfs,
    hostDir,
    // Unused here: System's tmpfs is for tests of the tmpfs-rooted system.
    tmpfs: new Tmpfs(),
    mounts,
    root,
    spawn(uid = 0, gid = uid) {
      const credentials = {
        ...rootCredentials(),
        ...{ uid, gid, euid: uid, egid: gid, suid: uid, sgid: gid },
      };
      const fds = new FdTable();
      fds.set(3, new PreopenDirectory(root));
      return new Process(nextPid++, ['test'], [], fds, root, root, credentials, namespaces);
    },
  };
}
