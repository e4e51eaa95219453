// The emulated runtime: a container is a process tree on the bocal kernel.
// Like runc, it starts the container's init in new mount, pid, uts, ipc
// (and net with --network none) namespaces, as pid 1 of the new pid
// namespace. What runc's init does before exec (the root, /proc, the host
// name, the ids) the kernel does as the new process before its program is
// found (container-init.ts), so the container's program is the first and
// only program its init runs. Nothing of the runtime stays beside the
// container's processes (runc exits; an idle container is one process).
import {
  CLONE_NEWIPC,
  CLONE_NEWNET,
  CLONE_NEWNS,
  CLONE_NEWPID,
  CLONE_NEWUTS,
} from '../../kernel/abi/mount-flags.ts';
import { Signal } from '../../kernel/abi/signals.ts';
import type { Kernel, SpawnedProcess } from '../../kernel/kernel.ts';
import type { Process } from '../../kernel/proc/process.ts';
import { sendSignal } from '../../kernel/proc/signals.ts';
import type {
  ContainerSpec,
  RootFilesystem,
  RootSpec,
  Runtime,
  RuntimeStatus,
} from '../runtime.ts';
import { ContainerFilesystem } from './container-filesystem.ts';
import { ContainerTerminal } from './container-terminal.ts';
import type {
  ContainerProcess,
  ContainerUsage,
  ExecProcess,
  ExecSpec,
} from '../container-operations.ts';
import {
  containerCgroup,
  execIn,
  freezeContainer,
  processesOf,
  thawContainer,
  usageOf,
} from './container-operations.ts';
import { ContainerCgroup } from './container-cgroup.ts';
import { installFile, mountContainerRoot, type ContainerRoot } from './container-root.ts';
import { commandError, containerInit, INIT_PATH } from './container-init.ts';
import type { MountSources } from './container-mounts.ts';
import { VolumeStore } from './volume-store.ts';
import { fillNewVolume } from './volume-copy.ts';
import { makeDirectories, readFile } from '../../kernel/boot/kernel-files.ts';
import { Errno } from '../../kernel/abi/errno.ts';
import { KernelError } from '../../kernel/errors.ts';
import { networkFiles } from './network-files.ts';
import { lookup } from '../../kernel/fs/path-walk.ts';
import { vfsContext } from '../../kernel/syscalls/fs-context.ts';

interface Instance {
  spec: ContainerSpec;
  filesystem: ContainerFilesystem;
  root: ContainerRoot;
  cgroup?: ContainerCgroup;
  /** The container's pid 1, running its program (or docker-init) from its first instruction. */
  init?: Process;
  exited?: Promise<number>;
  status: RuntimeStatus;
}

/** Where the runtime keeps box in the host's filesystem: `docker exec` runs its nsenter from here. */
export const HELPER_PATH = '/usr/libexec/bocal/box';

export class EmulatedRuntime implements Runtime {
  private readonly instances = new Map<string, Instance>();

  constructor(
    private readonly kernel: Kernel,
    /** box's bytes: its nsenter applet runs `docker exec`, docker-init is --init. */
    private readonly box: Uint8Array,
  ) {
    installFile(kernel.mounts, HELPER_PATH, box, 0o755);
  }

  private readonly clock = (): bigint => BigInt(Math.round(this.kernel.host.now() * 1e6));

  async create(spec: ContainerSpec): Promise<void> {
    const init = spec.process.init ? this.box : undefined;
    const filesystem = new ContainerFilesystem(spec.root, this.clock, init);
    const readOnly = spec.root.readOnly === true;
    for (const mount of spec.mounts ?? []) {
      if (mount.type !== 'volume') continue;
      await fillNewVolume(filesystem, mount.target, this.volumes.filesystem(mount.name).root);
    }
    const hostEtc = new Map<string, string | undefined>();
    for (const name of spec.network === 'host' ? ['hosts', 'resolv.conf'] : ['resolv.conf']) {
      hostEtc.set(name, await this.hostText(`/etc/${name}`));
    }
    const root = mountContainerRoot(
      this.kernel.mounts,
      spec.id,
      filesystem,
      readOnly,
      spec.mounts,
      this.mountSources,
      networkFiles(spec.network, spec.process.hostname, (name) => hostEtc.get(name), spec.names),
    );
    this.instances.set(spec.id, { spec, filesystem, root, status: 'created' });
  }

  readonly volumes = new VolumeStore(this.clock);

  /** Host files read for containers, with the identity of the version read. */
  private readonly hostTexts = new Map<string, { version: string; text: string }>();

