// Errno names by WASI number, read from the kernel's own table, so tests can
// compare errors by name with Linux's (whose numbers differ).
import { readFileSync } from 'node:fs';

const source = readFileSync(
  new URL('../../../../src/kernel/abi/errno.ts', import.meta.url),
  'utf8',
);
const names = new Map<number, string>();
for (const match of source.matchAll(/^\s+([A-Z0-9]+) = (\d+),/gm)) {
  names.set(Number(match[2]), match[1]!);
}

export function errnoName(errno: number): string {
  return names.get(errno) ?? `errno ${errno}`;
}
