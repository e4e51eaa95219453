// `bocal wasi FILE.wasm [--dir HOST::GUEST]... [--env K=V]... [-- ARGS...]`:
// runs one WASI program on the bocal kernel, like `wasmtime run`: stdio
// passed through, exit code propagated, a trap reported and exit 134.
import { readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { shellExitCode } from '../kernel/abi/wait-status.ts';
import { KernelError } from '../kernel/errors.ts';
import { Kernel } from '../kernel/kernel.ts';
import { mountHostDirectory, useHostDirectoryAsRoot } from '../platform/node/hostfs/mount-host.ts';
import { errnoName } from '../platform/node/hostfs/host-errors.ts';
import { createNodeProcessHost } from '../platform/node/process-host.ts';
import { nodeStdio, redirectedStdio } from '../platform/node/stdio.ts';
import { attachNodeTerminal, type NodeTerminal } from '../platform/node/terminal.ts';

export interface WasiArguments {
  file: string;
  dirs: { host: string; guest: string }[];
  env: string[];
  args: string[];
}

export class UsageError extends Error {}

export function parseWasiArguments(argv: string[]): WasiArguments {
  const parsed: WasiArguments = { file: '', dirs: [], env: [], args: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`option ${arg} needs a value`);
      return next;
    };
    if (parsed.file) {
      parsed.args.push(...(arg === '--' ? argv.slice(i + 1) : argv.slice(i)));
      break;
    }
    if (arg === '--dir') {
      const spec = value();
      const [host, guest] = spec.includes('::') ? spec.split('::', 2) : [spec, spec];
      parsed.dirs.push({ host: host!, guest: guest! });
    } else if (arg.startsWith('--dir=')) {
      const spec = arg.slice('--dir='.length);
      const [host, guest] = spec.includes('::') ? spec.split('::', 2) : [spec, spec];
      parsed.dirs.push({ host: host!, guest: guest! });
    } else if (arg === '--env') {
      parsed.env.push(value());
    } else if (arg.startsWith('--env=')) {
      parsed.env.push(arg.slice('--env='.length));
    } else if (arg === '--') {
      const file = argv[++i];
      if (file === undefined) throw new UsageError('no WebAssembly file given');
      parsed.file = file;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      parsed.file = arg;
    }
  }
  if (!parsed.file) throw new UsageError('no WebAssembly file given');
  for (const entry of parsed.env) {
    if (!entry.includes('=')) throw new UsageError(`--env ${entry}: expected NAME=VALUE`);
  }
  return parsed;
}

export const wasiUsage = `Usage:  bocal wasi [OPTIONS] FILE.wasm [ARGS...]

Run a WebAssembly (WASI preview 1) program on the bocal kernel.

Options:
      --dir HOST[::GUEST]  Make a host directory visible at GUEST (HOST::/ makes it the root)
      --env NAME=VALUE     Set an environment variable
`;

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * Mounts each --dir before the program starts: `HOST::/` first (it becomes
 * the program's root, see useHostDirectoryAsRoot), then the others in
 * order at their guest path, taken from `/` and created if missing.
 * Returns a message for the first that fails, or undefined.
 */
function mountDirectories(kernel: Kernel, dirs: WasiArguments['dirs']): string | undefined {
  const guestOf = (guest: string) => posix.resolve('/', guest);
  const roots = dirs.filter((dir) => guestOf(dir.guest) === '/');
  if (roots.length > 1) return `--dir ${roots[1]!.host}::/: only one directory can be the root`;
  for (const dir of [...roots, ...dirs.filter((dir) => !roots.includes(dir))]) {
    const guest = guestOf(dir.guest);
    try {
      if (guest === '/') useHostDirectoryAsRoot(kernel, dir.host);
      else mountHostDirectory(kernel, dir.host, guest);
    } catch (error) {
      if (!(error instanceof KernelError)) throw error;
      return `--dir ${dir.host}::${dir.guest}: cannot mount: ${errnoName(error.errno)}`;
    }
  }
  return undefined;
}

export async function wasiCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(wasiUsage);
    return 0;
  }
  let parsed: WasiArguments;
  try {
    parsed = parseWasiArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bocal wasi: ${error.message}\nSee 'bocal wasi --help'.\n`);
    return 2;
  }
  const path = resolve(parsed.file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    process.stderr.write(
      `bocal wasi: ${parsed.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : String(error)}\n`,
    );
    return 1;
  }
  const missing = parsed.dirs.find((dir) => !isDirectory(dir.host));
  if (missing) {
    process.stderr.write(`bocal wasi: --dir ${missing.host}: no such directory\n`);
    return 1;
  }
  const kernel = new Kernel(createNodeProcessHost(1));
  // On a terminal the program runs on the kernel's console, in the
  // foreground: ^C is the console's SIGINT, not Node's.
  const onTerminal = process.stdin.isTTY;
  let terminal: NodeTerminal | undefined;
  try {
    const failed = mountDirectories(kernel, parsed.dirs);
    if (failed) {
      process.stderr.write(`bocal wasi: ${failed}\n`);
      return 1;
    }
    const { mtimeMs, size } = statSync(path);
    if (onTerminal) {
      const screen =
        process.stdout.isTTY || !process.stderr.isTTY ? process.stdout : process.stderr;
      terminal = attachNodeTerminal(kernel.console, process.stdin, screen);
    }
    const spawned = await kernel.spawn({
      program: { bytes, key: `host:${path}:${mtimeMs}:${size}` },
      argv: [parsed.file, ...parsed.args],
      env: parsed.env,
      fds: onTerminal ? redirectedStdio() : nodeStdio(),
      console: onTerminal,
    });
    return shellExitCode(await spawned.exited);
  } catch (error) {
    process.stderr.write(
      `bocal wasi: ${parsed.file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 126;
  } finally {
    terminal?.detach();
    await kernel.shutdown();
  }
}
