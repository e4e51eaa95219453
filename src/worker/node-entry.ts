// Entry of a process worker in Node (worker_threads). Runs programs one
// after another: after each, the worker is clean and goes back to the pool.
import { parentPort } from 'node:worker_threads';
import type { StartMessage } from './run-program.ts';
import { serveStart } from './worker-loop.ts';

const port = parentPort;
if (!port) throw new Error('node-entry must run in a worker thread');
port.on('message', (message: StartMessage) => {
  serveStart(message, (reply) => port.postMessage(reply));
});
port.postMessage({ type: 'ready' });
