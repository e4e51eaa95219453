// Paths of the C programs built by `npm run build:wasm` / `build:native`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function wasmPath(name: string): string {
  const path = `${root}build/wasm/${name}.wasm`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:wasm\``);
  return path;
}

export function wasmBytes(name: string): Uint8Array {
  return readFileSync(wasmPath(name));
}

export function nativePath(name: string): string {
  const path = `${root}build/native/${name}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:native\``);
  return path;
}
