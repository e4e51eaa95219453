// Access to the program's linear memory. Views are remade only when
// memory.grow has replaced the ArrayBuffer: most syscalls find them current,
// which keeps the hot path free of allocations.
import { Errno } from '../kernel/abi/errno.ts';

export class GuestMemory {
  private source: WebAssembly.Memory | undefined;
  private current: ArrayBuffer | SharedArrayBuffer | undefined;
  private byteView = new Uint8Array(0);
  private dataView = new DataView(new ArrayBuffer(0));
  /** False while the views must be checked against memory.buffer (a shared memory, none yet). */
  private fresh = false;

  /** The program's memory, once its instance exists. */
  get memory(): WebAssembly.Memory | undefined {
    return this.source;
  }

  set memory(memory: WebAssembly.Memory | undefined) {
    this.source = memory;
    this.current = undefined;
    this.fresh = false;
    this.byteView = new Uint8Array(0);
  }

  bytes(): Uint8Array {
    this.refresh();
    return this.byteView;
  }

  view(): DataView {
    this.refresh();
    return this.dataView;
  }

  /**
   * Reading `memory.buffer` costs about 40 ns, several times per syscall, so
   * it is read only when the views may be stale: memory.grow detaches a
   * non-shared buffer (its length becomes 0). A shared memory's buffer is
   * not detached when it grows, so it is always read again. Whether the
   * buffer is shared is kept as a flag: `instanceof` on the field, which
   * holds either kind, cost more than the rest of an fd_write.
   */
  private refresh(): void {
    if (this.fresh && this.byteView.length !== 0) return;
    if (!this.source) throw new GuestFault(Errno.EFAULT);
    const buffer = this.source.buffer;
    if (buffer === this.current) return;
    this.current = buffer;
    this.fresh = !(buffer instanceof SharedArrayBuffer);
    this.byteView = new Uint8Array(buffer);
    this.dataView = new DataView(buffer);
  }

  /** EFAULT unless `length` bytes at `pointer` lie inside memory. */
  check(pointer: number, length: number): void {
    if (pointer < 0 || length < 0 || pointer + length > this.bytes().length) {
      throw new GuestFault(Errno.EFAULT);
    }
  }

  /** A view of `length` bytes at `pointer`, or EFAULT when outside memory. */
  slice(pointer: number, length: number): Uint8Array {
    const bytes = this.bytes();
    if (pointer < 0 || length < 0 || pointer + length > bytes.length) {
      throw new GuestFault(Errno.EFAULT);
    }
    return bytes.subarray(pointer, pointer + length);
  }
}

/** A bad pointer or length from the program: returned to it as an errno, never a crash. */
export class GuestFault {
  constructor(readonly errno: Errno) {}
}
