// Runs one process's program: owns its syscall channel and the worker the
// host gave it. Requests go through the dispatcher; replies carry notices
// (a signal to handle, an end to unwind to). Ending a program is graceful
// when its worker is waiting for a syscall (the reply tells it to unwind and
// the worker returns to the pool) and forced otherwise (the worker is
// terminated, which is how a compute loop is killed).
import {
  CHANNEL_SIZE,
  ChannelViews,
  I32_STATE,
  NOTICE_EXIT,
  NOTICE_SIGNAL,
  STATE_CALL,
  WAITED_OFFSET,
} from '../abi/channel.ts';
import type { ProcessHost, ProgramImage, RunningProgram } from '../host.ts';
import { isFrozen, thawed } from '../cgroup/freezer.ts';
import type { Process } from '../proc/process.ts';
import { RingExport } from '../fs/pipe/ring-export.ts';
import { clearReadWindow, ReadWindow, setReadWindow } from '../fs/tmpfs/read-window.ts';
import { ChannelServer, type Reply, type Request } from '../syscalls/channel-server.ts';

export type RequestRouter = (process: Process, request: Request) => Reply | Promise<Reply>;

export class ProgramRunner {
  readonly channel = new SharedArrayBuffer(CHANNEL_SIZE);
  private readonly state = new Int32Array(this.channel, 0, 1);
  private readonly server: ChannelServer;
  private program: RunningProgram | undefined;
  private rings: RingExport | undefined;
  private readonly window: ReadWindow;
  private ended = false;
  private markEnded = () => {};
  /** Resolves once `end` is called: a frozen request stops waiting. */
  private readonly endedPromise = new Promise<void>((resolve) => (this.markEnded = resolve));
  /** Set while the process is stopped: requests wait for it. */
  private stopGate: { promise: Promise<void>; open: () => void } | undefined;
  private host: ProcessHost | undefined;
  /** Milliseconds the worker slept on pipe rings by itself, from the channel (cgroup/task-usage.ts). */
  private readonly waited = new BigInt64Array(this.channel, WAITED_OFFSET, 1);
  private readonly workerWaited = (): number => Number(Atomics.load(this.waited, 0)) / 1000;

  constructor(
    private readonly process: Process,
    route: RequestRouter,
    /** Called once the worker has let go of the program, whatever the reason. */
    private readonly onFinished: () => void,
  ) {
    const views = new ChannelViews(this.channel);
    this.window = new ReadWindow(views.windowI32, views.windowData);
    const window = this.window;
    this.server = new ChannelServer(
      this.channel,
      (request) => this.serve(route, request),
      () => window.fill(),
    );
  }

  start(host: ProcessHost, image: ProgramImage): void {
    this.server.start();
    const window = this.window;
    this.rings = new RingExport(this.process.fds, new ChannelViews(this.channel).fdMap, (fd) =>
      window.fdChanged(fd),
    );
    setReadWindow(this.process, window);
    this.host = host;
    this.process.usage.workerWaited = this.workerWaited;
    this.program = host.start(image, {
      channel: this.channel,
      rings: this.rings.buffers,
      ringToken: this.rings.token,
      argv: this.process.argv,
      env: this.process.env,
      events: {
        finished: () => this.finish(),
        lost: () => this.finish(),
      },
    });
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
      this.finish();
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
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.server.stop();
    this.rings?.detach();
    this.window.giveBack();
    clearReadWindow(this.process, this.window);
    this.onFinished();
  }
}
