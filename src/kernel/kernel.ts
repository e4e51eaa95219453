// The kernel: one process table, one root filesystem, one syscall table,
// and the runners of the programs. It composes the areas; the behaviour
// lives in them. Hosts (the Node CLI, the browser's kernel worker) create a
// Kernel with a ProcessHost and start programs with `spawn`.
import { Errno } from './abi/errno.ts';
import { Signal } from './abi/signals.ts';
import { Sys } from './abi/syscalls.ts';
import { ClockId } from './abi/wasi.ts';
import { exitedStatus, signaledStatus } from './abi/wait-status.ts';
import { KernelConsole } from './boot/console.ts';
import { createRootFilesystem } from './boot/root-filesystem.ts';
import { procfsSourceOf } from './boot/procfs-source.ts';
import { fail } from './errors.ts';
import { logKernelFault } from './log.ts';
import { ProgramRunner } from './exec/program-runner.ts';
import { builtinContext, ProcessGone, type BuiltinProgram } from './exec/builtin-program.ts';
import { findProgram, type FoundProgram } from './exec/find-program.ts';
import { ProgramImages } from './exec/image-cache.ts';
import { createExecSyscalls, type ProgramLauncher } from './syscalls/exec.ts';
import { NOTICE_EXEC } from './abi/channel.ts';
import type { Dentry } from './fs/dentry.ts';
import { lookup } from './fs/path-walk.ts';
import { vfsContext } from './syscalls/fs-context.ts';
import type { MountTable } from './fs/mount.ts';
import type { OpenFile } from './fs/open-file.ts';
import { PREOPEN_FD, PreopenDirectory } from './fs/preopen.ts';
import type { ProcessHost, ProgramImage } from './host.ts';
import { rootCredentials, type Credentials } from './proc/credentials.ts';
import { exitProcess, reap } from './proc/exit.ts';
import { FdTable } from './proc/fd-table.ts';
import { createInit, forkProcess } from './proc/fork.ts';
import { createNamespaces, installNamespaces } from './ns/create.ts';
import { resetOnExec } from './proc/exec-reset.ts';
import type { ProcessHooks } from './proc/hooks.ts';
import { ProcessState, type Process } from './proc/process.ts';
import { ProcessTable } from './proc/process-table.ts';
import { sendSignal } from './proc/signals.ts';
import type { SyscallEntry } from './syscalls/call.ts';
import { dispatch } from './syscalls/dispatch.ts';
import { fsSyscalls } from './syscalls/fs.ts';
import { createPollSyscall } from './syscalls/poll.ts';
import { processSyscalls } from './syscalls/process.ts';
import { signalSyscalls } from './syscalls/signal.ts';
import { socketSyscalls } from './syscalls/socket.ts';
import { netConfigSyscalls } from './syscalls/net-config.ts';
import { fsStatSyscalls } from './syscalls/fs-stat.ts';
import { mountAs, mountSyscalls, type MountContext, type MountRequest } from './syscalls/mount.ts';
import { nsSyscalls } from './syscalls/ns.ts';
import { filesystemTypes, type NewFilesystem } from './fs/vfs/filesystem-types.ts';
import { Procfs } from './fs/procfs/nodes.ts';
import type { PidNamespace } from './ns/pid.ts';
import { fsExtSyscalls } from './syscalls/fs-ext.ts';
import { ttySyscalls } from './syscalls/tty.ts';
import { DEFAULT_TOTAL_MEMORY, systemSyscalls } from './syscalls/system.ts';
import { Uts } from './uts.ts';
import type { Cgroup } from './cgroup/cgroup.ts';
import { chargeFork } from './cgroup/fork.ts';
import { CgroupHierarchy } from './cgroup/hierarchy.ts';
import { memoryCeiling } from './cgroup/memory.ts';
import { Cgroupfs } from './fs/cgroupfs/cgroupfs.ts';
import { cgroupSyscalls } from './syscalls/cgroup.ts';
import { ipcSyscalls } from './syscalls/ipc.ts';
import { applyUndoAtExit } from './ipc/sem-set.ts';
import { detachAll } from './ipc/shm-attach.ts';
import { initialNamespaces } from './ns/namespace-set.ts';
import type { NamespaceSet } from './ns/namespace-set.ts';
import { SyscallTable } from './syscalls/table.ts';
import { setKernelTimer } from './timers.ts';
import type { Reply, Request } from './syscalls/channel-server.ts';

