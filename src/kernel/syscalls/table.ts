// The one table of syscalls: number → handler, name and how well it is
// supported. Every area registers its entries here; docs/syscalls.md is
// generated from it (npm run docs:syscalls).
import type { SyscallEntry } from './call.ts';

export class SyscallTable {
  private readonly entries = new Map<number, SyscallEntry>();

  constructor(...lists: readonly SyscallEntry[][]) {
    for (const list of lists) this.register(list);
  }

  register(list: readonly SyscallEntry[]): void {
    for (const entry of list) {
      const existing = this.entries.get(entry.number);
      if (existing) {
        throw new Error(
          `syscall ${entry.number} registered twice: ${existing.name} and ${entry.name}`,
        );
      }
      this.entries.set(entry.number, entry);
    }
  }

  get(number: number): SyscallEntry | undefined {
    return this.entries.get(number);
  }

  /** Every entry, by number. */
  all(): SyscallEntry[] {
    return [...this.entries.values()].sort((a, b) => a.number - b.number);
  }
}
