// The host's side of the workers' bells (worker/start-bell.ts): a start
// for a worker that waits with an instance of the same program bound to
// the same channel is written into the channel and rung; any other start
// is posted, the bell marked first so that the worker takes it from its
// event loop.
import { ChannelViews, SIDE_I32_CHANNEL, SIDE_OFFSET, SIDE_SIZE } from '../kernel/abi/channel.ts';
import type { StartMessage } from '../worker/run-program.ts';
import { BELL_MESSAGE, BELL_START, BELL_WAITING, writeRungStart } from '../worker/start-bell.ts';
import type { WorkerHandle } from './worker-handle.ts';

/** The kernel's id of a channel (abi/channel.ts SIDE_I32_CHANNEL); 0: not numbered. */
export function channelId(channel: SharedArrayBuffer): number {
  return new Int32Array(channel, SIDE_OFFSET, SIDE_SIZE / 4)[SIDE_I32_CHANNEL]!;
}

export class WorkerBells {
  private readonly bells = new WeakMap<WorkerHandle, Int32Array>();
  /** The channel and module of each worker's last start: what its next instance is made of. */
  private readonly last = new WeakMap<WorkerHandle, string>();

  start(worker: WorkerHandle, message: StartMessage): void {
    const id = channelId(message.channel);
    const key = `${id}\0${message.moduleKey}`;
    const previous = this.last.get(worker);
    this.last.set(worker, key);
    let bell = this.bells.get(worker);
    if (!bell) {
      bell = new Int32Array(new SharedArrayBuffer(4));
      this.bells.set(worker, bell);
      worker.postMessage({ ...message, bell: bell.buffer });
      return;
    }
    if (
      id !== 0 &&
      previous === key &&
      message.rings.length === 0 &&
      writeRungStart(new ChannelViews(message.channel), message) &&
      Atomics.compareExchange(bell, 0, BELL_WAITING, BELL_START) === BELL_WAITING
    ) {
      Atomics.notify(bell, 0);
      return;
    }
    if (Atomics.exchange(bell, 0, BELL_MESSAGE) === BELL_WAITING) Atomics.notify(bell, 0);
    worker.postMessage(message);
  }
}
