// Whole reads and writes at an offset on a host fd (pread/pwrite loops):
// node:fs may transfer fewer bytes than asked in one call.
import { readSync, writeSync } from 'node:fs';
import { host } from './host-errors.ts';

/** Reads up to `length` bytes at `offset` from a host fd. */
export function readHost(fd: number, length: number, offset: number): Uint8Array {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const count = host(() => readSync(fd, buffer, done, length - done, offset + done));
    if (count === 0) break;
    done += count;
  }
  return buffer.subarray(0, done);
}

/** Writes all of `data` at `offset` to a host fd. */
export function writeHost(fd: number, data: Uint8Array, offset: number): void {
  for (let done = 0; done < data.length;) {
    done += host(() => writeSync(fd, data, done, data.length - done, offset + done));
  }
}
