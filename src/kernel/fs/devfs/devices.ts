// The devices of /dev, declared as a table: name, device number, mode, and
// driver. null, zero, full, random and urandom are here; tty and console
// come from a factory the kernel passes in (the tty layer is elsewhere).
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { DeviceOpener } from '../device.ts';
import { makedev } from '../filesystem.ts';
import { CharDevice, type CharDriver } from './char-device.ts';

/** Fills `bytes` with random bytes (crypto.getRandomValues on every platform we run on). */
export type RandomSource = (bytes: Uint8Array) => void;

/** Opens /dev/tty or /dev/console, or undefined if the kernel has none yet (then ENXIO). */
export type TerminalFactory = (name: 'tty' | 'console') => DeviceOpener | undefined;

export interface DeviceEntry {
  name: string;
  rdev: number;
  /** Permission bits of the node (type bits are S_IFCHR). */
  mode: number;
  open: DeviceOpener;
}

/** Largest read a random device answers in one call; Linux also returns short reads. */
const RANDOM_READ_LIMIT = 1 << 20;

function driver(read: CharDriver['read'], write: CharDriver['write']): DeviceOpener {
  return (request) => new CharDevice({ read, write }, request);
}

const accept = (data: Uint8Array): number => data.length;
const zeros = (length: number): Uint8Array => new Uint8Array(length);

export function deviceTable(random: RandomSource, terminals: TerminalFactory): DeviceEntry[] {
  const randomBytes = (length: number): Uint8Array => {
    const bytes = new Uint8Array(Math.min(length, RANDOM_READ_LIMIT));
    for (let offset = 0; offset < bytes.length; offset += 65536) {
      random(bytes.subarray(offset, Math.min(offset + 65536, bytes.length)));
    }
    return bytes;
  };
  const terminal =
    (name: 'tty' | 'console'): DeviceOpener =>
    (request) => {
      const open = terminals(name) ?? fail(Errno.ENXIO);
      return open(request);
    };
  return [
    { name: 'null', rdev: makedev(1, 3), mode: 0o666, open: driver(() => zeros(0), accept) },
    { name: 'zero', rdev: makedev(1, 5), mode: 0o666, open: driver(zeros, accept) },
    {
      name: 'full',
      rdev: makedev(1, 7),
      mode: 0o666,
      open: driver(zeros, () => fail(Errno.ENOSPC)),
    },
    { name: 'random', rdev: makedev(1, 8), mode: 0o666, open: driver(randomBytes, accept) },
    { name: 'urandom', rdev: makedev(1, 9), mode: 0o666, open: driver(randomBytes, accept) },
    { name: 'tty', rdev: makedev(5, 0), mode: 0o666, open: terminal('tty') },
    { name: 'console', rdev: makedev(5, 1), mode: 0o600, open: terminal('console') },
  ];
}

/** Symbolic links of /dev, as udev and Docker make them. */
export const deviceLinks: [name: string, target: string][] = [
  ['fd', '/proc/self/fd'],
  ['stdin', '/proc/self/fd/0'],
  ['stdout', '/proc/self/fd/1'],
  ['stderr', '/proc/self/fd/2'],
];
