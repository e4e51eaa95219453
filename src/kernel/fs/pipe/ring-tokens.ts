// The lock tokens of the programs that may hold a pipe ring's locks now. A
// worker killed in the middle of a copy leaves its token in the lock word;
// the kernel, finding a lock held by a token no running program has, takes
// it back instead of waiting forever (the half-copied bytes were never
// published, so nothing is lost but them).
import { KERNEL_RING_TOKEN } from '../../abi/pipe-ring.ts';

const live = new Set<number>();
let last = 0;

/** A token for a program about to start. */
export function newRingToken(): number {
  last = last >= 0x3fffffff ? 1 : last + 1;
  live.add(last);
  return last;
}

/** The program of `token` is gone. */
export function retireRingToken(token: number): void {
  live.delete(token);
}

/** True if `holder`, read from a lock word, belongs to no one who can let go. */
export function isStaleHolder(holder: number): boolean {
  return holder !== 0 && holder !== KERNEL_RING_TOKEN && !live.has(holder);
}