  /**
   * A text file of the host's filesystem, or undefined when it cannot be
   * read. Read again only when it changed (another inode, size or times):
   * every container start reads the host's resolv.conf.
   */
  private async hostText(path: string): Promise<string | undefined> {
    try {
      const init = this.kernel.init;
      const stat = lookup(vfsContext(init), init.root, path, true).inode.stat();
      const version = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtime}:${stat.ctime}`;
      const known = this.hostTexts.get(path);
      if (known?.version === version) return known.text;
      const text = new TextDecoder().decode(await readFile(init, path));
      this.hostTexts.set(path, { version, text });
      return text;
    } catch {
      return undefined;
    }
  }

  private readonly mountSources: MountSources = {
    hostPath: (path, create) => {
      const init = this.kernel.init;
      const find = () => lookup(vfsContext(init), init.root, path, true);
      try {
        return find();
      } catch (error) {
        if (!(error instanceof KernelError) || error.errno !== Errno.ENOENT) throw error;
        if (!create) return undefined;
      }
      makeDirectories(init, path);
      return find();
    },
    volumes: this.volumes,
    clock: this.clock,
  };

  hostPathExists(path: string): boolean {
    return this.mountSources.hostPath(path, false) !== undefined;
  }

  hostName(): string {
    return this.kernel.init.namespaces.uts.names.nodename;
  }

  oomKilled(id: string): boolean {
    return this.instances.get(id)?.cgroup?.oomKilled ?? false;
  }

  filesystem(id: string, root: RootSpec): RootFilesystem {
    return this.instances.get(id)?.filesystem ?? new ContainerFilesystem(root, this.clock);
  }

  private instance(id: string): Instance {
    const instance = this.instances.get(id);
    if (!instance) throw new Error(`no such container: ${id}`);
    return instance;
  }

  async start(id: string): Promise<number> {
    const instance = this.instance(id);
    const { process } = instance.spec;
    instance.cgroup?.release();
    instance.cgroup = new ContainerCgroup(this.kernel, id, instance.spec.limits);
    const network = instance.spec.network === 'none' ? CLONE_NEWNET : 0;
    const terminal = process.ownTerminal
      ? new ContainerTerminal(this.kernel, process.ownTerminal)
      : undefined;
    // --init: docker-init is pid 1 and runs the program as its child.
    const argv = process.init ? [INIT_PATH, '--', ...process.args] : process.args;
    let spawned: SpawnedProcess;
    try {
      spawned = await this.kernel.spawn({
        program: { path: argv[0] ?? '' },
        argv,
        env: process.env,
        fds: terminal ? new Map([0, 1, 2].map((fd) => [fd, terminal.file])) : process.stdio,
        console: process.console,
        cgroup: instance.cgroup.cgroup,
        cloneFlags: CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | network,
        prepare: containerInit(this.kernel, instance.root.path, process),
      });
    } catch (error) {
      instance.cgroup.release();
      instance.cgroup = undefined;
      throw commandError(error, argv[0] ?? '');
    }
    const init = spawned.process;
    terminal?.attach(init);
    instance.init = init;
    instance.status = 'running';
    instance.exited = spawned.exited.then((status) => {
      instance.status = 'stopped';
      instance.cgroup?.release();
      return status;
    });
    return init.pid;
  }

  kill(id: string, signal: number): void {
    const instance = this.instance(id);
    if (instance.status !== 'running' || !instance.init) return;
    sendSignal(this.kernel.processes, instance.init, signal);
  }

  wait(id: string): Promise<number> {
    const instance = this.instance(id);
    return instance.exited ?? Promise.reject(new Error(`container ${id} was not started`));
  }

  status(id: string): RuntimeStatus | undefined {
    return this.instances.get(id)?.status;
  }

  /** The container's init while it runs (exec, pause, top, stats). */
  private async running(id: string): Promise<Process> {
    const instance = this.instance(id);
    if (instance.status !== 'running' || !instance.init) {
      throw new Error(`container ${id} is not running`);
    }
    return instance.init;
  }

  async exec(id: string, spec: ExecSpec): Promise<ExecProcess> {
    const init = await this.running(id);
    const cgroup = init.cgroup?.isRoot === false ? init.cgroup : undefined;
    return execIn(this.kernel, HELPER_PATH, init, cgroup, spec);
  }

  async pause(id: string): Promise<void> {
    const init = await this.running(id);
    freezeContainer(id, containerCgroup(this.kernel, id, init));
  }

  async resume(id: string): Promise<void> {
    thawContainer(id);
  }

  async processes(id: string): Promise<ContainerProcess[]> {
    return processesOf(this.kernel, await this.running(id));
  }

  async usage(id: string): Promise<ContainerUsage | undefined> {
    const init = await this.running(id);
    const usage = usageOf(containerCgroup(this.kernel, id, init));
    // Docker counts the container's processes (those of its pid namespace).
    return { ...usage, pids: processesOf(this.kernel, init).length };
  }

  async delete(id: string): Promise<void> {
    const instance = this.instances.get(id);
    if (!instance) return;
    if (instance.status === 'running') {
      this.kill(id, Signal.SIGKILL);
      await instance.exited;
    }
    instance.root.release();
    this.instances.delete(id);
  }
}
