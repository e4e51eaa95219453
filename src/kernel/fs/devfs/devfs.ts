// /dev: a tmpfs (as Linux's devtmpfs is) filled from the device table, whose
// drivers are registered in a DeviceRegistry, so device nodes made later by
// mknod, here or in any tmpfs sharing the registry, open the same drivers.
import { DeviceRegistry } from '../device.ts';
import type { Clock } from '../filesystem.ts';
import { S_IFCHR } from '../stat.ts';
import { Tmpfs } from '../tmpfs/tmpfs.ts';
import { deviceLinks, deviceTable, type RandomSource, type TerminalFactory } from './devices.ts';

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
  for (const [name, target] of deviceLinks)
    root.symlink(name, target, { mode: 0o777, uid: 0, gid: 0 });
  root.mkdir('pts', { mode: 0o755, uid: 0, gid: 0 });
  root.mkdir('shm', { mode: 0o1777, uid: 0, gid: 0 });
  return devfs;
}
