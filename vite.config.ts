import { defineConfig } from 'vitest/config';
import { serveBuiltinImages } from './scripts/serve-images-plugin.ts';

// SharedArrayBuffer (the syscall channel) needs a cross-origin isolated page,
// so every server we run sends these two headers.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [serveBuiltinImages()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist' },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start servers and a Chromium each: keep files in
    // separate processes but do not oversubscribe a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
