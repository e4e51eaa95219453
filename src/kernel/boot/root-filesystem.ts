// The root filesystem a kernel boots with: a tmpfs with the directories of
// the Filesystem Hierarchy Standard that programs expect, and /dev, /proc
// and /tmp mounted as on a Linux host.
import type { Cgroupfs } from '../fs/cgroupfs/cgroupfs.ts';
import { createDevfs } from '../fs/devfs/devfs.ts';
import type { RandomSource, TerminalFactory } from '../fs/devfs/devices.ts';
import { DeviceRegistry } from '../fs/device.ts';
import type { Clock } from '../fs/filesystem.ts';
import { MountTable } from '../fs/mount.ts';
import { createProcfs } from '../fs/procfs/procfs.ts';
import type { ProcfsSource } from '../fs/procfs/source.ts';
import { S_IFDIR } from '../fs/stat.ts';
import { Tmpfs } from '../fs/tmpfs/tmpfs.ts';
import type { SystemInfo } from '../fs/procfs/system-info.ts';
import { createSystemInfo } from './system-info.ts';

export interface RootFilesystemOptions {
  clock: Clock;
  random: RandomSource;
  procfs: ProcfsSource;
  terminals?: TerminalFactory;
  /** What /proc shows of the machine; by default from the clock, with createSystemInfo's defaults. */
  system?: SystemInfo;
  /** The cgroup v2 hierarchy to mount at /sys/fs/cgroup, if the kernel has one. */
  cgroupfs?: Cgroupfs;
}

const standardDirectories: [name: string, mode: number][] = [
  ['bin', 0o755],
  ['dev', 0o755],
  ['etc', 0o755],
  ['home', 0o755],
  ['proc', 0o555],
  ['root', 0o700],
  ['sys', 0o555],
  ['tmp', 0o1777],
  ['usr', 0o755],
  ['var', 0o755],
];

export function createRootFilesystem(options: RootFilesystemOptions): MountTable {
  const devices = new DeviceRegistry();
  const rootfs = new Tmpfs({ clock: options.clock, devices, type: 'rootfs' });
  const owner = { uid: 0, gid: 0 };
  for (const [name, mode] of standardDirectories) {
    rootfs.root.mkdir(name, { mode: S_IFDIR | mode, ...owner, rdev: 0 });
  }
  const mounts = new MountTable(rootfs, rootfs.root, { source: 'rootfs' });
  const at = (name: string) => mounts.root.root.child(name)!;
  const devfs = createDevfs({
    random: options.random,
    terminals: options.terminals,
    devices,
    clock: options.clock,
  });
  mounts.mount(at('dev'), devfs, devfs.root, { source: 'devtmpfs' });
  const bootTime = Number(options.clock() / 1_000_000n);
  const system =
    options.system ??
    createSystemInfo({ now: () => Number(options.clock() / 1_000_000n), bootTime });
  const procfs = createProcfs(options.procfs, system);
  mounts.mount(at('proc'), procfs, procfs.root, { source: 'proc' });
  const tmp = new Tmpfs({ clock: options.clock, devices, rootMode: 0o1777 });
  mounts.mount(at('tmp'), tmp, tmp.root, { source: 'tmpfs' });
  if (options.cgroupfs) mountCgroupfs(mounts, options.cgroupfs, options.clock);
  return mounts;
}

/**
 * /sys with the cgroup v2 hierarchy at /sys/fs/cgroup, mounted as systemd
 * mounts it. Where we differ: /sys is a tmpfs named `sysfs` holding only
 * fs/cgroup (Linux's sysfs describes devices and drivers; we have none).
 */
function mountCgroupfs(mounts: MountTable, cgroupfs: Cgroupfs, clock: Clock): void {
  const sys = mounts.root.root.child('sys')!;
  const sysfs = new Tmpfs({ clock, type: 'sysfs', rootMode: 0o555 });
  const fs = sysfs.root.mkdir('fs', { mode: S_IFDIR | 0o755, uid: 0, gid: 0, rdev: 0 });
  fs.mkdir('cgroup', { mode: S_IFDIR | 0o755, uid: 0, gid: 0, rdev: 0 });
  const hidden = { nosuid: true, nodev: true, noexec: true };
  const sysMount = mounts.mount(sys, sysfs, sysfs.root, { source: 'sysfs', ...hidden });
  const cgroupDir = sysMount.root.child('fs')!.child('cgroup')!;
  mounts.mount(cgroupDir, cgroupfs, cgroupfs.mountRootFor(undefined), {
    source: 'cgroup2',
    ...hidden,
  });
}
