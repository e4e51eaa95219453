// One instance of a program in a worker, with the imports bound to one
// syscall channel: made when the start message comes, or made ahead
// (prepared) while the worker waits in the pool, so that a start pays
// neither the instantiation (its linear memory, data and tables: about
// 0.15 ms for box) nor the setting up of the channel's views. A prepared
// instance serves a start of the same module in the same channel with no
// pipe rings (the usual case: the kernel gives a finished program's channel
// to the next one, exec/channel-pool.ts, and the same box runs most
// commands); any other start makes its own.
import { SIDE_I32_CHANNEL, SIDE_OFFSET, SIDE_SIZE } from '../kernel/abi/channel.ts';
import type { StartupFacts } from '../kernel/abi/startup-facts.ts';
import { bocalV1 } from './bocal-v1.ts';
import { GuestMemory } from './memory.ts';
import { MemoryReporter } from './memory-report.ts';
import { PipeRings } from './pipe-rings.ts';
import { ReadWindowReader } from './read-window.ts';
import { SignalingCaller, type SignalDeliverer } from './signal-delivery.ts';
import { NOT_ANSWERED, StartupAnswers } from './startup-answers.ts';
import { SyscallClient } from './syscall-client.ts';
import { wasiPreview1, type ProcessContext } from './wasi-preview1.ts';

/** What a program is given when it starts. */
export interface ProgramArguments {
  argv: string[];
  env: string[];
  bootTime: number;
  startup?: StartupFacts;
}

/** What an instance is bound to. */
export interface InstanceSource {
  module: WebAssembly.Module;
  /** The module's key in the host's cache: the same key, the same module. */
  moduleKey: string;
  channel: SharedArrayBuffer;
  rings: SharedArrayBuffer[];
  ringToken: number;
  pageArena?: SharedArrayBuffer;
}

export class ProgramInstance {
  readonly client: SyscallClient;
  readonly ctx: ProcessContext;
  /** The instance; a failure to make it (a link error) is reported when the program runs. */
  readonly instance: WebAssembly.Instance | undefined;
  readonly failure: unknown;
  private readonly memory = new GuestMemory();
  private deliverer: SignalDeliverer | undefined;
  private startup: StartupAnswers | undefined;
  /** False until the program runs: a prepared module's start function must not make calls. */
  private running = false;

  /** Its channel's id, taken now: the channel's words may change while the kernel reuses it. */
  private readonly channel: number;

  /** `run`: the program's start, now (its instance's start function may make calls); none: prepared. */
  constructor(
    readonly source: InstanceSource,
    run?: ProgramArguments,
  ) {
    const client = new SyscallClient(source.channel);
    this.client = client;
    this.channel = channelId(source.channel);
    const caller = new SignalingCaller(client, () => this.deliverer);
    const reporter = new MemoryReporter(this.memory, client.views.side);
    const views = client.views;
    this.ctx = {
      client,
      memory: this.memory,
      argv: [],
      env: [],
      bootTime: 0,
      rings: new PipeRings(
        views.fdMap,
        source.rings,
        source.ringToken,
        views.waited,
        source.pageArena,
      ),
      window: new ReadWindowReader(views),
      call: (number, args, inputLength) => {
        if (!this.running) throw new Error('a call before the program started');
        const answered = this.startup!.answer(number, args);
        if (answered !== NOT_ANSWERED) return answered;
        reporter.check();
        return caller.call(number, args, inputLength);
      },
    };
    if (run) this.begin(run);
    let instance: WebAssembly.Instance | undefined;
    let failure: unknown;
    try {
      instance = new WebAssembly.Instance(source.module, {
        wasi_snapshot_preview1: wasiPreview1(this.ctx),
        bocal_v1: bocalV1(this.ctx),
      });
      const exported = instance.exports;
      if (exported.memory instanceof WebAssembly.Memory) this.memory.memory = exported.memory;
      // The C library's signal trampoline (wasm/lib/signal.c); without it a
      // handler cannot run, and the kernel's default actions are all there is.
      const deliver = exported.__bocal_signal_deliver;
      if (typeof deliver === 'function') this.deliverer = deliver as SignalDeliverer;
    } catch (error) {
      failure = error;
    }
    this.instance = instance;
    this.failure = failure;
  }

  /** Whether this (prepared) instance can run a start of `source`. */
  fits(source: InstanceSource): boolean {
    return (
      this.instance !== undefined &&
      !this.running &&
      source.moduleKey === this.source.moduleKey &&
      source.rings.length === 0 &&
      this.source.rings.length === 0 &&
      this.channel !== 0 &&
      channelId(source.channel) === this.channel
    );
  }

  /** Gives the program its arguments, environment and start-up answers; calls may be made from now on. */
  begin(run: ProgramArguments): void {
    if (this.running) return;
    this.ctx.argv = run.argv;
    this.ctx.env = run.env;
    this.ctx.bootTime = run.bootTime;
    this.startup = new StartupAnswers(run.startup, this.client.views);
    this.running = true;
  }
}

/** The kernel's id of a channel (SIDE_I32_CHANNEL); 0 for one it did not number. */
function channelId(channel: SharedArrayBuffer): number {
  return new Int32Array(channel, SIDE_OFFSET, SIDE_SIZE / 4)[SIDE_I32_CHANNEL]!;
}
