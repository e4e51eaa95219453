// The `bocal_v1` import module: the extension beyond WASI, as one generic
// call, so a new kernel syscall never needs worker code. Its contract (also
// in docs/abi.md):
//
//   syscall(number, args, input, input_len, output, output_capacity,
//           results, output_len) → errno
//
// `args` points to 8 × i64 (0: all zero), `input`/`input_len` are the bytes
// the call takes (E2BIG when larger than the channel), `output` receives
// min(output length, output_capacity) bytes, `results` (0: not wanted)
// receives 4 × i64 and `output_len` (0: not wanted) the full output length
// as a u32. Numbers below 100 are WASI's and go through
// wasi_snapshot_preview1, as does TRAP: they answer ENOSYS here, as does
// MEMORY_REPORT, which only the worker makes.
import { ARG_COUNT, RESULT_COUNT } from '../kernel/abi/channel.ts';
import { Errno } from '../kernel/abi/errno.ts';
import { Sys } from '../kernel/abi/syscalls.ts';
import { wrapFaults, type ProcessContext } from './wasi-preview1.ts';

type ExtensionFunction = (...args: never[]) => number;

export function bocalV1(ctx: ProcessContext): Record<string, ExtensionFunction> {
  const { client, memory } = ctx;

  const syscall = (
    number: number,
    argsPointer: number,
    input: number,
    inputLength: number,
    output: number,
    outputCapacity: number,
    results: number,
    outputLengthPointer: number,
  ): number => {
    // The memory report is the worker's own (memory-report.ts): a program
    // must not tell the memory controller a smaller size than it has.
    if (number <= Sys.TRAP || number === Sys.MEMORY_REPORT) return Errno.ENOSYS;
    const length = inputLength >>> 0;
    if (length > client.capacity) return Errno.E2BIG;
    const args = new BigInt64Array(ARG_COUNT);
    if (argsPointer !== 0) {
      const view = memory.view();
      memory.slice(argsPointer >>> 0, ARG_COUNT * 8);
      for (let i = 0; i < ARG_COUNT; i++) {
        args[i] = view.getBigInt64((argsPointer >>> 0) + i * 8, true);
      }
    }
    if (length > 0) client.views.data.set(memory.slice(input >>> 0, length));
    const errno = ctx.call(number, args, length);
    const produced = client.output();
    const copied = Math.min(produced.length, outputCapacity >>> 0);
    if (copied > 0) memory.slice(output >>> 0, copied).set(produced.subarray(0, copied));
    const view = memory.view();
    if (results !== 0) {
      memory.slice(results >>> 0, RESULT_COUNT * 8);
      for (let i = 0; i < RESULT_COUNT; i++) {
        view.setBigInt64((results >>> 0) + i * 8, client.result(i), true);
      }
    }
    if (outputLengthPointer !== 0) view.setUint32(outputLengthPointer >>> 0, produced.length, true);
    return errno;
  };

  return wrapFaults({ syscall } as unknown as Record<string, ExtensionFunction>);
}
