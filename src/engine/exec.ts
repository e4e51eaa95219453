// `docker exec`: another process in a running container (dockerd's exec
// create + start). It gets the container's environment with the caller's
// -e over it, the container's working directory and user unless -w/-u say
// otherwise, and the caller's streams (or none with -d). A command that
// cannot run fails as runc exec's does, with 127 (not found) or 126.
import { shellExitCode } from '../kernel/abi/wait-status.ts';
import type { OpenFile } from '../kernel/fs/open-file.ts';
import { HostStream } from '../kernel/io/host-stream.ts';
import { CommandError, type ContainerOperations } from '../runtime/container-operations.ts';
import type { ContainerRecord } from './container.ts';
import { EngineError } from './errors.ts';
import type { EventLog } from './events.ts';

export interface ExecOptions {
  cmd: string[];
  env: string[];
  workdir?: string;
  user?: string;
  tty: boolean;
  interactive: boolean;
  detach: boolean;
}

/** The caller's streams for an exec (as for an attached run). */
export interface ExecStreams {
  stdout?: (bytes: Uint8Array) => Promise<void> | void;
  stderr?: (bytes: Uint8Array) => Promise<void> | void;
  stdin?: OpenFile;
  /** With -t: the caller's terminal as fds 0, 1, 2. */
  terminal?: OpenFile[];
  /** With -t on `bocal`'s own terminal: the kernel's console. */
  console?: boolean;
}

/** The container's environment with `given` over it (a name given again replaces it). */
function withVariables(base: readonly string[], given: readonly string[]): string[] {
  const name = (entry: string) => entry.split('=')[0];
  const names = new Set(given.map(name));
  return [...base.filter((entry) => !names.has(name(entry))), ...given];
}

const now = () => BigInt(Date.now()) * 1_000_000n;

function sinkStream(write: ((bytes: Uint8Array) => Promise<void> | void) | undefined): OpenFile {
  let open = write !== undefined;
  return new HostStream(
    undefined,
    async (bytes) => {
      if (!open) return;
      try {
        await write?.(bytes);
      } catch {
        open = false;
      }
    },
    now,
  );
}

const emptyInput = (): OpenFile =>
  new HostStream(
    async () => new Uint8Array(0),
    undefined,
    () => 0n,
  );

function execStdio(
  options: ExecOptions,
  streams: ExecStreams,
): { stdio: Map<number, OpenFile>; console: boolean } {
  if (options.detach) {
    return {
      stdio: new Map([
        [0, emptyInput()],
        [1, sinkStream(undefined)],
        [2, sinkStream(undefined)],
      ]),
      console: false,
    };
  }
  if (options.tty && streams.terminal) {
    return { stdio: new Map(streams.terminal.map((file, fd) => [fd, file])), console: false };
  }
  if (options.tty && streams.console) return { stdio: new Map(), console: true };
  const stdin = options.interactive && streams.stdin ? streams.stdin : emptyInput();
  return {
    stdio: new Map([
      [0, stdin],
      [1, sinkStream(streams.stdout)],
      [2, sinkStream(streams.stderr)],
    ]),
    console: false,
  };
}

/** Dockerd's refusals: a container that is not running (by id), or paused (by the name given). */
export function checkExecState(record: ContainerRecord, given: string): void {
  if (record.State.Paused) {
    throw new EngineError(
      'conflict',
      `Container ${given} is paused, unpause the container before exec`,
    );
  }
  if (!record.State.Running) {
    throw new EngineError('conflict', `Container ${record.Id} is not running`);
  }
}

/**
 * Runs the exec; resolves with its exit status once it ends (at once, with
 * 0, for -d). Throws EngineError 'command-not-found' or
 * 'command-not-executable' with runc's message when it cannot start.
 */
export async function runExec(
  runtime: ContainerOperations,
  events: EventLog,
  record: ContainerRecord,
  given: string,
  options: ExecOptions,
  streams: ExecStreams,
): Promise<number> {
  checkExecState(record, given);
  if (options.cmd.length === 0) throw new EngineError('invalid', 'No exec command specified');
  const { stdio, console } = execStdio(options, streams);
  const command = options.cmd.join(' ');
  events.container(record, `exec_create: ${command}`);
  let started;
  try {
    started = await runtime.exec(record.Id, {
      args: options.cmd,
      env: withVariables(record.Config.Env, options.env),
      cwd: options.workdir || record.Config.WorkingDir || '/',
      user: options.user ?? record.Config.User,
      groupAdd: record.HostConfig.GroupAdd ?? [],
      stdio,
      console,
    });
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const what = error.program ? `exec: "${error.program}": ${error.reason}` : error.reason;
    const message = `OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`;
    throw new EngineError(
      error.kind === 'not-found' ? 'command-not-found' : 'command-not-executable',
      message,
    );
  }
  events.container(record, `exec_start: ${command}`);
  const finish = started.exited.then((status) => {
    const code = shellExitCode(status);
    events.container(record, 'exec_die', { execID: String(started.pid), exitCode: String(code) });
    return code;
  });
  if (options.detach) return 0;
  return finish;
}
