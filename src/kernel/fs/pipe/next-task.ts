// A promise that resolves in a later task of the event loop (a macrotask),
// after the timers, I/O callbacks and messages already queued: what a
// kernel loop that copies synchronously awaits now and then so that the
// rest of the kernel (other processes' syscalls, signals) gets its turn.
// A resolved promise would not do: its continuation is a microtask, run
// before any of those.
//
// Node has setImmediate; a browser's worker (where the kernel runs there)
// has not, and setTimeout(0) is clamped to 4 ms once nested, so a message
// to itself on a MessageChannel is the next task there.

// Neither is in ECMAScript (the kernel's tsconfig has no DOM or Node
// types): reached through globalThis, as timers.ts reaches setTimeout.
interface TaskPort {
  onmessage: (() => void) | null;
  postMessage(message: undefined): void;
}
interface HostTasks {
  setImmediate?: (callback: () => void) => unknown;
  MessageChannel: new () => { port1: TaskPort; port2: TaskPort };
}
const host = globalThis as unknown as HostTasks;

let channel: { port1: TaskPort; port2: TaskPort } | undefined;
const queued: (() => void)[] = [];

export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof host.setImmediate === 'function') {
      host.setImmediate(resolve);
      return;
    }
    if (!channel) {
      channel = new host.MessageChannel();
      channel.port1.onmessage = () => queued.shift()?.();
    }
    queued.push(resolve);
    channel.port2.postMessage(undefined);
  });
}
