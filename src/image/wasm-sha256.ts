// sha256 in WebAssembly (hash-wasm), for the browser: several times faster
// than the pure-JS hasher on big layers, incremental, and it runs in Node
// too. Each hasher is its own small instance, so concurrent hashes (a blob
// being written while its layer is parsed) do not share state.
import { createSHA256 } from 'hash-wasm';
import type { Sha256 } from './digest.ts';

export async function wasmSha256(): Promise<Sha256> {
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (chunk) => void hasher.update(chunk),
    hex: () => hasher.digest('hex'),
  };
}
