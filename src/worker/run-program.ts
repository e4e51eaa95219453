// What a process's worker does with one program: instantiate it with our
// imports, run it to the end, and tell the kernel how it ended. The same
// code runs in a browser Web Worker and in a Node worker thread.
import type { StartupFacts } from '../kernel/abi/startup-facts.ts';
import { Sys } from '../kernel/abi/syscalls.ts';
import { ProcessExit } from './process-exit.ts';
import { ProgramInstance } from './program-instance.ts';
import type { SyscallClient } from './syscall-client.ts';

export interface StartMessage {
  type: 'start';
  module: WebAssembly.Module;
  /** The module's key in the host's cache (program-instance.ts). */
  moduleKey: string;
  /** Whether the worker may make the module's next instance ahead (it has no start function). */
  prepare: boolean;
  channel: SharedArrayBuffer;
  /** The rings of the pipes the process holds when it starts, and the worker's lock token. */
  rings: SharedArrayBuffer[];
  ringToken: number;
  /** The shared page arena the rings' page references point into (kernel/fs/page-arena.ts). */
  pageArena?: SharedArrayBuffer;
  argv: string[];
  env: string[];
  bootTime: number;
  /** Answers to the C library's start-up calls (startup-answers.ts). */
  startup?: StartupFacts;
  /** The worker's bell (start-bell.ts), in its first start message. */
  bell?: SharedArrayBuffer;
}

export type ProgramEnd = 'exit' | 'killed' | 'exec' | 'trap';

const encoder = new TextEncoder();

/** An instance made ahead while the worker waits (prepareNext), for the next start. */
let prepared: ProgramInstance | undefined;

export function runProgram(start: StartMessage): ProgramEnd {
  const ready = prepared;
  prepared = undefined;
  const program = ready?.fits(start) ? ready : new ProgramInstance(start, start);
  const { client, instance } = program;
  try {
    if (!instance) {
      // A start function may end the program (proc_exit) while instantiated.
      if (program.failure instanceof ProcessExit) return program.failure.reason;
      return trap(client, start.argv, describe(program.failure));
    }
    const exported = instance.exports;
    if (!(exported.memory instanceof WebAssembly.Memory)) {
      return trap(client, start.argv, 'the module exports no memory');
    }
    const entry = exported._start;
    if (typeof entry !== 'function')
      return trap(client, start.argv, 'the module exports no _start');
    program.begin(start);
    (entry as () => void)();
    client.call(Sys.PROC_EXIT, [0]);
    return 'exit';
  } catch (error) {
    if (error instanceof ProcessExit) return error.reason;
    return trap(client, start.argv, describe(error));
  }
}

/**
 * Makes, while the worker waits in the pool, the instance the next start
 * will likely want: the module just run, bound to the channel just used
 * (program-instance.ts). A start that does not fit it makes its own.
 */
export function prepareNext(last: StartMessage): ProgramInstance | undefined {
  prepared = undefined;
  if (!last.prepare) return undefined;
  const next = new ProgramInstance({ ...last, rings: [], ringToken: 0 });
  if (next.instance) prepared = next;
  return prepared;
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
