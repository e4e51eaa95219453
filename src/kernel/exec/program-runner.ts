// Runs one process's program: owns its syscall channel and the worker the
// host gave it. Requests go through the dispatcher; replies carry notices
// (a signal to handle, an end to unwind to). Ending a program is graceful
// when its worker is waiting for a syscall (the reply tells it to unwind and
// the worker returns to the pool) and forced otherwise (the worker is
// terminated, which is how a compute loop is killed).
import { pageArena } from '../fs/page-arena.ts';
import {
  ChannelViews,
  I32_STATE,
  NOTICE_EXIT,
  NOTICE_SIGNAL,
  SIDE_I32_MEMORY_PAGES,
  SIDE_I32_ROOT_PREOPEN,
  STATE_CALL,
  WAITED_OFFSET,
} from '../abi/channel.ts';
import { Errno } from '../abi/errno.ts';
import { LIBRARY_ROOT_FD, type StartupFacts } from '../abi/startup-facts.ts';
import { Sys } from '../abi/syscalls.ts';
import type { ProcessHost, ProgramImage, RunningProgram } from '../host.ts';
import { isFrozen, thawed } from '../cgroup/freezer.ts';
import type { Process } from '../proc/process.ts';
import { RingExport } from '../fs/pipe/ring-export.ts';
import { clearReadWindow, ReadWindow, setReadWindow } from '../fs/tmpfs/read-window.ts';
import { ChannelServer, type Reply, type Request } from '../syscalls/channel-server.ts';
import { cwdPath } from '../syscalls/fs-ext-path.ts';
import { moveRootPreopen, rootPreopenFreesFd3 } from '../syscalls/root-preopen.ts';
import { giveBackChannel, takeChannel } from './channel-pool.ts';

export type RequestRouter = (process: Process, request: Request) => Reply | Promise<Reply>;

export class ProgramRunner {
  // The channel and what works on it are made by start(), which the kernel
  // calls right after the constructor: the channel to take depends on the
  // host's next worker (ProcessHost.preferredChannel).
  channel!: SharedArrayBuffer;
  private state!: Int32Array;
  /** The side words (abi/channel.ts), and the memory size last charged from them, in pages. */
  private side!: Int32Array;
  private chargedPages = 0;
  private server!: ChannelServer;
  private program: RunningProgram | undefined;
  private rings: RingExport | undefined;
  private window!: ReadWindow;
  private ended = false;
  private markEnded = () => {};
  /** Resolves once `end` is called: a frozen request stops waiting. */
  private readonly endedPromise = new Promise<void>((resolve) => (this.markEnded = resolve));
  /** Set while the process is stopped: requests wait for it. */
  private stopGate: { promise: Promise<void>; open: () => void } | undefined;
  private host: ProcessHost | undefined;
  /** Milliseconds the worker slept on pipe rings by itself, from the channel (cgroup/task-usage.ts). */
  private waited!: BigInt64Array;
  private readonly workerWaited = (): number => Number(Atomics.load(this.waited, 0)) / 1000;

  constructor(
    private readonly process: Process,
    private readonly route: RequestRouter,
    /** Called once the worker has let go of the program, whatever the reason. */
    private readonly onFinished: () => void,
  ) {}

  start(host: ProcessHost, image: ProgramImage): void {
    // The channel the host's next worker used last, if it is free: that
    // worker has made an instance bound to it (worker/program-instance.ts).
    this.channel = takeChannel(host.preferredChannel?.());
    this.state = new Int32Array(this.channel, 0, 1);
    this.waited = new BigInt64Array(this.channel, WAITED_OFFSET, 1);
    const views = new ChannelViews(this.channel);
    this.side = views.side;
    const window = new ReadWindow(views.windowI32, views.windowData);
    this.window = window;
    const route = this.route;
    this.server = new ChannelServer(
      this.channel,
      (request) => this.serve(route, request),
      () => window.fill(),
    );
    this.server.start();
    this.rings = new RingExport(this.process.fds, views.fdMap, (fd) => window.fdChanged(fd));
    setReadWindow(this.process, window);
    this.host = host;
    this.process.usage.workerWaited = this.workerWaited;
    this.program = host.start(image, {
      channel: this.channel,
      rings: this.rings.buffers,
      ringToken: this.rings.token,
      pageArena: this.rings.buffers.length > 0 ? pageArena()?.buffer : undefined,
      argv: this.process.argv,
      env: this.process.env,
      startup: this.startupFacts(),
      events: {
        finished: () => this.finish(true),
        lost: () => this.finish(false),
      },
    });
  }

  /** What the worker may answer of the C library's start-up calls itself (abi/startup-facts.ts). */
  private startupFacts(): StartupFacts {
    const facts: StartupFacts = {};
    if (rootPreopenFreesFd3(this.process.fds, LIBRARY_ROOT_FD)) {
      facts.rootPreopenFd = LIBRARY_ROOT_FD;
    }
    const cwd = cwdPath(this.process);
    if (cwd) facts.cwd = cwd;
    return facts;
  }

