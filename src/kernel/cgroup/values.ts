// Parsing what is written to cgroup files, as the kernel's own helpers do:
// the buffer is stripped of surrounding whitespace (strstrip), numbers are
// read as kstrtoll reads them (optional sign, base 0: `0x` hex, leading `0`
// octal; EINVAL for anything else, ERANGE past the type's range), sizes as
// memparse reads them (a K/M/G/T/P/E suffix), and `max` means no limit.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';

/** The buffer with leading and trailing whitespace removed (Linux's strstrip, isspace). */
export function strip(text: string): string {
  return text.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
}

const DIGITS = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i;

/** kstrtoll(text, 0): a signed integer, EINVAL if malformed, ERANGE outside [min, max]. */
export function parseInteger(text: string, min: bigint, max: bigint): bigint {
  let body = text;
  let negative = false;
  if (body.startsWith('+')) body = body.slice(1);
  else if (body.startsWith('-')) {
    negative = true;
    body = body.slice(1);
  }
  if (!DIGITS.test(body)) fail(Errno.EINVAL);
  let value: bigint;
  if (/^0x/i.test(body)) value = BigInt(body);
  else if (body.length > 1 && body.startsWith('0')) value = BigInt(`0o${body.slice(1)}`);
  else value = BigInt(body);
  if (negative) value = -value;
  if (value < min || value > max) fail(Errno.ERANGE);
  return value;
}

export const INT_MAX = 2147483647n;
const U64_MAX = (1n << 64n) - 1n;

/** `max` or a number in [0, INT_MAX] (cgroup.max.depth, cgroup.max.descendants). */
export function parseIntOrMax(text: string): number {
  const value = strip(text);
  if (value === 'max') return Infinity;
  return Number(parseInteger(value, 0n, INT_MAX));
}

const SUFFIXES = 'KMGTPE';

/**
 * `max` or a size in bytes (memory.max, memory.high): memparse's number
 * with an optional K, M, G, T, P or E suffix (powers of 1024), EINVAL for
 * anything after it. Like Linux, the result is rounded down to whole pages.
 */
export function parseBytesOrMax(text: string, pageSize: number): number {
  const value = strip(text);
  if (value === 'max') return Infinity;
  const match = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)([kmgtpe]?)$/i.exec(value);
  if (!match) return fail(Errno.EINVAL);
  let bytes = parseInteger(match[1]!, 0n, U64_MAX);
  const suffix = match[2]!.toUpperCase();
  if (suffix) bytes <<= 10n * BigInt(SUFFIXES.indexOf(suffix) + 1);
  const pages = bytes / BigInt(pageSize);
  return pages >= BigInt(Number.MAX_SAFE_INTEGER) / BigInt(pageSize)
    ? Infinity
    : Number(pages) * pageSize;
}

/** How a limit reads back: `max`, or the number. */
export function showLimit(value: number): string {
  return value === Infinity ? 'max' : String(value);
}
