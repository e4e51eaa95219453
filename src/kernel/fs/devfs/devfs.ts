// /dev: a tmpfs (as Linux's devtmpfs is) filled from the device table, whose
// drivers are registered in a DeviceRegistry, so device nodes made later by
// mknod, here or in any tmpfs sharing the registry, open the same drivers.
import { DeviceRegistry } from '../device.ts';
import type { Clock } from '../filesystem.ts';
import { S_IFCHR } from '../stat.ts';
import { Tmpfs } from '../tmpfs/tmpfs.ts';
import { deviceLinks, deviceTable, type RandomSource, type TerminalFactory } from './devices.ts';
import { KernelLog } from './kmsg.ts';
import { makedev } from '../filesystem.ts';

export interface DevfsOptions {
  random: RandomSource;
  /** Opens tty and console; without, they answer ENXIO. */
  terminals?: TerminalFactory;
  /** Where drivers are registered; a new registry if not given. */
  devices?: DeviceRegistry;
  clock?: Clock;
}

export function createDevfs(options: DevfsOptions): Tmpfs {
  const devices = options.devices ?? new DeviceRegistry();
  const devfs = new Tmpfs({ type: 'devtmpfs', devices, clock: options.clock, rootMode: 0o755 });
  const root = devfs.root;
  for (const entry of deviceTable(options.random, options.terminals ?? (() => undefined))) {
    devices.register(entry.rdev, entry.open);
    root.mknod(entry.name, { mode: S_IFCHR | entry.mode, uid: 0, gid: 0, rdev: entry.rdev });
  }
  // /dev/kmsg (1:11, root-writable as on Linux): the kernel's log ring.
  const log = new KernelLog(options.clock ?? (() => BigInt(Date.now()) * 1_000_000n));
  devices.register(makedev(1, 11), log.open);
  root.mknod('kmsg', { mode: S_IFCHR | 0o644, uid: 0, gid: 0, rdev: makedev(1, 11) });
  for (const [name, target] of deviceLinks)
    root.symlink(name, target, { mode: 0o777, uid: 0, gid: 0 });
  root.mkdir('pts', { mode: 0o755, uid: 0, gid: 0 });
  root.mkdir('shm', { mode: 0o1777, uid: 0, gid: 0 });
  return devfs;
}
