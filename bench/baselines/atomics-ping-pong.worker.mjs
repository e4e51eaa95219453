// The worker side of the Atomics round-trip baseline (see atomics-ping-pong.ts).
// Plain JavaScript so it runs in a worker_threads Worker without a loader.
//
// workerData: { shared: SharedArrayBuffer, trips: number, spinLimit: number }
// Protocol on Int32Array(shared)[0]: the main thread stores WORKER_TURN and
// notifies; this side waits for it, stores MAIN_TURN and notifies; `trips`
// times. With spinLimit > 0 it checks the word up to spinLimit times with
// Atomics.load before blocking in Atomics.wait.
import { parentPort, workerData } from 'node:worker_threads';

const MAIN_TURN = 0;
const WORKER_TURN = 1;
const TIMEOUT_MS = 10_000;

const { shared, trips, spinLimit } = workerData;
const turn = new Int32Array(shared);

function awaitTurn() {
  for (let spins = 0; spins < spinLimit; spins++) {
    if (Atomics.load(turn, 0) === WORKER_TURN) return;
  }
  while (Atomics.load(turn, 0) !== WORKER_TURN) {
    if (Atomics.wait(turn, 0, MAIN_TURN, TIMEOUT_MS) === 'timed-out') {
      throw new Error('ping-pong worker: no ping from the main thread');
    }
  }
}

parentPort.postMessage('ready');
for (let trip = 0; trip < trips; trip++) {
  awaitTurn();
  Atomics.store(turn, 0, MAIN_TURN);
  Atomics.notify(turn, 0);
}