  /**
   * Ends the program: the process has exited or was killed (NOTICE_EXIT), or
   * exec replaced its program (NOTICE_EXEC).
   */
  end(notice = NOTICE_EXIT): void {
    if (this.ended) return;
    this.ended = true;
    const usage = this.process.usage;
    if (usage.workerWaited === this.workerWaited) usage.keepWorkerWaited();
    this.markEnded();
    this.stopGate?.open();
    if (Atomics.load(this.state, I32_STATE) === STATE_CALL) {
      // The worker is blocked in a syscall: release it with the notice.
      this.server.release({ errno: 0, notices: notice });
    } else {
      this.server.stop();
      this.program?.terminate();
      this.finish(false);
    }
  }

  /** SIGSTOP and friends: the program is held at its next syscall. */
  stop(): void {
    if (this.stopGate) return;
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.stopGate = { promise, open };
  }

  resume(): void {
    this.stopGate?.open();
    this.stopGate = undefined;
  }

  private serve(route: RequestRouter, request: Request): Reply | Promise<Reply> {
    const side = this.side;
    if (side[SIDE_I32_MEMORY_PAGES] !== this.chargedPages || side[SIDE_I32_ROOT_PREOPEN] !== 0) {
      this.takeSideNews(route);
      // The OOM killer ended the process: its call was answered already (end()).
      if (this.ended) return { errno: Errno.SUCCESS };
    }
    if (this.stopGate || isFrozen(this.process.cgroup)) {
      const copy = {
        number: request.number,
        args: request.args.slice(),
        input: request.input.slice(),
      };
      // Stopped or frozen time is not CPU time.
      const usage = this.process.usage;
      const now = () => this.host?.now() ?? 0;
      usage.beginBlocking(now());
      return this.held().then(() => {
        usage.endBlocking(now());
        return this.withNotices(route(this.process, copy));
      });
    }
    return this.withNotices(route(this.process, request));
  }

  /**
   * Does what the worker left in the side words before this call: the move
   * of a ROOT_PREOPEN it answered itself, then the memory controller's
   * charge of a new memory size (which may OOM-kill the process).
   */
  private takeSideNews(route: RequestRouter): void {
    const side = this.side;
    const root = side[SIDE_I32_ROOT_PREOPEN]!;
    if (root !== 0) {
      side[SIDE_I32_ROOT_PREOPEN] = 0;
      // The worker answered only what the kernel said at the start would
      // hold; only a limit lowered since (prlimit) could make this fail.
      try {
        moveRootPreopen(this.process.fds, root - 1);
      } catch {
        // The preopen stays at fd 3, as a failed call leaves it.
      }
    }
    const pages = side[SIDE_I32_MEMORY_PAGES]!;
    if (pages !== this.chargedPages) {
      this.chargedPages = pages;
      const args = new BigInt64Array(8);
      args[0] = BigInt(pages) * WASM_PAGE;
      route(this.process, { number: Sys.MEMORY_REPORT, args, input: NO_INPUT });
    }
  }

  /** Waits while the process is stopped or its cgroup frozen (cgroup/freezer.ts), or until it ends. */
  private async held(): Promise<void> {
    while (!this.ended) {
      if (this.stopGate) {
        await this.stopGate.promise;
        continue;
      }
      const cgroup = this.process.cgroup;
      if (!cgroup || !isFrozen(cgroup)) return;
      await Promise.race([thawed(cgroup), this.endedPromise]);
    }
  }

  private withNotices(reply: Reply | Promise<Reply>): Reply | Promise<Reply> {
    if (reply instanceof Promise) return reply.then((r) => this.addNotices(r));
    return this.addNotices(reply);
  }

  private addNotices(reply: Reply): Reply {
    const signals = this.process.signals;
    if (this.ended) reply.notices = (reply.notices ?? 0) | NOTICE_EXIT;
    else if ((signals.pending & ~signals.blocked) !== 0 && signals.handlerDeliverable() !== 0) {
      reply.notices = (reply.notices ?? 0) | NOTICE_SIGNAL;
    }
    return reply;
  }

  private finished = false;
  /**
   * `clean`: the worker said it finished after the process ended or exec'd,
   * so nothing uses the channel any more and the next program may have it.
   */
  private finish(clean: boolean): void {
    if (this.finished) return;
    this.finished = true;
    this.server.stop();
    this.rings?.detach();
    this.window.giveBack();
    clearReadWindow(this.process, this.window);
    if (clean && this.ended) {
      const usage = this.process.usage;
      if (usage.workerWaited === this.workerWaited) usage.keepWorkerWaited();
      giveBackChannel(this.channel);
    }
    this.onFinished();
  }
}

const WASM_PAGE = 65536n;
const NO_INPUT = new Uint8Array(0);
