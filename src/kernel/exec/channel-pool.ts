// Syscall channels (abi/channel.ts) kept for the next program once a worker
// has let go of one. A channel is about 1.3 MiB: making a new one for each
// program cost its allocation, the page faults of the first touch of every
// page the calls use (on both threads), and garbage collections paced by
// the external memory let go; a process start spent about 0.15 ms on it.
import {
  CHANNEL_SIZE,
  DATA_OFFSET,
  FD_MAP_FDS,
  FD_MAP_OFFSET,
  SIDE_I32_CHANNEL,
  SIDE_OFFSET,
  SIDE_SIZE,
  WAITED_OFFSET,
} from '../abi/channel.ts';

/** As many as the host keeps warm workers at most: each idle one's last program gave one back. */
const MAX_KEPT = 8;

const kept: SharedArrayBuffer[] = [];
let count = 0;

/**
 * A channel as a new one is: header, fd map, worker's waited time and side
 * words zero, but for its id (SIDE_I32_CHANNEL). The one with id
 * `preferred` if it is kept: the host's next worker used it last and made
 * an instance bound to it (worker/program-instance.ts); else the one given
 * back last.
 */
export function takeChannel(preferred?: number): SharedArrayBuffer {
  const at = preferred === undefined ? -1 : kept.findIndex((c) => idOf(c) === preferred);
  const channel = at >= 0 ? kept.splice(at, 1)[0] : kept.pop();
  if (!channel) {
    const made = new SharedArrayBuffer(CHANNEL_SIZE);
    new Int32Array(made, SIDE_OFFSET, SIDE_SIZE / 4)[SIDE_I32_CHANNEL] = ++count;
    return made;
  }
  new Int32Array(channel, 0, DATA_OFFSET / 4).fill(0);
  new Int32Array(channel, FD_MAP_OFFSET, FD_MAP_FDS).fill(0);
  new BigInt64Array(channel, WAITED_OFFSET, 1).fill(0n);
  const side = new Int32Array(channel, SIDE_OFFSET, SIDE_SIZE / 4);
  const id = side[SIDE_I32_CHANNEL]!;
  side.fill(0);
  side[SIDE_I32_CHANNEL] = id;
  // The read window's header is set by its owner (tmpfs/read-window.ts);
  // the data and window bytes are only read as far as a reply or the
  // window's header says, so what the last program left there is never seen.
  return channel;
}

/** A channel's id (SIDE_I32_CHANNEL). */
export function idOf(channel: SharedArrayBuffer): number {
  return new Int32Array(channel, SIDE_OFFSET, SIDE_SIZE / 4)[SIDE_I32_CHANNEL]!;
}

/**
 * Gives back a channel that no thread uses any more: its worker said it
 * finished, and the kernel's side has stopped serving it.
 */
export function giveBackChannel(channel: SharedArrayBuffer): void {
  if (kept.length < MAX_KEPT) kept.push(channel);
}
