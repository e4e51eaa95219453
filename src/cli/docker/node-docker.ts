// `bocal run|ps|images|...` in Node: a kernel in this process with the
// emulated runtime, the image store under $BOCAL_HOME with the built-in
// images, and the docker CLI on Node's streams.
import { readFileSync } from 'node:fs';
import type { HostStream } from '../../kernel/io/host-stream.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { createNodeProcessHost } from '../../platform/node/process-host.ts';
import type { Engine } from '../../engine/engine.ts';
import { openNodeEngine } from './node-engine.ts';
import { BOX_WASM } from '../shell-command.ts';
import { docker } from './docker.ts';
import { nodeDockerFiles } from '../../platform/node/docker-files.ts';
import { nodeHostInfo } from '../../platform/node/host-info.ts';
import { nodeStdio } from '../../platform/node/stdio.ts';
import { attachNodeTerminal } from '../../platform/node/terminal.ts';
import { makeRaw } from '../../platform/node/raw-terminal.ts';
import { catchSignals } from '../../platform/node/proxied-signals.ts';

const write = (stream: NodeJS.WriteStream) => (data: string | Uint8Array) =>
  new Promise<void>((resolve, reject) =>
    stream.write(data, (error) => (error ? reject(error) : resolve())),
  );

export const DOCKER_VERBS = new Set([
  'run',
  'create',
  'start',
  'ps',
  'images',
  'rm',
  'logs',
  'inspect',
  'wait',
  'stop',
  'kill',
  'rmi',
  'tag',
  'history',
  'save',
  'load',
  'import',
  'image',
  'system',
  'version',
  'info',
  'port',
  'pull',
  'push',
  'diff',
  'export',
  'commit',
  'cp',
  'volume',
  'exec',
  'top',
  'pause',
  'unpause',
  'restart',
  'rename',
  'attach',
  'events',
  'stats',
  'container',
]);

/**
 * Whether the command leaves a container running after it returns (`run
 * -d`, `start` without -a, `restart`): then it goes to the daemon, started
 * for it, so the container outlives this process.
 */
export function needsDaemon(argv: string[]): boolean {
  const [verb, ...rest] = argv;
  const flags: string[] = [];
  for (const arg of rest) {
    if (!arg.startsWith('-')) break;
    flags.push(arg);
  }
  const short = (letter: string) => flags.some((f) => /^-[a-zA-Z]+$/.test(f) && f.includes(letter));
  if (verb === 'run') return flags.includes('--detach') || short('d');
  if (verb === 'start') {
    return !(
      flags.includes('--attach') ||
      flags.includes('--interactive') ||
      short('a') ||
      short('i')
    );
  }
  return verb === 'restart';
}

export async function nodeDockerCommand(argv: string[]): Promise<number> {
  const box = readFileSync(BOX_WASM);
  const kernel = new Kernel(createNodeProcessHost(1));
  const onTerminal = process.stdin.isTTY && process.stdout.isTTY;
  const size = (): [number, number] | undefined =>
    process.stdout.isTTY ? [process.stdout.rows, process.stdout.columns] : undefined;
  let engine: Engine | undefined;
  try {
    engine = await openNodeEngine(kernel, box);
    const stdin = nodeStdio().get(0) as HostStream;
    return await docker(
      argv,
      {
        out: write(process.stdout),
        err: write(process.stderr),
        stdin,
        console: onTerminal,
        // A -t exec's terminal is the kernel's console, which is this terminal meanwhile.
        useConsole: () => {
          const terminal = attachNodeTerminal(kernel.console, process.stdin, process.stdout);
          return () => terminal.detach();
        },
        // A -t container's own terminal is relayed to this one, raw meanwhile.
        rawTerminal: onTerminal ? () => ({ restore: makeRaw(process.stdin) }) : undefined,
        terminalSize: size,
        onSignal: catchSignals,
        onTerminalResize: (listener) => {
          const resized = () => {
            const now = size();
            if (now) listener(...now);
          };
          process.stdout.on('resize', resized);
          return () => process.stdout.off('resize', resized);
        },
        files: nodeDockerFiles(),
        stdoutTerminal: process.stdout.isTTY === true,
        stdinTerminal: process.stdin.isTTY === true,
        host: async () => nodeHostInfo(kernel),
        now: Date.now,
      },
      engine,
    );
  } finally {
    await engine?.flush();
    // A read of stdin left waiting (a relay's, once its container ended) must not keep Node up.
    process.stdin.destroy();
    await kernel.shutdown();
  }
}
