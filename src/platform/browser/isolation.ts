// Checks that this page can share memory with a Web Worker, which the
// syscall channel depends on.

export interface IsolationReport {
  crossOriginIsolated: boolean;
  sharedWithWorker: boolean;
  error?: string;
}

export async function probeIsolation(): Promise<IsolationReport> {
  const isolated = self.crossOriginIsolated;
  if (typeof SharedArrayBuffer === 'undefined') {
    return {
      crossOriginIsolated: isolated,
      sharedWithWorker: false,
      error: 'SharedArrayBuffer is not available',
    };
  }
  const worker = new Worker(new URL('./isolation-worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const answered = new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => reject(new Error(event.message));
    });
    worker.postMessage(shared);
    await answered;
    // The worker wrote through the same memory: proof it was shared, not copied.
    return { crossOriginIsolated: isolated, sharedWithWorker: Atomics.load(shared, 0) === 42 };
  } catch (error) {
    return { crossOriginIsolated: isolated, sharedWithWorker: false, error: String(error) };
  } finally {
    worker.terminate();
  }
}