export interface KernelOptions {
  /** Programs written in TypeScript, by the name their files carry (exec/program-file.ts). */
  builtins?: Record<string, BuiltinProgram>;
}

export interface SpawnSpec {
  /**
   * The program: WebAssembly bytes with a key to cache their compiled form
   * under, or a path in the kernel's filesystem (searched in PATH when it
   * has no '/').
   */
  program: { bytes: Uint8Array; key: string } | { path: string };
  argv: string[];
  env?: string[];
  /** Open files for fds 0, 1, 2 (and more); fd 3 is always the root preopen. */
  fds?: Map<number, OpenFile>;
  /** Working directory, absolute; `/` by default. */
  cwd?: string;
  credentials?: Credentials;
  /**
   * Start it on the console: leader of a new session whose controlling
   * terminal is the console, in the foreground, with fds 0, 1, 2 on it
   * (entries of `fds` still win).
   */
  console?: boolean;
  /**
   * The cgroup to start it in (a container's, made with `cgroups.create`),
   * as clone3's CLONE_INTO_CGROUP: EAGAIN past its pids.max.
   */
  cgroup?: Cgroup;
  /**
   * CLONE_NEW* flags, as clone3's: the process starts in new namespaces,
   * with CLONE_NEWPID as pid 1 of a new pid namespace (how runc starts a
   * container's init).
   */
  cloneFlags?: number;
  /**
   * What a container runtime's init does as the new process before its
   * program is found (runc's init: root, mounts, ids): called after the
   * namespaces and the cgroup, before `credentials` and `cwd` apply. A
   * throw fails the spawn, the process never having run.
   */
  prepare?: (child: Process) => void | Promise<void>;
}

export interface SpawnedProcess {
  process: Process;
  /** Resolves with the wait status when the process ends. */
  exited: Promise<number>;
}

export class Kernel {
  readonly processes: ProcessTable;
  readonly syscalls: SyscallTable;
  readonly mounts: MountTable;
  /** The host and domain names of the initial UTS namespace. */
  readonly uts = new Uts();
  /** The initial namespaces: init's, and every process's until it unshares or enters others. */
  readonly namespaces: NamespaceSet;
  /** pid 1: the kernel's own init, which reaps the processes it is given. */
  readonly init: Process;
  /** The console terminal its host attaches a screen and keyboard to. */
  readonly console: KernelConsole;
  /** The cgroup v2 hierarchy (mounted at /sys/fs/cgroup): limits and stats of process groups. */
  readonly cgroups: CgroupHierarchy;
  private readonly runners = new Map<Process, ProgramRunner>();
  private readonly exits = new Map<Process, (status: number) => void>();
  /** The current run of each process running a builtin: an execve starts a new one. */
  private readonly builtinRuns = new WeakMap<Process, object>();
  private closed = false;
  private readonly procfsByNamespace = new WeakMap<PidNamespace, Procfs>();
  /** The proc instance mounted at boot: the initial pid namespace's. */
  private readonly bootProcfs: Procfs | undefined;

  private readonly builtins: Record<string, BuiltinProgram>;
  private readonly images: ProgramImages;
  private readonly mountContext: MountContext;

