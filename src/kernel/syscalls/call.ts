// One syscall as a handler sees it: the calling process, decoded arguments,
// the input bytes, and where to put results and output. Handlers return
// results[0] (or nothing) and throw KernelError for an errno; the dispatcher
// encodes both, once.
import type { Process } from '../proc/process.ts';
import { decodeUtf8 } from '../utf8.ts';

export class Call {
  private extraResults: bigint[] | undefined;

  /**
   * Results beyond the returned one (results[1..]). Made on first use: most
   * calls return one number, which then crosses without a BigInt.
   */
  get results(): bigint[] {
    return (this.extraResults ??= [0n, 0n, 0n, 0n]);
  }

  /** True if a handler touched results[1..]. */
  get hasResults(): boolean {
    return this.extraResults !== undefined;
  }
  /** Output bytes, if the call produces any. */
  outputBytes: Uint8Array | undefined;

  constructor(
    readonly process: Process,
    readonly number: number,
    private readonly rawArgs: ArrayLike<bigint>,
    readonly input: Uint8Array,
    /** rawArgs as 32-bit halves, when the caller has them (the channel). */
    private readonly halves?: Int32Array,
  ) {}

  /** Argument `i` as a JavaScript number (exact up to 2^53; beyond, rounded as Number(bigint) rounds). */
  arg(i: number): number {
    const halves = this.halves;
    if (halves !== undefined && i < halves.length >> 1) {
      // One correctly rounded addition of exact parts: the same number Number(bigint) gives.
      return halves[2 * i + 1]! * 4294967296 + (halves[2 * i]! >>> 0);
    }
    return Number(this.rawArgs[i] ?? 0n);
  }

  /** Argument `i` as a signed 64-bit integer. */
  bigArg(i: number): bigint {
    return this.rawArgs[i] ?? 0n;
  }

  /** The input as one UTF-8 string (a path). */
  string(): string {
    return decodeUtf8(this.input);
  }

  /** The input as strings separated by NUL bytes (two paths, argv, ...). */
  strings(): string[] {
    return this.string().split('\0');
  }

  output(bytes: Uint8Array): void {
    this.outputBytes = bytes;
  }
}

/** How completely a syscall is implemented, for docs/syscalls.md (after gVisor's table). */
export type Support = 'full' | 'partial' | 'none';

export type Handler = (call: Call) => number | bigint | void | Promise<number | bigint | void>;

export interface SyscallEntry {
  number: number;
  /** The name the program knows (`fd_read`, `spawn`). */
  name: string;
  handler: Handler;
  support: Support;
  /** Where we differ from Linux, and why. */
  note?: string;
}
