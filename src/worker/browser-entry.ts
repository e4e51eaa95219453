// Entry of a process worker in the browser (a Web Worker). Runs programs
// one after another: after each, the worker is clean and goes back to the pool.
import type { StartMessage } from './run-program.ts';
import { serveStart } from './worker-loop.ts';

self.onmessage = (event: MessageEvent<StartMessage>) => {
  serveStart(event.data, (reply) => self.postMessage(reply));
};
self.postMessage({ type: 'ready' });
