// Entry of a process worker in Node (worker_threads). Runs programs one
// after another: after each, the worker is clean and goes back to the pool.
import { parentPort } from 'node:worker_threads';
import { prepareNext, runProgram, type StartMessage } from './run-program.ts';

const port = parentPort;
if (!port) throw new Error('node-entry must run in a worker thread');
port.on('message', (message: StartMessage) => {
  const end = runProgram(message);
  port.postMessage({ type: 'finished', end });
  // The next program's instance is made after the kernel has heard of this one's end.
  setImmediate(() => prepareNext(message));
});
port.postMessage({ type: 'ready' });
