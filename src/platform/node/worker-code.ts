// The process worker's code for Node, bundled once per Node process from
// src/worker/node-entry.ts. Workers start from this bundle (plain
// JavaScript, no TypeScript loader), which keeps spawning cheap.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bundle: Promise<string> | undefined;

export function processWorkerCode(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../../worker/node-entry.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}
