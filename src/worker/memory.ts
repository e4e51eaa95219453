// Access to the program's linear memory. Views are remade only when
// memory.grow has replaced the ArrayBuffer: most syscalls find them current,
// which keeps the hot path free of allocations.
import { Errno } from '../kernel/abi/errno.ts';

export class GuestMemory {
  memory: WebAssembly.Memory | undefined;
  private current: ArrayBuffer | undefined;
  private byteView = new Uint8Array(0);
  private dataView = new DataView(new ArrayBuffer(0));

  bytes(): Uint8Array {
    this.refresh();
    return this.byteView;
  }

  view(): DataView {
    this.refresh();
    return this.dataView;
  }

  private refresh(): void {
    if (!this.memory) throw new GuestFault(Errno.EFAULT);
    const buffer = this.memory.buffer as ArrayBuffer;
    if (buffer === this.current) return;
    this.current = buffer;
    this.byteView = new Uint8Array(buffer);
    this.dataView = new DataView(buffer);
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