  constructor(
    readonly host: ProcessHost,
    options: KernelOptions = {},
  ) {
    this.builtins = options.builtins ?? {};
    this.images = new ProgramImages(host);
    this.processes = new ProcessTable(this.hooks());
    this.console = new KernelConsole(this.processes);
    const clock = () => BigInt(Math.round(host.now() * 1e6));
    this.cgroups = new CgroupHierarchy({
      now: () => host.now(),
      // The kernel's own init is never killed by cgroup.kill or the OOM
      // killer, as Linux spares the global init.
      kill: (process) => {
        if (process !== this.init) sendSignal(this.processes, process, Signal.SIGKILL);
      },
      pidIn: (viewer, process) =>
        viewer ? viewer.namespaces.pid.numberOf(process.pid) : process.pid,
      processAt: (viewer, pid) => {
        const global = viewer.namespaces.pid.globalOf(pid);
        return global === undefined ? undefined : this.processes.get(global);
      },
    });
    this.mounts = createRootFilesystem({
      cgroupfs: new Cgroupfs(this.cgroups, (pid) => this.processes.get(pid), clock),
      clock,
      random: (bytes) => host.random(bytes),
      procfs: procfsSourceOf(this.processes, undefined, this.host),
      terminals: this.console.terminals,
    });
    const proc = this.mounts.list().find((mount) => mount.fs instanceof Procfs);
    this.bootProcfs = proc?.fs as Procfs | undefined;
    const mountContext: MountContext = {
      filesystems: filesystemTypes(this.mounts),
      procfs: (ns) => this.procfsOf(ns),
      processes: () => this.processes.list(),
    };
    this.mountContext = mountContext;
    this.syscalls = new SyscallTable(
      fsSyscalls,
      processSyscalls,
      signalSyscalls,
      socketSyscalls,
      netConfigSyscalls,
      fsStatSyscalls,
      mountSyscalls(mountContext),
      nsSyscalls,
      fsExtSyscalls,
      ttySyscalls,
      systemSyscalls({
        utsOf: (process) => process.namespaces.uts.names,
        now: (id) => this.clockNow(id),
        setTimer,
        totalMemory: DEFAULT_TOTAL_MEMORY,
      }),
      [createPollSyscall({ now: (id) => this.clockNow(id), setTimer })],
      this.kernelSyscalls(),
      cgroupSyscalls(this.cgroups),
      ipcSyscalls({
        now: () => Math.floor(this.host.now() / 1000),
        monotonic: () => this.clockNow(ClockId.MONOTONIC),
        setTimer,
      }),
      createExecSyscalls(this.launcher(), mountContext),
    );
    this.namespaces = initialNamespaces(this.mounts, this.uts);
    const root = this.mounts.root.root;
    const fds = new FdTable();
    fds.set(PREOPEN_FD, new PreopenDirectory(root));
    this.init = createInit(this.processes, {
      argv: ['init'],
      env: [],
      fds,
      root,
      cwd: root,
      credentials: rootCredentials(),
      namespaces: this.namespaces,
    });
    this.cgroups.adopt(this.init);
    this.init.usage.runInKernel(host.now());
    void this.reapOrphans();
  }

  /**
   * What a real init does forever: wait for its children (its own and the
   * orphans it adopts) and reap them, so no zombie stays behind.
   */
  private async reapOrphans(): Promise<void> {
    while (!this.closed) {
      for (const child of [...this.init.children]) {
        if (child.state === ProcessState.Zombie) reap(this.processes, child);
      }
      await this.processes.childChange(this.init).promise;
    }
  }

  /** mount(2) as `process` does it (a spawn's `prepare`: a container's /proc). */
  mountAs(process: Process, request: MountRequest): void {
    mountAs(this.mountContext, process, request);
  }

  /** Starts a program as a new child of init. */
  async spawn(spec: SpawnSpec): Promise<SpawnedProcess> {
    const env = spec.env ?? [];
    const created = spec.cloneFlags
      ? createNamespaces(this.init, spec.cloneFlags, true)
      : undefined;
    const child = forkProcess(this.processes, this.init, created?.namespaces);
    if (created) installNamespaces(child, created);
    let program: FoundProgram;
    try {
      // The program is found as the child: its credentials and working directory.
      if (spec.cgroup) {
        chargeFork(spec.cgroup);
        this.cgroups.migrate(child, spec.cgroup);
      }
      await spec.prepare?.(child);
      if (spec.credentials) child.credentials = spec.credentials;
      if (spec.cwd) child.cwd = this.directory(spec.cwd, child);
      program =
        'path' in spec.program
          ? await findProgram(child, spec.program.path, spec.argv, env, true)
          : givenProgram(spec.program, spec.argv);
    } catch (error) {
      exitProcess(this.processes, child, exitedStatus(127));
      throw error;
    }
    for (const fd of child.fds.fds()) if (fd !== PREOPEN_FD) child.fds.close(fd);
    if (spec.console) this.console.attach(child);
    for (const [fd, file] of spec.fds ?? []) child.fds.set(fd, file);
    resetOnExec(child, program.argv, env, program.path);
    child.comm = program.command;
    const exited = new Promise<number>((resolve) => this.exits.set(child, resolve));
    try {
      await this.start(child, program);
    } catch (error) {
      this.exits.delete(child);
      exitProcess(this.processes, child, exitedStatus(127));
      throw error;
    }
    return { process: child, exited };
  }

