// A program's iovec array (WASI `ciovec`/`iovec`: u32 pointer, u32 length),
// read once per call into a buffer that is reused, so reads and writes do
// not allocate. Every vector is checked to lie inside memory (EFAULT).
import { Errno } from '../kernel/abi/errno.ts';
import { GuestFault, type GuestMemory } from './memory.ts';

/** Linux's IOV_MAX: more vectors than this is EINVAL for readv/writev. */
const IOV_MAX = 1024;

export class IoVectors {
  /** base0, length0, base1, length1, ... */
  private pairs = new Uint32Array(16);
  count = 0;
  /** Sum of the lengths. */
  total = 0;

  read(memory: GuestMemory, pointer: number, count: number): this {
    if (count > IOV_MAX) throw new GuestFault(Errno.EINVAL);
    const at = pointer >>> 0;
    memory.check(at, count * 8);
    if (this.pairs.length < count * 2) this.pairs = new Uint32Array(count * 2);
    const view = memory.view();
    const size = memory.bytes().length;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const base = view.getUint32(at + i * 8, true);
      const length = view.getUint32(at + i * 8 + 4, true);
      if (base + length > size) throw new GuestFault(Errno.EFAULT);
      this.pairs[2 * i] = base;
      this.pairs[2 * i + 1] = length;
      total += length;
    }
    this.count = count;
    this.total = total;
    return this;
  }

  base(i: number): number {
    return this.pairs[2 * i]!;
  }

  length(i: number): number {
    return this.pairs[2 * i + 1]!;
  }

  /**
   * Calls `visit` for each piece of memory that bytes `from` to `from +
   * count` of the vectors lie in, in order: its address, how many bytes of
   * the range come before it, and its length.
   */
  spans(from: number, count: number, visit: (base: number, done: number, n: number) => void): void {
    let skip = from;
    let done = 0;
    for (let i = 0; i < this.count && done < count; i++) {
      const length = this.length(i);
      if (skip >= length) {
        skip -= length;
        continue;
      }
      const n = Math.min(length - skip, count - done);
      visit(this.base(i) + skip, done, n);
      skip = 0;
      done += n;
    }
  }

  /** Copies `source` into the vectors in order; returns the bytes copied. */
  scatter(memory: GuestMemory, source: Uint8Array): number {
    const bytes = memory.bytes();
    let copied = 0;
    for (let i = 0; i < this.count && copied < source.length; i++) {
      const n = Math.min(this.length(i), source.length - copied);
      bytes.set(source.subarray(copied, copied + n), this.base(i));
      copied += n;
    }
    return copied;
  }
}
