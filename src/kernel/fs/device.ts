// Device drivers by number (Linux's chrdevs/blkdevs tables): a device node,
// in any filesystem, opens whatever driver is registered for its st_rdev.
// Like Linux, opening a node with no driver answers ENXIO.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { OpenRequest } from './inode.ts';
import type { OpenFile } from './open-file.ts';

export type DeviceOpener = (request: OpenRequest) => OpenFile | Promise<OpenFile>;

export class DeviceRegistry {
  private readonly drivers = new Map<number, DeviceOpener>();

  /** Registers the driver of device number `rdev` (see makedev in filesystem.ts). */
  register(rdev: number, open: DeviceOpener): void {
    this.drivers.set(rdev, open);
  }

  has(rdev: number): boolean {
    return this.drivers.has(rdev);
  }

  open(rdev: number, request: OpenRequest): OpenFile | Promise<OpenFile> {
    const open = this.drivers.get(rdev) ?? fail(Errno.ENXIO);
    return open(request);
  }
}
