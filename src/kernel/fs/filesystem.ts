// A mounted-able filesystem instance (Linux's `struct super_block`): its
// device number, its inode numbering and its clock. Each filesystem type
// (tmpfs, devfs, procfs) makes one per mount source.

/** Nanoseconds since the epoch; filesystems take it at construction so tests can fix time. */
export type Clock = () => bigint;

export const systemClock: Clock = () => BigInt(Date.now()) * 1_000_000n;

let nextDevice = 1;

/** Linux's makedev(major, minor) in the 32-bit layout of old_encode_dev. */
export function makedev(major: number, minor: number): number {
  return ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
}

export class FileSystem {
  /** st_dev: unique per filesystem instance in this kernel (anonymous device, major 0). */
  readonly dev = makedev(0, nextDevice++);
  private nextIno = 1;

  constructor(
    /** The type's name as /proc/mounts shows it (`tmpfs`, `proc`, `devtmpfs`). */
    readonly type: string,
    readonly clock: Clock = systemClock,
  ) {}

  /** A fresh inode number, unique within this filesystem. */
  allocateIno(): number {
    return this.nextIno++;
  }

  now(): bigint {
    return this.clock();
  }
}
