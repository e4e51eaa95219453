// `bocal <docker verb>` through the daemon: connects to $BOCAL_HOME/bocal.sock
// (starting `bocal daemon` in the background when nothing answers), sends
// the command and its input, writes what comes back, and exits with the
// command's status. On a terminal, the terminal is put in raw mode while
// the daemon relays a terminal to it (Frame.Raw), so a -t container's shell
// gets every key and its output shows as it wrote it.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { bocalHome } from '../image-store/bocal-home.ts';
import { makeRaw } from '../raw-terminal.ts';
import { catchSignals } from '../proxied-signals.ts';
import { encodeFrame, Frame, FrameReader, type DaemonRequest } from './protocol.ts';
import { daemonLogPath, daemonSocketPath } from './socket-path.ts';

const START_TIMEOUT_MS = 120_000;

function connect(path: string): Promise<Socket | undefined> {
  return new Promise((done) => {
    const socket = createConnection(path);
    socket.once('connect', () => done(socket));
    socket.once('error', () => done(undefined));
  });
}

/** Whether a daemon answers on this home's socket. */
export async function daemonRunning(home = bocalHome()): Promise<boolean> {
  const socket = await connect(daemonSocketPath(home));
  socket?.destroy();
  return socket !== undefined;
}

/** Starts `bocal daemon` detached from this process (its output in daemon.log) and waits for its socket. */
async function startDaemon(home: string): Promise<Socket> {
  mkdirSync(home, { recursive: true });
  const log = openSync(daemonLogPath(home), 'a');
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, [...process.execArgv, script, 'daemon'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BOCAL_HOME: home },
  });
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const socket = await connect(daemonSocketPath(home));
    if (socket) return socket;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bocal daemon did not start (see ${daemonLogPath(home)})`);
}

export async function daemonDockerCommand(argv: string[], home = bocalHome()): Promise<number> {
  const socket = (await connect(daemonSocketPath(home))) ?? (await startDaemon(home));
  const stdin = process.stdin;
  const terminal = stdin.isTTY === true && process.stdout.isTTY === true;
  const request: DaemonRequest = {
    argv,
    cwd: process.cwd(),
    terminal,
    stdinTerminal: stdin.isTTY === true,
    stdoutTerminal: process.stdout.isTTY === true,
    ...(process.stdout.isTTY ? { size: [process.stdout.rows, process.stdout.columns] } : {}),
  };
  socket.write(encodeFrame(Frame.Request, JSON.stringify(request)));
  // Raw only while the daemon relays a terminal (Frame.Raw), as the docker CLI is.
  let restore: (() => void) | undefined;
  const setRaw = (on: boolean) => {
    if (on && terminal && !restore) restore = makeRaw(stdin);
    if (!on) {
      restore?.();
      restore = undefined;
    }
  };
  const onInput = (chunk: Buffer) => socket.write(encodeFrame(Frame.Input, new Uint8Array(chunk)));
  const onEnd = () => socket.write(encodeFrame(Frame.InputEnd, ''));
  const onResize = () =>
    socket.write(
      encodeFrame(Frame.Resize, JSON.stringify([process.stdout.rows, process.stdout.columns])),
    );
  stdin.on('data', onInput);
  stdin.on('end', onEnd);
  process.stdout.on('resize', onResize);
  // --sig-proxy: while the daemon asks, our signals go to the container instead of ending us.
  let stopProxy: (() => void) | undefined;
  const proxy = (on: boolean) => {
    stopProxy?.();
    stopProxy = on
      ? catchSignals((signal) => socket.write(encodeFrame(Frame.Signal, JSON.stringify(signal))))
      : undefined;
  };
  let status = 1;
  const done = new Promise<void>((resolve) => {
    const reader = new FrameReader((type, payload) => {
      if (type === Frame.Raw) setRaw(new TextDecoder().decode(payload) === '1');
      else if (type === Frame.Proxy) proxy(new TextDecoder().decode(payload) === '1');
      else if (type === Frame.Stdout) process.stdout.write(payload);
      else if (type === Frame.Stderr) process.stderr.write(payload);
      else if (type === Frame.Exit)
        status = JSON.parse(new TextDecoder().decode(payload)) as number;
    });
    socket.on('data', (chunk: Buffer) => reader.push(new Uint8Array(chunk)));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  await done;
  stdin.off('data', onInput);
  stdin.off('end', onEnd);
  process.stdout.off('resize', onResize);
  setRaw(false);
  proxy(false);
  stdin.destroy();
  return status;
}
