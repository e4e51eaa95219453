// Entry of a process worker in the browser (a Web Worker). Runs programs
// one after another: after each, the worker is clean and goes back to the pool.
import { prepareNext, runProgram, type StartMessage } from './run-program.ts';

self.onmessage = (event: MessageEvent<StartMessage>) => {
  const end = runProgram(event.data);
  self.postMessage({ type: 'finished', end });
  // The next program's instance is made after the kernel has heard of this one's end.
  setTimeout(() => prepareNext(event.data), 0);
};
self.postMessage({ type: 'ready' });