  /** Starts a found program in a prepared process: a worker for wasm, the kernel thread for builtins. */
  private async start(process: Process, program: FoundProgram): Promise<void> {
    if (program.kind.kind === 'builtin') {
      this.runBuiltin(process, this.builtin(program.kind.name));
      return;
    }
    this.run(process, await this.load(process, program));
  }

  private load(process: Process, program: FoundProgram): Promise<ProgramImage> {
    const limit = Math.min(process.limits.memoryLimit(), memoryCeiling(process.cgroup));
    return this.images.load(program, limit);
  }

  private builtin(name: string): BuiltinProgram {
    return this.builtins[name] ?? fail(Errno.ENOEXEC, `no builtin program ${name}`);
  }

  private launcher(): ProgramLauncher {
    return {
      start: (process, program) => {
        resetOnExec(process, program.argv, process.env, program.path);
        process.comm = program.command;
        return this.start(process, program);
      },
      replace: async (process, program) => {
        // Load before anything changes: a failed exec leaves the caller as it was.
        const wasm = program.kind.kind === 'wasm';
        const image = wasm ? await this.load(process, program) : undefined;
        const builtin =
          program.kind.kind === 'builtin' ? this.builtin(program.kind.name) : undefined;
        resetOnExec(process, program.argv, process.env, program.path);
        // execve unmaps System V segments (the program's copies go with its memory).
        detachAll(process, Math.floor(this.host.now() / 1000));
        process.comm = program.command;
        this.runners.get(process)?.end(NOTICE_EXEC);
        this.builtinRuns.delete(process);
        if (image) this.run(process, image);
        else if (builtin) this.runBuiltin(process, builtin);
      },
    };
  }

  private runBuiltin(process: Process, program: BuiltinProgram): void {
    process.usage.runInKernel(this.host.now());
    const run = {};
    this.builtinRuns.set(process, run);
    const current = () => this.builtinRuns.get(process) === run;
    const context = builtinContext(process, (p, request) => this.route(p, request), current);
    void program(context).then(
      (code) => {
        if (current()) exitProcess(this.processes, process, exitedStatus(code & 0xff));
      },
      (error: unknown) => {
        if (error instanceof ProcessGone) return;
        logKernelFault(`builtin program ${process.argv[0] ?? ''} failed`, error);
        exitProcess(this.processes, process, exitedStatus(70));
      },
    );
  }

  /** The proc filesystem of pid namespace `ns`: the booted one for the initial namespace. */
  private procfsOf(ns: PidNamespace): NewFilesystem {
    const boot = this.bootProcfs ?? fail(Errno.ENODEV);
    if (!ns.parent) return { fs: boot, root: boot.root };
    let fs = this.procfsByNamespace.get(ns);
    if (!fs) {
      fs = boot.withSource(procfsSourceOf(this.processes, ns, this.host));
      this.procfsByNamespace.set(ns, fs);
    }
    return { fs, root: fs.root };
  }

  /** Stops every program and releases the host's workers. */
  async shutdown(): Promise<void> {
    this.closed = true;
    for (const process of this.processes.list()) {
      if (process !== this.init) sendSignal(this.processes, process, Signal.SIGKILL);
    }
    await this.host.close();
  }

  private run(process: Process, image: ProgramImage): void {
    process.usage.runInWorker(this.host.now());
    const runner = new ProgramRunner(
      process,
      (p, request) => this.route(p, request),
      () => {
        if (this.runners.get(process) === runner) this.runners.delete(process);
      },
    );
    this.runners.set(process, runner);
    runner.start(this.host, image);
  }

