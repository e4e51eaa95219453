// Tells the kernel how big the program's linear memory is, for the cgroup
// memory controller: memory.grow runs inside the module and cannot call
// out, so the size is checked before each syscall (one length read while
// the memory has not grown) and reported with a MEMORY_REPORT call when it
// changed. The reply may be a SIGKILL from the OOM killer; the pending
// call's input, already in the channel, is kept around the report.
import { Sys } from '../kernel/abi/syscalls.ts';
import type { GuestMemory } from './memory.ts';
import type { SignalingCaller } from './signal-delivery.ts';
import type { SyscallClient } from './syscall-client.ts';

export class MemoryReporter {
  private reported = 0;

  constructor(
    private readonly memory: GuestMemory,
    private readonly client: SyscallClient,
    private readonly caller: SignalingCaller,
  ) {}

  /** Reports the memory size if it changed; `inputLength` bytes of the next call's input are kept. */
  check(inputLength: number): void {
    if (!this.memory.memory) return;
    const size = this.memory.bytes().length;
    if (size === this.reported) return;
    this.reported = size;
    const input = this.client.copyInput(inputLength);
    this.caller.call(Sys.MEMORY_REPORT, [size], 0);
    this.client.putInput(inputLength, input);
  }
}
