// The kernel's host, shared by Node and the browser: compiles modules once
// (cached by key and by content digest) and runs each program in a worker
// from a pool of warm ones. Platform specifics come in as small functions.
import { Errno } from '../kernel/abi/errno.ts';
import { KernelError } from '../kernel/errors.ts';
import type {
  LoadOptions,
  ProcessHost,
  ProgramEnd,
  ProgramImage,
  RunningProgram,
  StartOptions,
} from '../kernel/host.ts';
import { missingImport } from './imports-check.ts';
import { hasStartSection } from './start-section.ts';
import { limitMemory, WASM_PAGE } from './memory-limit.ts';
import type { WorkerFactory, WorkerHandle } from './worker-handle.ts';
import { channelId, WorkerBells } from './worker-bells.ts';

interface CompiledImage extends ProgramImage {
  module: WebAssembly.Module;
  /** Whether a worker may instantiate it ahead (start-section.ts). */
  prepare: boolean;
}

export interface PlatformServices {
  createWorker: WorkerFactory;
  digest(bytes: Uint8Array): Promise<string>;
  random(bytes: Uint8Array): void;
  now(): number;
}

/** How long spawns and exits must pause before the pool is refilled. */
const REFILL_DELAY_MS = 50;
/**
 * A program younger than this counts as on its way back to the pool: the
 * refill does not replace its worker yet. Without it, a pipeline that ran
 * past the refill delay (`cat 256 MiB | wc -c`, 40-90 ms) had two fresh
 * workers started in its middle, each taking 20-40 ms of CPU and V8's
 * compiler threads from the programs, and its own two thrown away as they
 * came back to a full pool: such runs took 1.5-2.5x as long. Long-lived
 * programs (a container's) are replaced once they are this old.
 */
const YOUNG_PROGRAM_MS = 100;
/**
 * How long a spawn that finds the pool empty waits for a worker to come
 * back before starting a cold one (about 30 ms on the 2-core test machine).
 * exec is the common case: the new program is started just before the old
 * one's worker reports that it finished.
 */
const HANDOFF_WAIT_MS = 10;
/**
 * The most warm workers the pool grows to. A spawn that had to start a cold
 * worker raises the pool's size by one, so workers given back after a burst
 * (a pipeline, a command substitution inside a subshell) are kept for the
 * next one instead of thrown away.
 */
const MAX_POOL_SIZE = 8;

export class PooledProcessHost implements ProcessHost {
  private readonly byKey = new Map<string, CompiledImage>();
  private readonly byDigest = new Map<string, CompiledImage>();
  private readonly idle: Promise<WorkerHandle>[] = [];
  /** The channel (its id) each idle worker that ran a program last used. */
  private readonly lastChannel = new Map<Promise<WorkerHandle>, number>();
  private readonly bells = new WorkerBells();
  private readonly live = new Set<WorkerHandle>();
  /** Spawns that found the pool empty, waiting for a worker to be given back. */
  private readonly waiting: ((worker: WorkerHandle) => void)[] = [];
  private closed = false;
  private refillTimer: ReturnType<typeof setTimeout> | undefined;
  /** When each worker running a program got it (platform.now()). */
  private readonly busySince = new Map<WorkerHandle, number>();
  readonly bootTime: number;

  constructor(
    private readonly platform: PlatformServices,
    /** Warm workers kept ready for the next spawn (grows with demand). */
    private poolSize = 2,
  ) {
    this.bootTime = platform.now();
  }

  /** Starts the warm workers now rather than at the first spawn. */
  async warm(): Promise<void> {
    this.refill();
    await Promise.all(this.idle);
  }

  /** Compiled images are cached per memory limit too: the limit is compiled into the module. */
  async load(bytes: Uint8Array, key: string, options: LoadOptions = {}): Promise<ProgramImage> {
    const limit = options.memoryLimit;
    const limitKey = limit === undefined ? 'unlimited' : String(Math.floor(limit / WASM_PAGE));
    const cached = this.byKey.get(`${key}\0${limitKey}`);
    if (cached) return cached;
    const digest = `${await this.platform.digest(bytes)}:${limitKey}`;
    let image = this.byDigest.get(digest);
    if (!image) {
      const bounded = limit === undefined ? bytes : limitMemory(bytes, limit);
      let module: WebAssembly.Module;
      try {
        module = await WebAssembly.compile(bounded as Uint8Array<ArrayBuffer>);
      } catch (error) {
        throw new KernelError(Errno.ENOEXEC, `not a valid WebAssembly module: ${String(error)}`);
      }
      const missing = missingImport(module);
      if (missing) throw new KernelError(Errno.ENOEXEC, missing);
      image = { key: digest, module, prepare: !hasStartSection(bounded) };
      this.byDigest.set(digest, image);
    }
    this.byKey.set(`${key}\0${limitKey}`, image);
    return image;
  }