  private route(process: Process, request: Request): Reply | Promise<Reply> {
    // Terminals ask who is calling during the synchronous part of a handler.
    const callers = this.console.callers;
    const outer = callers.enter(process);
    // A count, not a clock: the system-time estimate (cgroup/task-usage.ts).
    process.usage.syscalls++;
    try {
      const reply = dispatch(this.syscalls, process, request, this.observeErrno);
      if (reply instanceof Promise) this.accountBlocking(process, reply);
      return reply;
    } finally {
      callers.leave(outer);
    }
  }

  /** Time a process waits in a syscall is not CPU time (cgroup/task-usage.ts). */
  private accountBlocking(process: Process, reply: Promise<Reply>): void {
    const usage = process.usage;
    usage.beginBlocking(this.host.now());
    const end = () => usage.endBlocking(this.host.now());
    reply.then(end, end);
  }

  /** A write to a pipe or socket nobody reads raises SIGPIPE, as Linux's pipe_write does. */
  private readonly observeErrno = (process: Process, number: number, errno: Errno): void => {
    if (
      errno === Errno.EPIPE &&
      (number === Sys.FD_WRITE ||
        number === Sys.FD_PWRITE ||
        number === Sys.SOCK_SEND ||
        number === Sys.SENDFILE)
    ) {
      sendSignal(this.processes, process, Signal.SIGPIPE);
    }
  };

  private hooks(): ProcessHooks {
    return {
      terminate: (process) => {
        applyUndoAtExit(process);
        detachAll(process, Math.floor(this.host.now() / 1000));
        this.cgroups.exited(process);
        this.runners.get(process)?.end();
        const resolve = this.exits.get(process);
        this.exits.delete(process);
        resolve?.(process.exitStatus ?? 0);
      },
      stop: (process) => this.runners.get(process)?.stop(),
      resume: (process) => this.runners.get(process)?.resume(),
      interrupt: () => {
        // Interruptible waits listen to the process's signal state themselves.
      },
      initExited: () => {},
    };
  }

  /** Calls the kernel itself answers: traps and scheduling. */
  private kernelSyscalls(): SyscallEntry[] {
    return [
      {
        number: Sys.TRAP,
        name: 'trap',
        handler: (call) => {
          // The worker already wrote the message (the input) to the process's stderr.
          exitProcess(this.processes, call.process, signaledStatus(Signal.SIGABRT));
        },
        support: 'full',
        note: 'A WebAssembly trap ends the process as SIGABRT would (exit status 134 in a shell), as wasmtime reports traps.',
      },
      {
        number: Sys.SCHED_YIELD,
        name: 'sched_yield',
        handler: () => undefined,
        support: 'full',
        note: 'Each process has its own thread; yielding has nothing to give up.',
      },
    ];
  }

  private clockNow(id: ClockId): bigint {
    const now = this.host.now();
    if (id === ClockId.REALTIME) return BigInt(Math.round(now * 1e6));
    if (id === ClockId.MONOTONIC) return BigInt(Math.round((now - this.host.bootTime) * 1e6));
    return fail(Errno.EINVAL);
  }

  /** The directory at `path` for `process`, through the VFS's walk (mounts, symlinks, permissions). */
  private directory(path: string, process: Process): Dentry {
    const dentry = lookup(vfsContext(process), process.root, path, true);
    if (!dentry.inode.isDirectory) fail(Errno.ENOTDIR, `not a directory: ${path}`);
    return dentry;
  }
}

/** A program given by its bytes rather than found in the filesystem: WebAssembly, cached under its key. */
function givenProgram(program: { bytes: Uint8Array; key: string }, argv: string[]): FoundProgram {
  const name = argv[0] ?? '';
  return {
    kind: { kind: 'wasm' },
    read: async () => program.bytes,
    key: program.key,
    path: name,
    command: name.split('/').pop() ?? '',
    argv,
  };
}

/**
 * A timer that never fires early: hosts' timers count whole milliseconds
 * from a clock read at the start of their event-loop turn, so they can fire
 * up to a millisecond before the precise clock says the time has come.
 */
function setTimer(delay: bigint, callback: () => void): () => void {
  const ms = delay <= 0n ? 0 : Math.ceil(Number(delay) / 1e6) + 1;
  return setKernelTimer(callback, ms);
}
