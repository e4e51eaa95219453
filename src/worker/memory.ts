// Access to the program's linear memory. Views are made per use, because
// memory.grow detaches the previous ArrayBuffer.
import { Errno } from '../kernel/abi/errno.ts';

export class GuestMemory {
  memory: WebAssembly.Memory | undefined;

  bytes(): Uint8Array {
    return new Uint8Array(this.buffer());
  }

  view(): DataView {
    return new DataView(this.buffer());
  }

  private buffer(): ArrayBuffer {
    if (!this.memory) throw new GuestFault(Errno.EFAULT);
    return this.memory.buffer as ArrayBuffer;
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