  start(image: ProgramImage, options: StartOptions): RunningProgram {
    const { module, prepare } = image as CompiledImage;
    const next = this.takeIdle(options.channel) ?? this.nextGivenBack();
    this.refillSoon();
    let worker: WorkerHandle | undefined;
    let terminated = false;
    void next.then(
      (w) => {
        worker = w;
        if (terminated) {
          this.discard(w);
          return;
        }
        w.keepAlive(true);
        this.busySince.set(w, this.platform.now());
        const stopMessages = w.onMessage((message) => {
          if (message.type !== 'finished') return;
          stopMessages();
          stopDeath();
          this.recycle(w, options.channel);
          options.events.finished((message.end ?? 'exit') as ProgramEnd);
        });
        const stopDeath = w.onDeath((reason) => {
          stopMessages();
          stopDeath();
          this.live.delete(w);
          this.busySince.delete(w);
          if (!terminated) options.events.lost(reason);
        });
        this.bells.start(w, {
          type: 'start',
          module,
          moduleKey: image.key,
          prepare,
          channel: options.channel,
          rings: options.rings ?? [],
          ringToken: options.ringToken ?? 0,
          pageArena: options.pageArena,
          argv: options.argv,
          env: options.env,
          bootTime: this.bootTime,
          startup: options.startup,
        });
      },
      (error: unknown) => options.events.lost(String(error)),
    );
    return {
      terminate: () => {
        if (terminated) return;
        terminated = true;
        if (worker) this.discard(worker);
      },
    };
  }

  random(bytes: Uint8Array): void {
    this.platform.random(bytes);
  }

  now(): number {
    return this.platform.now();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    const idle = this.idle.splice(0);
    this.lastChannel.clear();
    for (const worker of this.live) worker.terminate();
    this.live.clear();
    await Promise.allSettled(idle.map((w) => w.then((handle) => handle.terminate())));
  }

  /**
   * Refills the pool once spawning and exiting have been quiet for a while.
   * Refilling at once started a worker at every spawn, whose start-up took
   * CPU from the program (a warm spawn of hello cost about 40 ms instead of
   * under 1 ms on the 2-core test machine), and the worker given back was
   * then discarded. A fixed delay after a spawn did the same to any command
   * that outlived it, such as `unshare -f` (its child holds a second worker):
   * each run paid for cold workers started in the middle of it, and threw
   * the returning ones away. So every spawn and every worker given back
   * pushes the refill later; while programs keep coming and going, the
   * workers they give back keep the pool full.
   */
  private refillSoon(): void {
    if (this.closed) return;
    clearTimeout(this.refillTimer);
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      this.refill();
    }, REFILL_DELAY_MS);
  }

  private refill(): void {
    const now = this.platform.now();
    let young = 0;
    let oldestYoung = now;
    for (const since of this.busySince.values()) {
      if (now - since >= YOUNG_PROGRAM_MS) continue;
      young++;
      oldestYoung = Math.min(oldestYoung, since);
    }
    while (!this.closed && this.idle.length + young < this.poolSize) {
      const warming = this.spawnWorker();
      warming.catch(() => {}); // reported when taken from the pool
      this.idle.push(warming);
    }
    // Young programs not back by the time they are old are replaced then.
    if (young > 0 && this.idle.length < this.poolSize && !this.closed) {
      clearTimeout(this.refillTimer);
      this.refillTimer = setTimeout(
        () => {
          this.refillTimer = undefined;
          this.refill();
        },
        oldestYoung + YOUNG_PROGRAM_MS - now,
      );
    }
  }

  preferredChannel(): number | undefined {
    const last = this.idle[this.idle.length - 1];
    return last && this.lastChannel.get(last);
  }

  /**
   * An idle worker, best the one that last used `channel`: it has made an
   * instance of the program it ran bound to that channel, ready for the
   * next start there (worker/program-instance.ts); else the one given back
   * last, which may have too.
   */
  private takeIdle(channel: SharedArrayBuffer): Promise<WorkerHandle> | undefined {
    const id = channelId(channel);
    let at = this.idle.length - 1;
    for (let i = at; i >= 0; i--) {
      if (this.lastChannel.get(this.idle[i]!) === id) {
        at = i;
        break;
      }
    }
    if (at < 0) return undefined;
    const [taken] = this.idle.splice(at, 1);
    this.lastChannel.delete(taken!);
    return taken;
  }

  /** A worker given back within HANDOFF_WAIT_MS, else a new one. */
  private nextGivenBack(): Promise<WorkerHandle> {
    return new Promise((resolve, reject) => {
      const take = (worker: WorkerHandle) => {
        clearTimeout(timer);
        resolve(worker);
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        if (this.closed) {
          reject(new Error('the process host is closed'));
          return;
        }
        this.poolSize = Math.min(this.poolSize + 1, MAX_POOL_SIZE);
        this.spawnWorker().then(resolve, reject);
      }, HANDOFF_WAIT_MS);
      this.waiting.push(take);
    });
  }

  private async spawnWorker(): Promise<WorkerHandle> {
    const worker = await this.platform.createWorker();
    this.live.add(worker);
    worker.keepAlive(false);
    return worker;
  }

  /** A worker whose program finished cleanly goes back to the pool. */
  private recycle(worker: WorkerHandle, channel: SharedArrayBuffer): void {
    this.busySince.delete(worker);
    const waiter = this.closed ? undefined : this.waiting.shift();
    if (waiter) {
      waiter(worker);
      return;
    }
    if (this.closed || this.idle.length >= this.poolSize) {
      this.discard(worker);
      return;
    }
    worker.keepAlive(false);
    const entry = Promise.resolve(worker);
    this.idle.push(entry);
    this.lastChannel.set(entry, channelId(channel));
    if (this.refillTimer !== undefined) this.refillSoon();
  }

  private discard(worker: WorkerHandle): void {
    this.live.delete(worker);
    this.busySince.delete(worker);
    worker.terminate();
  }
}
