// What a process worker does with a start message, in Node and in the
// browser: run the program, say it finished, make the next instance of it
// (run-program.ts prepareNext), then wait on its bell for a start rung
// into that instance's channel (start-bell.ts), running starts so for as
// long as they come; back in its event loop otherwise.
import { BELL_IDLE, BELL_START, BELL_WAIT_MS, BELL_WAITING, readRungStart } from './start-bell.ts';
import { prepareNext, runProgram, type StartMessage } from './run-program.ts';

let bell: Int32Array | undefined;

export function serveStart(message: StartMessage, post: (message: unknown) => void): void {
  if (message.bell) bell = new Int32Array(message.bell);
  if (bell) Atomics.store(bell, 0, BELL_IDLE);
  let start: StartMessage | undefined = message;
  while (start) {
    const end = runProgram(start);
    post({ type: 'finished', end });
    start = nextRungStart(start);
  }
}

/** The next start, if the host rings it while this worker waits with its next instance made. */
function nextRungStart(last: StartMessage): StartMessage | undefined {
  const next = prepareNext(last);
  if (!bell || !next) return undefined;
  // A host that posts a message marks the bell first: then this worker must not wait.
  if (Atomics.compareExchange(bell, 0, BELL_IDLE, BELL_WAITING) !== BELL_IDLE) return undefined;
  Atomics.wait(bell, 0, BELL_WAITING, BELL_WAIT_MS);
  const state = Atomics.compareExchange(bell, 0, BELL_WAITING, BELL_IDLE);
  if (state !== BELL_START) return undefined; // timed out, or a message is coming
  Atomics.store(bell, 0, BELL_IDLE);
  const { source, client } = next;
  return {
    type: 'start',
    module: source.module,
    moduleKey: source.moduleKey,
    prepare: true,
    channel: source.channel,
    rings: [],
    ringToken: 0,
    ...readRungStart(client.views),
  };
}
