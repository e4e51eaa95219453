// How an idle worker gets its next start without its event loop. Waking a
// worker thread with postMessage goes through its event loop, which took
// 0.1-0.3 ms from the host's start to the worker's first line on the
// 2-core test machine (more when loaded): twice per `unshare -f`. A worker
// that has made the instance of its next program (program-instance.ts)
// waits on its bell instead (Atomics.wait, a futex), and the host rings it
// with the start written into the channel that instance is bound to: the
// same start, without the module or the buffers, which the worker has.
//
// The bell is one word per worker, shared with the host:
//   IDLE     the worker is not waiting (running, preparing, or in its loop)
//   WAITING  the worker waits on the bell (it set this itself, from IDLE)
//   MESSAGE  the host has posted (or is posting) a message: do not wait,
//            or stop waiting, and take it from the event loop
//   START    the host wrote a start into the channel the worker prepared for
// Both sides change the word with compareExchange, so a worker that stops
// waiting (its wait timed out) and a host that rings at that moment agree
// on which of them won: a missed ring falls back to the message.
import type { ChannelViews } from '../kernel/abi/channel.ts';
import type { StartupFacts } from '../kernel/abi/startup-facts.ts';

export const BELL_IDLE = 0;
export const BELL_WAITING = 1;
export const BELL_MESSAGE = 2;
export const BELL_START = 3;

/**
 * How long a worker waits on its bell before it goes back to its event
 * loop (where messages still reach it): a thread waiting on a futex costs
 * nothing, so this only bounds how long a worker that nobody rings keeps
 * its loop idle.
 */
export const BELL_WAIT_MS = 10_000;

/** What a rung start carries (the rest is the worker's already). */
export interface RungStart {
  argv: string[];
  env: string[];
  bootTime: number;
  startup?: StartupFacts;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes `start` into the channel's data area (unused until the program's
 * first call) as its length then JSON; false if it does not fit.
 */
export function writeRungStart(views: ChannelViews, start: RungStart): boolean {
  const { startup } = start;
  const json = JSON.stringify({
    argv: start.argv,
    env: start.env,
    bootTime: start.bootTime,
    rootPreopenFd: startup?.rootPreopenFd,
    cwd: startup?.cwd && Array.from(startup.cwd),
  });
  const bytes = encoder.encode(json);
  const data = views.data;
  if (bytes.length + 4 > data.length) return false;
  new DataView(data.buffer, data.byteOffset, 4).setUint32(0, bytes.length, true);
  data.set(bytes, 4);
  return true;
}

/** Reads the start writeRungStart wrote. */
export function readRungStart(views: ChannelViews): RungStart {
  const data = views.data;
  const length = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  const parsed = JSON.parse(decoder.decode(data.slice(4, 4 + length))) as {
    argv: string[];
    env: string[];
    bootTime: number;
    rootPreopenFd?: number;
    cwd?: number[];
  };
  const startup: StartupFacts = {};
  if (parsed.rootPreopenFd !== undefined) startup.rootPreopenFd = parsed.rootPreopenFd;
  if (parsed.cwd) startup.cwd = Uint8Array.from(parsed.cwd);
  return { argv: parsed.argv, env: parsed.env, bootTime: parsed.bootTime, startup };
}
