// `--detach-keys`: Docker's notation for the key sequence that detaches a
// caller from a container, comma-separated keys each one character or
// `ctrl-X` (X one of @ a-z [ \ ] ^ _), e.g. the default `ctrl-p,ctrl-q`.
import { DEFAULT_DETACH_KEYS } from '../../engine/stdin-relay.ts';

/** The control keys in code order: ctrl-@ is 0, ctrl-a is 1, ... ctrl-_ is 31. */
const CONTROL_KEYS = ['@', ...'abcdefghijklmnopqrstuvwxyz', '[', '\\', ']', '^', '_'];

/** The bytes of `text` (the default for none or ""), or Docker's error text. */
export function parseDetachKeys(text: string | undefined): Uint8Array | string {
  if (text === undefined || text === '') return DEFAULT_DETACH_KEYS;
  const codes: number[] = [];
  for (const key of text.split(',')) {
    if (key.length === 1) {
      codes.push(key.charCodeAt(0));
      continue;
    }
    const lower = key.toLowerCase();
    const code = lower.startsWith('ctrl-') ? CONTROL_KEYS.indexOf(lower.slice(5)) : -1;
    if (code < 0) return `Invalid detach keys (${text}) provided`;
    codes.push(code);
  }
  return Uint8Array.from(codes);
}
