// Writes docs/syscalls.md from the kernel's syscall table.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../src/kernel/kernel.ts';
import { compatibilityTable } from '../src/kernel/syscalls/compatibility.ts';
import { createNodeProcessHost } from '../src/platform/node/process-host.ts';

const kernel = new Kernel(createNodeProcessHost(0));
const target = fileURLToPath(new URL('../docs/syscalls.md', import.meta.url));
writeFileSync(target, compatibilityTable(kernel.syscalls));
await kernel.shutdown();
console.log(`wrote ${target}`);
