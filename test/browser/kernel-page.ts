// Script of the browser tests' page: boots the kernel's worker and puts its
// comlink API on `window.bocal`, where page.evaluate reaches it.
import type { Remote } from 'comlink';
import type { KernelApi } from '../../src/platform/browser/kernel-api.ts';
import { startKernelWorker } from '../../src/platform/browser/kernel-client.ts';

declare global {
  interface Window {
    bocal: Remote<KernelApi>;
  }
}

window.bocal = startKernelWorker().kernel;
