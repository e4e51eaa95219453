// What a process's worker does with one program: instantiate it with our
// imports, run it to the end, and tell the kernel how it ended. The same
// code runs in a browser Web Worker and in a Node worker thread.
import { Sys } from '../kernel/abi/syscalls.ts';
import { bocalV1 } from './bocal-v1.ts';
import { GuestMemory } from './memory.ts';
import { MemoryReporter } from './memory-report.ts';
import { PipeRings } from './pipe-rings.ts';
import { ReadWindowReader } from './read-window.ts';
import { ProcessExit } from './process-exit.ts';
import { SignalingCaller, type SignalDeliverer } from './signal-delivery.ts';
import { SyscallClient } from './syscall-client.ts';
import { wasiPreview1, type ProcessContext } from './wasi-preview1.ts';

export interface StartMessage {
  type: 'start';
  module: WebAssembly.Module;
  channel: SharedArrayBuffer;
  /** The rings of the pipes the process holds when it starts, and the worker's lock token. */
  rings: SharedArrayBuffer[];
  ringToken: number;
  argv: string[];
  env: string[];
  bootTime: number;
}

export type ProgramEnd = 'exit' | 'killed' | 'exec' | 'trap';

const encoder = new TextEncoder();

export function runProgram(start: StartMessage): ProgramEnd {
  const client = new SyscallClient(start.channel);
  const memory = new GuestMemory();
  let deliverer: SignalDeliverer | undefined;
  const caller = new SignalingCaller(client, () => deliverer);
  const reporter = new MemoryReporter(memory, client, caller);
  const ctx: ProcessContext = {
    client,
    memory,
    argv: start.argv,
    env: start.env,
    bootTime: start.bootTime,
    rings: new PipeRings(client.views.fdMap, start.rings, start.ringToken, client.views.waited),
    window: new ReadWindowReader(client.views),
    call: (number, args, inputLength) => {
      reporter.check(inputLength);
      return caller.call(number, args, inputLength);
    },
  };
  try {
    const instance = new WebAssembly.Instance(start.module, {
      wasi_snapshot_preview1: wasiPreview1(ctx),
      bocal_v1: bocalV1(ctx),
    });
    const exported = instance.exports;
    if (!(exported.memory instanceof WebAssembly.Memory)) {
      return trap(client, start.argv, 'the module exports no memory');
    }
    memory.memory = exported.memory;
    // The C library's signal trampoline (wasm/lib/signal.c); without it a
    // handler cannot run, and the kernel's default actions are all there is.
    const deliver = exported.__bocal_signal_deliver;
    if (typeof deliver === 'function') deliverer = deliver as SignalDeliverer;
    const entry = exported._start;
    if (typeof entry !== 'function')
      return trap(client, start.argv, 'the module exports no _start');
    (entry as () => void)();
    client.call(Sys.PROC_EXIT, [0]);
    return 'exit';
  } catch (error) {
    if (error instanceof ProcessExit) return error.reason;
    return trap(client, start.argv, describe(error));
  }
}

function describe(error: unknown): string {
  if (error instanceof WebAssembly.RuntimeError) return `wasm trap: ${error.message}`;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'wasm trap: call stack exhausted';
  }
  if (error instanceof WebAssembly.LinkError) return `cannot link: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Reports a trap: the message to the process's stderr, then the kernel ends it like a signal. */
function trap(client: SyscallClient, argv: string[], message: string): 'trap' {
  const text = encoder.encode(`${argv[0] ?? 'program'}: ${message}\n`);
  client.call(Sys.FD_WRITE, [2], client.setInput(text.subarray(0, client.capacity)));
  client.call(Sys.TRAP, [], client.setInput(text.subarray(0, client.capacity)));
  return 'trap';
}
