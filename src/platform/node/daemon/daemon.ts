// `bocal daemon`: one kernel and one engine that outlive the commands, as
// dockerd does, so `bocal run -d` leaves a container running after the
// command returns. It listens on $BOCAL_HOME/bocal.sock; each connection
// runs one docker command with the client's streams (protocol.ts). With no
// connection and no running container for a while it stops by itself
// (BOCAL_DAEMON_IDLE_MS, 15 s by default).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { docker } from '../../../cli/docker/docker.ts';
import { openNodeEngine } from '../../../cli/docker/node-engine.ts';
import { BOX_WASM } from '../../../cli/shell-command.ts';
import type { DockerFiles } from '../../../cli/docker/files.ts';
import { HostStream } from '../../../kernel/io/host-stream.ts';
import { Kernel } from '../../../kernel/kernel.ts';
import { nodeDockerFiles } from '../docker-files.ts';
import { nodeHostInfo } from '../host-info.ts';
import { bocalHome } from '../image-store/bocal-home.ts';
import { createNodeProcessHost } from '../process-host.ts';
import { readerOf } from '../stdio.ts';
import { encodeFrame, Frame, FrameReader, type DaemonRequest } from './protocol.ts';
import { daemonSocketPath } from './socket-path.ts';

const DEFAULT_IDLE_MS = 15_000;

/** Whether something answers on the socket (another daemon). */
function answers(path: string): Promise<boolean> {
  return new Promise((done) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      done(true);
    });
    probe.once('error', () => done(false));
  });
}

/** The caller's files, paths taken from its working directory. */
function clientFiles(cwd: string, stdin: Readable): DockerFiles {
  const files = nodeDockerFiles(stdin);
  return {
    read: (path) => files.read(resolve(cwd, path)),
    write: (path, data) => files.write(resolve(cwd, path), data),
    stdin: () => files.stdin(),
  };
}

export async function runDaemon(home = bocalHome()): Promise<number> {
  const path = daemonSocketPath(home);
  mkdirSync(home, { recursive: true });
  if (await answers(path)) {
    process.stderr.write(`bocal daemon: already running on ${path}\n`);
    return 1;
  }
  rmSync(path, { force: true });
  const kernel = new Kernel(createNodeProcessHost(1));
  const engine = await openNodeEngine(kernel, readFileSync(BOX_WASM));
  // As dockerd at its start: containers with `always` (or `unless-stopped`) run again.
  await engine.startByPolicy();
  let connections = 0;
  let idleSince = Date.now();
  const idleMs = Number(process.env.BOCAL_DAEMON_IDLE_MS ?? DEFAULT_IDLE_MS);

  const serve = (socket: Socket): void => {
    connections++;
    const input = new PassThrough();
    let request: DaemonRequest | undefined;
    let onConsole = false;
    let size: [number, number] | undefined;
    const resizeListeners = new Set<(rows: number, columns: number) => void>();
    const signalListeners = new Set<(signal: number) => void>();
    const send = (type: Frame, payload: Uint8Array | string) =>
      new Promise<void>((done, fail) => {
        if (socket.destroyed) return fail(new Error('client gone'));
        socket.write(encodeFrame(type, payload), (error) => (error ? fail(error) : done()));
      });
    // The client's terminal goes raw (no output processing) only while a terminal's
    // bytes, already processed, are relayed to it.
    const rawClient = (): (() => void) => {
      void send(Frame.Raw, '1').catch(() => undefined);
      return () => void send(Frame.Raw, '0').catch(() => undefined);
    };
    const useConsole = (raw: boolean): (() => void) => {
      // The kernel's console is the client's terminal while a -t exec has it.
      const stopOutput = kernel.console.onOutput(
        (bytes) => void send(Frame.Stdout, bytes).catch(() => undefined),
      );
      if (size) kernel.console.resize(size[0], size[1]);
      onConsole = true;
      const restore = raw ? rawClient() : undefined;
      return () => {
        onConsole = false;
        stopOutput();
        restore?.();
      };
    };
    const run = async (given: DaemonRequest) => {
      const stdin = new HostStream(
        readerOf(input),
        undefined,
        () => BigInt(Date.now()) * 1_000_000n,
      );
      size = given.size;
      let status = 125;
      try {
        status = await docker(
          given.argv,
          {
            out: (data) => send(Frame.Stdout, data),
            err: (data) => send(Frame.Stderr, data),
            stdin,
            console: given.terminal,
            useConsole,
            rawTerminal: given.terminal ? () => ({ restore: rawClient() }) : undefined,
            terminalSize: () => size,
            onSignal: (listener) => {
              signalListeners.add(listener);
              if (signalListeners.size === 1) void send(Frame.Proxy, '1').catch(() => undefined);
              return () => {
                signalListeners.delete(listener);
                if (signalListeners.size === 0) void send(Frame.Proxy, '0').catch(() => undefined);
              };
            },
            onTerminalResize: (listener) => {
              resizeListeners.add(listener);
              return () => resizeListeners.delete(listener);
            },
            files: clientFiles(given.cwd, input),
            stdoutTerminal: given.stdoutTerminal,
            stdinTerminal: given.stdinTerminal,
            host: async () => nodeHostInfo(kernel),
            now: Date.now,
          },
          engine,
        );
      } catch (error) {
        await send(Frame.Stderr, `bocal daemon: ${String(error)}\n`).catch(() => undefined);
      } finally {
        await engine.flush();
      }
      await send(Frame.Exit, JSON.stringify(status)).catch(() => undefined);
      socket.end();
    };
    const reader = new FrameReader((type, payload) => {
      switch (type) {
        case Frame.Request:
          if (request) return;
          request = JSON.parse(new TextDecoder().decode(payload)) as DaemonRequest;
          void run(request);
          return;
        case Frame.Input:
          if (onConsole) kernel.console.input(payload);
          else input.write(payload);
          return;
        case Frame.Signal: {
          const signal = JSON.parse(new TextDecoder().decode(payload)) as number;
          for (const listener of signalListeners) listener(signal);
          return;
        }
        case Frame.InputEnd:
          input.end();
          return;
        case Frame.Resize: {
          const [rows = 24, columns = 80] = JSON.parse(
            new TextDecoder().decode(payload),
          ) as number[];
          size = [rows, columns];
          if (onConsole) kernel.console.resize(rows, columns);
          for (const listener of resizeListeners) listener(rows, columns);
          return;
        }
      }
    });
    socket.on('data', (chunk: Buffer) => reader.push(new Uint8Array(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      connections--;
      idleSince = Date.now();
      input.end();
    });
  };

  const server = createServer(serve);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => done());
  });
  process.stderr.write(`bocal daemon: listening on ${path}\n`);
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      if (connections > 0 || engine.list(false).length > 0) {
        idleSince = Date.now();
        return;
      }
      if (Date.now() - idleSince < idleMs) return;
      clearInterval(timer);
      done();
    }, 250);
  });
  server.close();
  await engine.flush();
  await kernel.shutdown();
  process.stderr.write('bocal daemon: idle, stopped\n');
  // The socket goes last: once it is gone, the store is written and the
  // log is complete, so a command that finds no socket may use the store.
  rmSync(path, { force: true });
  return 0;
}
