// Writes into the shared memory it is given and wakes the page.
self.onmessage = (event: MessageEvent<Int32Array>) => {
  Atomics.store(event.data, 0, 42);
  Atomics.notify(event.data, 0);
  self.postMessage('done');
};
