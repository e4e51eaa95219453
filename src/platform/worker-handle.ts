// The little of a worker that the process host uses, so one pool serves
// both Node's worker_threads and the browser's Web Workers.
export interface WorkerHandle {
  postMessage(message: unknown): void;
  /** Subscribes to messages; returns the unsubscriber. */
  onMessage(listener: (message: { type: string; end?: string }) => void): () => void;
  /** Subscribes to the worker dying (error or exit); returns the unsubscriber. */
  onDeath(listener: (reason: string) => void): () => void;
  terminate(): void;
  /** Whether this worker keeps the host process alive (Node only). */
  keepAlive(alive: boolean): void;
}

export type WorkerFactory = () => Promise<WorkerHandle>;

/** Resolves when the worker says it is ready. */
export function whenReady(handle: WorkerHandle): Promise<WorkerHandle> {
  return new Promise((resolve, reject) => {
    const stopDeath = handle.onDeath((reason) => {
      stopMessages();
      reject(new Error(`process worker failed to start: ${reason}`));
    });
    const stopMessages = handle.onMessage((message) => {
      if (message.type !== 'ready') return;
      stopMessages();
      stopDeath();
      resolve(handle);
    });
  });
}
