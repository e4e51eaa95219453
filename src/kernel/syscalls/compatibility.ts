// The syscall table as documentation (after gVisor's compatibility
// tables): every call with its number, module, support level and where we
// differ from Linux. docs/syscalls.md is this text; a test keeps it current.
import type { SyscallTable } from './table.ts';

const moduleOf = (number: number): string => (number < 100 ? 'wasi_snapshot_preview1' : 'bocal_v1');

/** WASI functions the worker answers itself (src/worker/wasi-preview1.ts): no kernel state is involved. */
const answeredInWorker = [
  'args_get',
  'args_sizes_get',
  'environ_get',
  'environ_sizes_get',
  'clock_res_get',
  'clock_time_get',
  'random_get',
];

export function compatibilityTable(table: SyscallTable): string {
  const lines = [
    '# Syscalls',
    '',
    "Generated from the kernel's syscall table by `npm run docs:syscalls`; do not edit by hand.",
    'Calls of `wasi_snapshot_preview1` are WASI preview 1; `bocal_v1` is our extension (see abi.md).',
    'Calls a program makes that are not listed here answer ENOSYS.',
    '',
    '| number | module | name | support | notes |',
    '| ---: | --- | --- | --- | --- |',
  ];
  for (const name of answeredInWorker) {
    lines.push(
      `| — | wasi_snapshot_preview1 | \`${name}\` | full | Answered in the process's worker, without a syscall. |`,
    );
  }
  for (const entry of table.all()) {
    const note = (entry.note ?? '').replace(/\|/g, '\\|');
    lines.push(
      `| ${entry.number} | ${moduleOf(entry.number)} | \`${entry.name}\` | ${entry.support} | ${note} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
