// A caller attached to a running container, as the docker CLI's hijacked
// connection is: the container's output from now on (every attached caller
// gets all of it), the caller's keys typed on it (any caller may type), the
// detach keys, and the end: the container's exit status, or the detach.
// With a -t container and the caller's input, the caller's terminal is raw
// for the session and its window size follows the container's terminal.
// `docker attach` and `docker run -t` (foreground) both go through here.
import type { ContainerRecord } from '../../engine/container.ts';
import type { Engine } from '../../engine/engine.ts';
import { withDetachKeys } from '../../engine/stdin-relay.ts';
import type { DockerIO, RawTerminal } from './command.ts';

export interface SessionOptions {
  /** The caller's input goes to the container (it was made with -i, and no --no-stdin). */
  input: boolean;
  /** The detach key sequence (detach-keys.ts). */
  keys: Uint8Array;
  /** --sig-proxy: the caller's signals go to a container without a terminal. */
  sigProxy?: boolean;
  /** Starts the container once the caller follows its output (`run`). */
  start?: () => Promise<void>;
}

/** How the session ended: the container's exit status, or the caller detached. */
export type SessionEnd = { status: number } | { detached: true };

/** A signal --sig-proxy forwards: to the container while it runs (one that ended is no error). */
export function proxySignal(engine: Engine, id: string, signal: number): void {
  try {
    engine.kill(id, signal);
  } catch {
    // It has just ended: nothing to forward to.
  }
}

export async function attachSession(
  engine: Engine,
  record: ContainerRecord,
  io: DockerIO,
  options: SessionOptions,
): Promise<SessionEnd> {
  const id = record.Id;
  let chain = Promise.resolve();
  const stopOutput = engine.logs(id).follow((entry) => {
    const write = entry.stream === 'stdout' ? io.out : io.err;
    chain = chain.then(() => write(entry.bytes)).catch(() => undefined);
  });
  const tty = record.Config.Tty;
  let raw: RawTerminal | undefined;
  let stopResize: (() => void) | undefined;
  let disconnect: (() => void) | undefined;
  let stopSignals: (() => void) | undefined;
  try {
    raw = tty && options.input ? io.rawTerminal?.() : undefined;
    if (tty) {
      stopResize = io.onTerminalResize?.((rows, columns) =>
        engine.resizeTerminal(id, rows, columns),
      );
    }
    if (options.start) await options.start();
    else if (tty) {
      const size = io.terminalSize?.();
      if (size) engine.resizeTerminal(id, ...size);
    }
    let detach = () => {};
    const detached = new Promise<SessionEnd>((resolve) => {
      detach = () => resolve({ detached: true });
    });
    const source = raw?.read ? { read: raw.read } : io.stdin;
    if (options.input && source) {
      disconnect = engine.attachInput(
        id,
        withDetachKeys(source, () => detach(), options.keys),
      );
    }
    // With a terminal, ^C is a key typed on it; without, the caller's signals are forwarded.
    if (!tty && options.sigProxy) {
      stopSignals = io.onSignal?.((signal) => proxySignal(engine, id, signal));
    }
    const exited = engine.wait(id).then((status): SessionEnd => ({ status }));
    return await Promise.race([exited, detached]);
  } finally {
    disconnect?.();
    stopOutput();
    stopResize?.();
    stopSignals?.();
    await chain;
    raw?.restore();
  }
}
