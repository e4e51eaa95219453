// tmpfs: a filesystem kept entirely in memory (Linux's shmem). The root
// directory is made with the filesystem; mount it with MountTable.
import { FileSystem, type Clock } from '../filesystem.ts';
import type { DeviceRegistry } from '../device.ts';
import { S_IFDIR } from '../stat.ts';
import { TmpfsDirectory } from './directory.ts';

export interface TmpfsOptions {
  clock?: Clock;
  /** Drivers that device nodes made here open; without, they answer ENXIO. */
  devices?: DeviceRegistry;
  /** The root directory's mode bits (tmpfs's `mode=` option; 1777 for /tmp). */
  rootMode?: number;
  uid?: number;
  gid?: number;
  /** The type /proc/mounts shows (`devtmpfs` for /dev, which Linux also builds on tmpfs). */
  type?: string;
}

export class Tmpfs extends FileSystem {
  readonly root: TmpfsDirectory;
  readonly devices: DeviceRegistry | undefined;

  constructor(options: TmpfsOptions = {}) {
    super(options.type ?? 'tmpfs', options.clock);
    this.devices = options.devices;
    const node = {
      mode: S_IFDIR | (options.rootMode ?? 0o755),
      uid: options.uid ?? 0,
      gid: options.gid ?? 0,
    };
    this.root = new TmpfsDirectory(this, node, null);
  }
}
