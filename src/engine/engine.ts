// The container engine (dockerd's part): container records and their
// states, ids and names, the image to run resolved through the image
// store, the runtime asked to make and run the process, output captured
// per container for `logs`, and an attached caller's streams.
import { shellExitCode } from '../kernel/abi/wait-status.ts';
import { Signal } from '../kernel/abi/signals.ts';
import type { OpenFile } from '../kernel/fs/open-file.ts';
import { HostStream } from '../kernel/io/host-stream.ts';
import { ImageError } from '../image/errors.ts';
import type { ImageStore, ResolvedImage } from '../image/image-store.ts';
import type { ImageRecord } from '../image/image-record.ts';
import { familiarString, parseNormalizedNamed } from '../image/reference.ts';
import type { OwnTerminal, RootFilesystem, RootSpec, Runtime } from '../runtime/runtime.ts';
import {
  CommandError,
  type ContainerProcess,
  type ContainerUsage,
} from '../runtime/container-operations.ts';
import { checkCommand } from './command-lookup.ts';
import {
  initialState,
  timestamp,
  type ContainerConfig,
  type ContainerRecord,
} from './container.ts';
import { EngineError } from './errors.ts';
import { EventLog } from './events.ts';
import { EVENTS_RECORD, loadEvents, storedEvents } from './events-store.ts';
import { runExec, type ExecOptions, type ExecStreams } from './exec.ts';
import { LogBuffer } from './log-buffer.ts';
import { loadLogs, storedLogs } from './logs-store.ts';
import { RecordWriter } from './record-writer.ts';
import { NO_RESTART, RestartManager, type RestartPolicy } from './restart.ts';
import { StdinRelay, type InputReader } from './stdin-relay.ts';
import { randomName } from './names.ts';
import { checkTransition, StateError } from './state.ts';
import { WritableLayers } from './writable-layers.ts';
import {
  checkHostConfig,
  DEFAULT_HOST_CONFIG,
  limitsOf,
  type RuntimeHostConfig,
} from './limits.ts';
import { prepareRoot } from './prepare-root.ts';
import {
  createMountPoints,
  namedBinds,
  openMounts,
  removeAnonymousVolumes,
  saveVolumes,
} from './mounts.ts';
import { Volumes } from './volumes.ts';
import { imageTree } from './image-tree.ts';

export interface CreateOptions {
  image: string;
  /** The image `image` names, when the caller has already looked it up (docker run does). */
  found?: ImageRecord;
  name?: string;
  /** Replaces the image's Cmd when not empty. */
  cmd: string[];
  entrypoint?: string[];
  env: string[];
  workdir?: string;
  hostname?: string;
  user?: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  network: 'none' | 'host' | 'default';
  labels: Record<string, string>;
  /** -m, --pids-limit, --read-only, --init (limits.ts). */
  host?: Partial<RuntimeHostConfig>;
}

/** Where an attached caller gets the container's output (and gives its input). */
export interface Attachment {
  stdout?: (bytes: Uint8Array) => Promise<void> | void;
  stderr?: (bytes: Uint8Array) => Promise<void> | void;
  stdin?: OpenFile;
  /** For a container made with -t: the caller's window size, its terminal's first. */
  size?: [rows: number, columns: number];
}

interface Live {
  record: ContainerRecord;
  logs: LogBuffer;
  attachment?: Attachment;
  exited?: Promise<number>;
  /** Its restart policy's state between runs (restart.ts). */
  restarts: RestartManager;
  /** Its stdin while it runs with -i and no caller's input (stdin-relay.ts). */
  stdin?: StdinRelay;
  /** Its own terminal while it runs with -t. */
  terminal?: OwnTerminal;
  /** Its image as create resolved it, for the first start (an image ID names fixed contents). */
  image?: ResolvedImage;
  /** Read from the store and not run by this engine since: another engine's, maybe (refresh). */
  fromStore?: boolean;
}

const NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** How long a --rm container runs before its record is written (Engine.deferred). */
const AUTO_REMOVE_WRITE_DELAY_MS = 200;
/** Events are kept in the store this long after the last one (or at flush). */
const EVENTS_WRITE_DELAY_MS = 1000;

