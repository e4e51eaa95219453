// Where the baselines find the C programs that `npm run build:wasm` and
// `npm run build:native` produce, with a clear error when they are missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Path of build/wasm/<name>.wasm. */
export function builtWasm(name: string): string {
  const path = `${root}build/wasm/${name}.wasm`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:wasm\``);
  return path;
}

/** Path of build/native/<name>. */
export function builtNative(name: string): string {
  const path = `${root}build/native/${name}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:native\``);
  return path;
}
