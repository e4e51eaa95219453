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

let channel: MessageChannel | undefined;
const queued: (() => void)[] = [];

export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queued.shift()?.();
    }
    queued.push(resolve);
    channel.port2.postMessage(undefined);
  });
}