export class Engine {
  private readonly containers = new Map<string, Live>();
  /** Containers' writable layers, kept in the image store. */
  // Set in the constructor: a field initializer may run before parameter
  // properties are assigned (useDefineForClassFields, as tsx compiles
  // outside the repository's tsconfig).
  readonly layers: WritableLayers;
  /** Record writes, batched (record-writer.ts); `flush` waits for them. */
  private readonly records: RecordWriter;
  /** Named volumes (volumes.ts). */
  readonly volumes: Volumes;
  /** What `docker events` shows (events.ts). */
  readonly events = new EventLog(() => this.now());

  constructor(
    readonly images: ImageStore,
    private readonly runtime: Runtime,
    private readonly now: () => number = Date.now,
    private readonly random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) =>
      crypto.getRandomValues(b),
  ) {
    this.layers = new WritableLayers(images);
    this.records = new RecordWriter(images.backend);
    this.volumes = new Volumes(images, runtime, now);
    this.events.subscribe(() => this.eventsChanged());
  }

  /** Events not yet kept in the store, and the timer that writes them (events-store.ts). */
  private eventsTimer: ReturnType<typeof setTimeout> | undefined;
  private eventsDirty = false;

  private eventsChanged(): void {
    this.eventsDirty = true;
    if (this.eventsTimer !== undefined) return;
    this.eventsTimer = setTimeout(() => this.persistEvents(), EVENTS_WRITE_DELAY_MS);
    // In Node, a pending write does not keep a finished `bocal` command alive (flush writes it).
    (this.eventsTimer as { unref?: () => void }).unref?.();
  }

  private persistEvents(): void {
    clearTimeout(this.eventsTimer);
    this.eventsTimer = undefined;
    if (!this.eventsDirty) return;
    this.eventsDirty = false;
    const { kind, key } = EVENTS_RECORD;
    this.records.put(kind, key, () => storedEvents(this.events.events));
  }

  /**
   * Reads the container records a previous engine on this store left, as
   * dockerd does at its start: those that were running when it went away
   * (the page or the bocal process ended with them) are exited with
   * status 255, as dockerd marks containers whose shim did not survive.
   * With `othersLive` (another engine, the bocal daemon, works on this store
   * now) they are left as they are: they are that engine's.
   */
  async restore(options: { othersLive?: boolean } = {}): Promise<void> {
    this.events.restore(await loadEvents(this.images.backend));
    const records = await this.images.backend.listRecords<ContainerRecord>('container');
    for (const { value: record } of records) {
      if (this.containers.has(record.Id)) continue;
      const wasRunning = record.State.Running || record.State.Status === 'running';
      if (wasRunning && !options.othersLive) {
        Object.assign(record.State, {
          Status: 'exited',
          Running: false,
          Paused: false,
          Restarting: false,
          Pid: 0,
          ExitCode: 255,
          FinishedAt: timestamp(this.now()),
        });
        this.save(record);
      }
      const logs = await loadLogs(this.images.backend, record.Id);
      const restarts = new RestartManager();
      restarts.manuallyStopped = !wasRunning;
      this.containers.set(record.Id, { record, logs, restarts, fromStore: true });
    }
    this.recordsVersion = this.images.backend.recordsVersion?.();
  }

  /** The store's records version this engine last read (refresh). */
  private recordsVersion: string | undefined;

  /**
   * Takes in what another engine on this store (the bocal daemon beside
   * `bocal shell`'s engine) changed since this one last read it: the
   * records of containers this engine does not run are read again, new
   * ones added, removed ones dropped. A stat when nothing changed; a
   * commit renames a whole new records file in, so a read is never half
   * of one.
   */
  async refresh(): Promise<void> {
    const backend = this.images.backend;
    if (!backend.recordsVersion || backend.recordsVersion() === this.recordsVersion) return;
    // This engine's own changes first, so that the store has them.
    await this.records.flushed();
    this.recordsVersion = backend.recordsVersion();
    const stored = new Map(
      (await backend.listRecords<ContainerRecord>('container')).map(({ value }) => [
        value.Id,
        value,
      ]),
    );
    for (const [id, live] of this.containers) {
      if (!live.fromStore || stored.has(id)) continue;
      this.containers.delete(id);
    }
    for (const [id, record] of stored) {
      const live = this.containers.get(id);
      if (live && !live.fromStore) continue;
      const logs = await loadLogs(backend, id);
      if (live) Object.assign(live, { record, logs });
      else
        this.containers.set(id, { record, logs, restarts: new RestartManager(), fromStore: true });
    }
  }

  /**
   * What dockerd does at its start after restoring: starts again the
   * containers whose policy is `always`, and those with `unless-stopped`
   * that were running when the previous engine went away.
   */
  async startByPolicy(): Promise<void> {
    for (const live of [...this.containers.values()]) {
      const { record } = live;
      const policy = record.HostConfig.RestartPolicy?.Name ?? 'no';
      const wanted =
        policy === 'always' || (policy === 'unless-stopped' && !live.restarts.manuallyStopped);
      if (!wanted || record.State.Running) continue;
      await this.start(record.Id).catch((error: unknown) => {
        record.State.Error = error instanceof Error ? error.message : String(error);
      });
    }
  }

  /** Writes `record` (or deletes the container's record) through the store's backend. */
  private save(record: ContainerRecord, removed = false): void {
    const deferred = this.deferred.get(record.Id);
    if (deferred !== undefined) {
      // Not written yet: the timer writes the state it finds, and a removal has nothing to delete.
      if (!removed) return;
      clearTimeout(deferred);
      this.deferred.delete(record.Id);
      return;
    }
    this.records.put('container', record.Id, () => (removed ? null : record));
  }

  /**
   * --rm containers whose record is not written yet, with the timer that
   * writes it: most (`docker run --rm box true`) are gone before it fires.
   * A --rm container whose engine went away before the write is lost, as
   * dockerd removes --rm containers it finds when it restores; `flush`
   * writes them all at once.
   */
  private readonly deferred = new Map<string, ReturnType<typeof setTimeout>>();

  /** Writes a deferred record now (its delay is over, or `flush`). */
  private writeDeferred(id: string): void {
    clearTimeout(this.deferred.get(id));
    this.deferred.delete(id);
    const live = this.containers.get(id);
    if (live) this.save(live.record);
  }

  /** Resolves once every record change so far is stored (and the output of running containers). */
  flush(): Promise<void> {
    for (const id of [...this.deferred.keys()]) this.writeDeferred(id);
    this.persistEvents();
    for (const live of this.containers.values()) {
      if (live.record.State.Running) this.persistLogs(live);
    }
    return this.records.flushed();
  }

  /** Keeps the container's output with its record (logs-store.ts), in order with record writes. */
  private persistLogs(live: Live): void {
    const { record, logs } = live;
    this.records.put('logs', record.Id, () => storedLogs(logs));
  }

  private newId(): string {
    const bytes = new Uint8Array(32);
    this.random(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** A container by full id, unique id prefix or name, as dockerd looks them up. */
  find(text: string): Live {
    const name = text.startsWith('/') ? text : `/${text}`;
    for (const live of this.containers.values()) if (live.record.Name === name) return live;
    const exact = this.containers.get(text);
    if (exact) return exact;
    const matches = [...this.containers.values()].filter(
      (live) => text.length > 0 && live.record.Id.startsWith(text),
    );
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new EngineError('invalid', `multiple IDs found with provided prefix: ${text}`);
    }
    throw new EngineError('not-found', `No such container: ${text}`);
  }

  list(all: boolean): ContainerRecord[] {
    return [...this.containers.values()]
      .map((live) => live.record)
      .filter((record) => all || record.State.Running)
      .sort((a, b) => b.Created.localeCompare(a.Created));
  }

  async create(options: CreateOptions): Promise<ContainerRecord> {
    let name = options.name;
    if (name !== undefined) {
      if (!NAME_PATTERN.test(name)) {
        throw new EngineError(
          'invalid',
          `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
        );
      }
      name = name.startsWith('/') ? name : `/${name}`;
      const holder = [...this.containers.values()].find((live) => live.record.Name === name);
      if (holder) {
        throw new EngineError(
          'conflict',
          `Conflict. The container name "${name}" is already in use by container "${holder.record.Id}". You have to remove (or rename) that container to be able to reuse that name.`,
        );
      }
    } else {
      const taken = new Set([...this.containers.values()].map((live) => live.record.Name));
      do name = `/${randomName()}`;
      while (taken.has(name));
    }
    const resolved = options.found
      ? await this.images.resolveRecord(options.found)
      : await this.images.resolve(options.image);
    const imageConfig = resolved.config.config ?? {};
    checkHostConfig(options.host ?? {});
    const mountRequest = {
      binds: options.host?.Binds ?? [],
      mounts: options.host?.Mounts,
      tmpfs: options.host?.Tmpfs,
    };
    // As dockerd at create: a --mount bind's source must exist (-v makes a missing one).
    for (const mount of mountRequest.mounts ?? []) {
      if (mount.Type !== 'bind' || !mount.Source) continue;
      if (this.runtime.hostPathExists?.(mount.Source) === false) {
        throw new EngineError(
          'invalid',
          `invalid mount config for type "bind": bind source path does not exist: ${mount.Source}`,
        );
      }
    }
    const mountPoints = await createMountPoints(this.volumes, mountRequest, () => this.newId());
    const id = this.newId();
    const entrypoint = options.entrypoint ?? imageConfig.Entrypoint ?? null;
    const cmd = options.cmd.length > 0 ? options.cmd : (imageConfig.Cmd ?? null);
    const args = [...(entrypoint ?? []), ...(cmd ?? [])];
    if (args.length === 0) throw new EngineError('invalid', 'No command specified');
    const config: ContainerConfig = {
      // On the host's network a container has the host's name (dockerd gives it), else its short id.
      Hostname:
        options.hostname ??
        (options.network === 'host' ? this.runtime.hostName?.() : undefined) ??
        id.slice(0, 12),
      User: options.user ?? imageConfig.User ?? '',
      Tty: options.tty,
      OpenStdin: options.openStdin,
      Env: mergeEnv(imageConfig.Env ?? [], options.env),
      Cmd: cmd,
      Entrypoint: entrypoint,
      Image: options.image,
      WorkingDir: options.workdir ?? imageConfig.WorkingDir ?? '',
      Labels: { ...(imageConfig.Labels ?? {}), ...options.labels },
    };
    const record: ContainerRecord = {
      Id: id,
      Created: timestamp(this.now()),
      Path: args[0]!,
      Args: args.slice(1),
      State: initialState(),
      Image: resolved.record.id,
      Name: name,
      RestartCount: 0,
      Config: config,
      HostConfig: {
        AutoRemove: options.autoRemove,
        NetworkMode: options.network === 'default' ? 'bridge' : options.network,
        ...DEFAULT_HOST_CONFIG,
        ...options.host,
        Binds: namedBinds(options.host?.Binds),
      },
      Mounts: mountPoints,
    };
    this.containers.set(id, {
      record,
      logs: new LogBuffer(),
      restarts: new RestartManager(),
      image: resolved,
    });
    this.layers.created(id);
    if (options.autoRemove) {
      const timer = setTimeout(() => this.writeDeferred(id), AUTO_REMOVE_WRITE_DELAY_MS);
      this.deferred.set(id, timer);
    } else this.save(record);
    this.events.container(record, 'create');
    return record;
  }

  /** Attaches a caller's streams for the next start (`run` without -d, `start -a`). */
  attach(text: string, attachment: Attachment): void {
    const live = this.find(text);
    live.attachment = attachment;
    this.events.container(live.record, 'attach');
  }

  async start(text: string): Promise<void> {
    const live = this.find(text);
    const { record } = live;
    if (record.State.Running) return;
    checkTransition(record.State.Status, 'start', record.Id);
    const root = await this.rootSpec(record, live.image);
    live.image = undefined;
    const tree = imageTree(root.layers);
    const cwd = record.Config.WorkingDir || '/';
    try {
      checkCommand(tree, record.Path, record.Config.Env, cwd);
    } catch (error) {
      throw this.startFailed(record, error);
    }
    const attachment = live.attachment;
    live.attachment = undefined;
    let attached = attachment !== undefined;
    const output = (stream: 'stdout' | 'stderr') =>
      new HostStream(
        undefined,
        async (bytes) => {
          live.logs.append(stream, bytes, this.now());
          // A caller gone (killed, its pipe closed) detaches; the container goes on.
          const forward = attached ? attachment?.[stream] : undefined;
          try {
            await forward?.(bytes);
          } catch {
            attached = false;
          }
        },
        () => BigInt(this.now()) * 1_000_000n,
      );
    // -t: a terminal of its own (the pty runc gives it), whose output every
    // attached caller follows (`run -it`'s own and any `docker attach`) and
    // on which any of them types.
    live.terminal = record.Config.Tty
      ? {
          output: (bytes) => live.logs.append('stdout', bytes, this.now()),
          size: attachment?.size,
        }
      : undefined;
    // -i without the caller's input: kept open for a later `docker attach`.
    live.stdin =
      record.Config.OpenStdin && !attachment?.stdin && !live.terminal
        ? new StdinRelay()
        : undefined;
    const stdin =
      attachment?.stdin && record.Config.OpenStdin
        ? attachment.stdin
        : live.stdin
          ? live.stdin.file
          : new HostStream(
              async () => new Uint8Array(0),
              undefined,
              () => 0n,
            );
    const stdio = new Map<number, OpenFile>(
      live.terminal
        ? []
        : [
            [0, stdin],
            [1, output('stdout')],
            [2, output('stderr')],
          ],
    );
    if (this.runtime.status(record.Id) !== undefined) await this.runtime.delete(record.Id);
    const prepared = await prepareRoot(this.runtime, record, root);
    await this.runtime.create({
      id: record.Id,
      root: prepared.root,
      limits: limitsOf(record.HostConfig),
      mounts: await openMounts(
        this.volumes,
        record.Mounts,
        record.HostConfig.Tmpfs,
        record.HostConfig.Mounts,
      ),
      process: {
        args: [record.Path, ...record.Args],
        env: record.Config.Env,
        cwd,
        hostname: record.Config.Hostname,
        stdio,
        ownTerminal: live.terminal,
        user: prepared.user,
        init: record.HostConfig.Init === true,
      },
      network: record.HostConfig.NetworkMode === 'host' ? 'host' : 'none',
      names: {
        extraHosts: record.HostConfig.ExtraHosts ?? [],
        nameservers: record.HostConfig.Dns ?? [],
        search: record.HostConfig.DnsSearch ?? [],
        options: record.HostConfig.DnsOptions ?? [],
      },
    });
    const pid = await this.runtime.start(record.Id).catch((error: unknown) => {
      throw this.startFailed(record, error);
    });
    Object.assign(record.State, {
      Status: 'running',
      Running: true,
      Restarting: false,
      Pid: pid,
      ExitCode: 0,
      Error: '',
      StartedAt: timestamp(this.now()),
    });
    this.save(record);
    this.events.container(record, 'start');
    live.restarts.manuallyStopped = false;
    live.fromStore = false;
    live.exited = this.runtime.wait(record.Id).then(async (status) => {
      const code = shellExitCode(status);
      const finishedAt = timestamp(this.now());
      const oomKilled = this.runtime.oomKilled(record.Id);
      // The state says `exited` only once the exit is dealt with (layer
      // kept, runtime deleted), as dockerd's handleContainerExit sets it
      // under the container's lock: until then `rm -f` and `stop` find it
      // running and wait for this, and a `rm` cannot come between and have
      // its removal undone by the record written below.
      await saveVolumes(this.volumes, record.Mounts).catch(() => undefined);
      // The writable layer is kept for a later start, diff or commit (not for --rm).
      if (!record.HostConfig.AutoRemove) {
        const changes = await this.runtime.filesystem(record.Id, root).changes();
        await this.layers.save(record.Id, changes).catch(() => undefined);
      }
      await this.runtime.delete(record.Id);
      if (record.HostConfig.AutoRemove) {
        this.containers.delete(record.Id);
        // One `docker cp` may have given it a layer before it started.
        await this.layers.remove(record.Id).catch(() => undefined);
      }
      Object.assign(record.State, {
        Status: 'exited',
        Running: false,
        Paused: false,
        Pid: 0,
        ExitCode: code,
        FinishedAt: finishedAt,
        OOMKilled: oomKilled,
      });
      const written = !this.deferred.has(record.Id);
      this.save(record, record.HostConfig.AutoRemove);
      this.afterExit(live, code, written);
      // As dockerd, which writes a container's state before it answers a
      // wait: once `docker run` returns, the exit is stored, and a page
      // closed or reloaded right after still finds the container exited.
      await this.records.flushed();
      return code;
    });
  }

  /**
   * The container's program could not be started: its record says why, as
   * dockerd's does (exit code 127 or 126, the runtime's message). Returns
   * the error to throw (a runtime's CommandError becomes dockerd's message).
   */
  private startFailed(record: ContainerRecord, error: unknown): unknown {
    if (error instanceof CommandError) {
      error = new EngineError(
        error.kind === 'not-found' ? 'command-not-found' : 'command-not-executable',
        `failed to create shim task: OCI runtime create failed: exec: "${error.program}": ${error.reason}: unknown`,
      );
    }
    if (!(error instanceof Error)) return error;
    record.State.Status = 'created';
    if (error instanceof EngineError) {
      record.State.ExitCode = error.code === 'command-not-found' ? 127 : 126;
    }
    record.State.Error = error.message;
    this.save(record);
    return error;
  }

  /** Resolves with the container's exit code once it has stopped. */
  async wait(text: string): Promise<number> {
    const live = this.find(text);
    if (live.exited && live.record.State.Running) return live.exited;
    return live.record.State.ExitCode;
  }

  kill(text: string, signal: number = Signal.SIGKILL): void {
    const live = this.find(text);
    const { record } = live;
    checkTransition(record.State.Status, 'kill', record.Id);
    live.restarts.manuallyStopped = true;
    this.events.container(record, 'kill', { signal: String(signal) });
    if (this.cancelRestart(live)) return;
    this.runtime.kill(record.Id, signal);
    // A paused container is thawed to act on it, as dockerd does.
    if (record.State.Paused) void this.unpause(record.Id).catch(() => undefined);
  }

  /** SIGTERM, then SIGKILL after `timeout` seconds, as `docker stop`. */
  async stop(text: string, timeout = 10): Promise<void> {
    const live = this.find(text);
    // A restart under way finishes first, then this stop applies to it.
    await live.restarts.starting;
    live.restarts.manuallyStopped = true;
    if (this.cancelRestart(live)) return;
    if (!live.record.State.Running || !live.exited) return;
    const { record } = live;
    this.events.container(record, 'kill', { signal: String(Signal.SIGTERM) });
    this.runtime.kill(record.Id, Signal.SIGTERM);
    if (record.State.Paused) await this.unpause(record.Id).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = await Promise.race([
      live.exited.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeout * 1000))),
    ]);
    clearTimeout(timer);
    if (!stopped) {
      this.events.container(record, 'kill', { signal: String(Signal.SIGKILL) });
      this.runtime.kill(record.Id, Signal.SIGKILL);
      await live.exited;
    }
    this.events.container(record, 'stop');
  }

  /** `docker rm [-f] [-v]`: -v also removes the container's anonymous volumes. */
  async remove(text: string, force = false, volumes = false): Promise<void> {
    const live = this.find(text);
    const { record } = live;
    // A restart's start under way finishes first, as for stop: removed
    // meanwhile, the container would start with no record left.
    await live.restarts.starting;
    if (record.State.Running) {
      if (!force) {
        throw new EngineError(
          'conflict',
          record.State.Paused
            ? `You cannot remove a paused container ${record.Id}. Unpause and then stop the container before attempting removal or force remove`
            : `You cannot remove a running container ${record.Id}. Stop the container before attempting removal or force remove`,
        );
      }
      live.restarts.manuallyStopped = true;
      if (!this.cancelRestart(live)) {
        this.runtime.kill(record.Id, Signal.SIGKILL);
        await live.exited;
      }
    }
    await this.runtime.delete(record.Id);
    this.containers.delete(record.Id);
    this.save(record, true);
    await this.layers.remove(record.Id);
    if (volumes) await removeAnonymousVolumes(this.volumes, record.Mounts);
    this.records.put('logs', record.Id, () => null);
    await this.records.flushed();
    this.events.container(record, 'destroy');
  }

  /** The root a container starts with: its image's layers and the writable layer it left. */
  private async rootSpec(record: ContainerRecord, image?: ResolvedImage): Promise<RootSpec> {
    const resolved = image ?? (await this.images.resolve(record.Image));
    const changes = await this.layers.load(record.Id);
    const readOnly = record.HostConfig.ReadonlyRootfs === true;
    return { layers: resolved.snapshots, readOnly, ...(changes ? { changes } : {}) };
  }

  /** A container's root filesystem (live while it runs), for diff, export, commit and cp. */
  async rootFilesystem(text: string): Promise<{ record: ContainerRecord; root: RootFilesystem }> {
    const { record } = this.find(text);
    return { record, root: this.runtime.filesystem(record.Id, await this.rootSpec(record)) };
  }

  logs(text: string): LogBuffer {
    return this.find(text).logs;
  }

  inspect(text: string): ContainerRecord {
    return this.find(text).record;
  }

  // The lifecycle verbs: exec.ts, pause.ts, restart.ts, events.ts, logs-store.ts.

  /** After an exit: the `die` event, the logs kept, the restart policy applied. */
  private afterExit(live: Live, code: number, written: boolean): void {
    const { record } = live;
    this.events.container(record, 'die', { exitCode: String(code) });
    if (record.HostConfig.AutoRemove) {
      // Its output is written only with its record (flush): nothing to delete otherwise.
      if (written) this.records.put('logs', record.Id, () => null);
      this.events.container(record, 'destroy');
      return;
    }
    this.persistLogs(live);
    const ran = Date.parse(record.State.FinishedAt) - Date.parse(record.State.StartedAt);
    const policy = record.HostConfig.RestartPolicy ?? NO_RESTART;
    const delay = live.restarts.plan(policy, code, record.RestartCount, ran);
    if (delay === undefined) return;
    Object.assign(record.State, { Status: 'restarting', Running: true, Restarting: true });
    this.save(record);
    live.restarts.schedule(delay, () => {
      if (this.containers.get(record.Id) !== live) return;
      // Still `restarting` to onlookers until the start has made it `running`.
      Object.assign(record.State, { Running: false });
      record.RestartCount++;
      live.restarts.starting = this.start(record.Id).then(
        () => this.events.container(record, 'restart'),
        (error: unknown) => {
          Object.assign(record.State, { Status: 'exited', Running: false, Restarting: false });
          record.State.Error = error instanceof Error ? error.message : String(error);
          this.save(record);
        },
      );
    });
  }

  /** Ends a restart that is waiting (the container is `restarting`); true if there was one. */
  private cancelRestart(live: Live): boolean {
    if (!live.restarts.pending) return false;
    live.restarts.cancel();
    Object.assign(live.record.State, { Status: 'exited', Running: false, Restarting: false });
    this.save(live.record);
    return true;
  }

  /** Sets the restart policy (`--restart`, kept in HostConfig as dockerd does). */
  setRestartPolicy(text: string, policy: RestartPolicy): void {
    const { record } = this.find(text);
    record.HostConfig.RestartPolicy = policy;
    this.save(record);
  }

  /** `docker exec`: resolves with the exec's exit status. */
  exec(text: string, options: ExecOptions, streams: ExecStreams): Promise<number> {
    return runExec(this.runtime, this.events, this.find(text).record, text, options, streams);
  }

  /** Whether the container runs on a terminal of its own (made with -t): attach relays it. */
  hasOwnTerminal(text: string): boolean {
    try {
      return this.find(text).terminal !== undefined;
    } catch {
      return false;
    }
  }

  /** The attached caller's window size, for the container's own terminal. */
  resizeTerminal(text: string, rows: number, columns: number): void {
    this.find(text).terminal?.resize?.(rows, columns);
  }

  /** `docker attach`'s input to a container's open stdin; the returned function detaches it. */
  attachInput(text: string, reader: InputReader): (() => void) | undefined {
    const live = this.find(text);
    const type = live.terminal?.input;
    if (!type) return live.stdin?.connect(reader);
    // Keys typed on the container's own terminal until the caller detaches or its input ends.
    let connected = true;
    void (async () => {
      while (connected) {
        const bytes = await reader(4096).catch(() => new Uint8Array(0));
        if (!connected || bytes.length === 0) break;
        type(bytes);
      }
    })();
    return () => {
      connected = false;
    };
  }

  /** `docker pause`: the container's cgroup frozen. */
  async pause(text: string): Promise<void> {
    const { record } = this.find(text);
    if (record.State.Restarting) {
      throw new StateError(
        `Container ${record.Id} is restarting, wait until the container is running`,
      );
    }
    checkTransition(record.State.Status, 'pause', record.Id);
    await this.runtime.pause(record.Id);
    Object.assign(record.State, { Status: 'paused', Paused: true });
    this.save(record);
    this.events.container(record, 'pause');
  }

  async unpause(text: string): Promise<void> {
    const { record } = this.find(text);
    checkTransition(record.State.Status, 'unpause', record.Id);
    await this.runtime.resume(record.Id);
    // Killed while paused: the exit has already been recorded.
    if (record.State.Status !== 'paused') return;
    Object.assign(record.State, { Status: 'running', Paused: false });
    this.save(record);
    this.events.container(record, 'unpause');
  }

  /** `docker top`: the container's processes. */
  async top(text: string): Promise<ContainerProcess[]> {
    const { record } = this.find(text);
    if (!record.State.Running || record.State.Restarting) {
      throw new EngineError('conflict', `Container ${record.Id} is not running`);
    }
    return this.runtime.processes(record.Id);
  }

  /** `docker stats`: its cgroup's counters (undefined when it is not running). */
  async usage(text: string): Promise<ContainerUsage | undefined> {
    const { record } = this.find(text);
    if (!record.State.Running || record.State.Restarting) return undefined;
    return this.runtime.usage(record.Id);
  }

  /** `docker restart`: stop (SIGTERM, SIGKILL after `timeout` s) and start again. */
  async restart(text: string, timeout = 10): Promise<void> {
    const live = this.find(text);
    if (live.record.State.Running) await this.stop(live.record.Id, timeout);
    await this.start(live.record.Id);
    this.events.container(live.record, 'restart');
  }

  /** `docker rename`. */
  rename(text: string, newName: string): void {
    const { record } = this.find(text);
    const name = validName(newName);
    if (name === record.Name) {
      throw new EngineError(
        'invalid',
        `Renaming a container with the same name as its current name`,
      );
    }
    const holder = [...this.containers.values()].find((live) => live.record.Name === name);
    if (holder) {
      throw new EngineError(
        'conflict',
        `Error when allocating new name: Conflict. The container name "${name}" is already in use by container "${holder.record.Id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    const oldName = record.Name;
    record.Name = name;
    this.save(record);
    this.events.container(record, 'rename', { oldName });
  }

  /** `docker container prune`: removes the stopped containers; their ids. */
  async prune(): Promise<string[]> {
    const removed: string[] = [];
    for (const live of [...this.containers.values()]) {
      const status = live.record.State.Status;
      if (status !== 'exited' && status !== 'created' && status !== 'dead') continue;
      await this.remove(live.record.Id);
      removed.push(live.record.Id);
    }
    this.events.add({
      Type: 'container',
      Action: 'prune',
      Actor: { ID: '', Attributes: { reclaimed: '0' } },
    });
    return removed;
  }
}

/** A name as `--name` and `rename` accept it, with its leading '/'. */
function validName(name: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new EngineError(
      'invalid',
      `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
    );
  }
  return name.startsWith('/') ? name : `/${name}`;
}

/** The image's environment with the caller's variables over it (same name replaced). */
function mergeEnv(image: readonly string[], given: readonly string[]): string[] {
  const key = (e: string) => (e.includes('=') ? e.slice(0, e.indexOf('=')) : e);
  const result = [...image];
  for (const entry of given) {
    const at = result.findIndex((e) => key(e) === key(entry));
    if (at >= 0) result[at] = entry;
    else result.push(entry);
  }
  return result;
}

export { ImageError, StateError, familiarString, parseNormalizedNamed };
