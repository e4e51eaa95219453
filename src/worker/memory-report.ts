// Tells the kernel how big the program's linear memory is, for the cgroup
// memory controller: memory.grow runs inside the module and cannot call
// out, so the size is checked before each syscall (one length read while
// the memory has not grown) and, when it changed, left in the channel's
// side word, which the kernel reads when it serves the call
// (SIDE_I32_MEMORY_PAGES): no call of its own. The kernel may then
// OOM-kill the process instead of serving the call.
import { SIDE_I32_MEMORY_PAGES } from '../kernel/abi/channel.ts';
import type { GuestMemory } from './memory.ts';

const WASM_PAGE = 65536;

export class MemoryReporter {
  private reported = 0;

  constructor(
    private readonly memory: GuestMemory,
    private readonly side: Int32Array,
  ) {}

  /** Leaves the memory size for the kernel if it changed since the last call. */
  check(): void {
    if (!this.memory.memory) return;
    const size = this.memory.bytes().length;
    if (size === this.reported) return;
    this.reported = size;
    this.side[SIDE_I32_MEMORY_PAGES] = size / WASM_PAGE;
  }
}
