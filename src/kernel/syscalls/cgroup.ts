// What the cgroup controllers need from a process's worker: its linear
// memory size, when it changed (the worker checks at each syscall and
// leaves it in the channel, which the program runner turns into this call;
// memory.grow itself cannot call out). The memory controller charges it
// and may OOM-kill (cgroup/memory.ts).
import { Sys } from '../abi/syscalls.ts';
import type { CgroupHierarchy } from '../cgroup/hierarchy.ts';
import type { SyscallEntry } from './call.ts';

export function cgroupSyscalls(hierarchy: CgroupHierarchy): SyscallEntry[] {
  return [
    {
      number: Sys.MEMORY_REPORT,
      name: 'memory_report',
      handler: (call) => hierarchy.chargeMemory(call.process, Math.max(0, call.arg(0))),
      support: 'full',
      note: "bocal's own, not a program's call: the kernel charges the program's wasm memory size, left by the worker in its channel when it grew, for memory.current and the OOM killer.",
    },
  ];
}
