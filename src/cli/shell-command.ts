// `bocal shell [--user USER] [-c COMMAND [NAME [ARG]...]]`: boots the
// emulated host (rootfs/host/, box in /bin, the course's tarball in /root)
// on a kernel in this Node process and opens a shell on it, as logging in
// to a machine would: on a terminal, a login shell on the kernel's console
// (its tty: line editing, ^C, job control are the kernel's); with stdin
// not a terminal, a shell reading its commands from stdin, as
// `ssh host < script` does; with -c, that one command line, whose status
// is bocal's. The user is root unless --user names another one of
// /etc/passwd, with HOME, USER, LOGNAME, SHELL and PATH set as login(1)
// sets them.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shellExitCode } from '../kernel/abi/wait-status.ts';
import { Kernel } from '../kernel/kernel.ts';
import type { BuiltinProgram } from '../kernel/exec/builtin-program.ts';
import { dockerBuiltin, installDockerCommand } from './docker/docker-builtin.ts';
import { lazyNodeEngine } from './docker/node-engine.ts';
import { bootHost, hostLogin, LOGIN_SHELL } from '../platform/browser/system-boot.ts';
import { readHostTree } from '../platform/node/host-tree.ts';
import { createNodeProcessHost } from '../platform/node/process-host.ts';
import { nodeStdio, redirectedStdio } from '../platform/node/stdio.ts';
import { attachNodeTerminal, type NodeTerminal } from '../platform/node/terminal.ts';

export const BOX_WASM = fileURLToPath(new URL('../../build/wasm/box.wasm', import.meta.url));

export const shellUsage = `Usage:  bocal shell [OPTIONS] [-c COMMAND [NAME [ARG...]]]

Boot the emulated Linux host and open a shell on it: a login shell on a
terminal, commands read from stdin otherwise.

Options:
  -c COMMAND         Run COMMAND (a shell command line) and exit with its status
  -u, --user USER    Log in as USER (a name or uid in the host's /etc/passwd; default root)
  -h, --help         Print usage
`;

export interface ShellArguments {
  user: string;
  /** sh's arguments after -c: the command line, then $0 and the positional parameters. */
  command?: string[];
}

export class ShellUsageError extends Error {}

export function parseShellArguments(argv: string[]): ShellArguments {
  const parsed: ShellArguments = { user: 'root' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new ShellUsageError(`option ${arg} needs a value`);
      return next;
    };
    if (arg === '-c') {
      parsed.command = [value(), ...argv.slice(i + 1)];
      break;
    } else if (arg === '-u' || arg === '--user') {
      parsed.user = value();
    } else if (arg.startsWith('--user=')) {
      parsed.user = arg.slice('--user='.length);
    } else {
      throw new ShellUsageError(
        arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${arg}`,
      );
    }
  }
  return parsed;
}

export async function shellCommand(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(shellUsage);
    return 0;
  }
  let parsed: ShellArguments;
  try {
    parsed = parseShellArguments(argv);
  } catch (error) {
    if (!(error instanceof ShellUsageError)) throw error;
    process.stderr.write(`bocal shell: ${error.message}\nSee 'bocal shell --help'.\n`);
    return 2;
  }
  let box: { bytes: Uint8Array; key: string };
  try {
    const { mtimeMs, size } = statSync(BOX_WASM);
    box = { bytes: readFileSync(BOX_WASM), key: `host:${BOX_WASM}:${mtimeMs}:${size}` };
  } catch {
    process.stderr.write(`bocal shell: ${BOX_WASM} is missing: run 'npm run build:wasm' first\n`);
    return 1;
  }
  const builtins: Record<string, BuiltinProgram> = {};
  const kernel = new Kernel(createNodeProcessHost(1), { builtins });
  builtins.docker = dockerBuiltin(lazyNodeEngine(kernel, box.bytes));
  const interactive = parsed.command === undefined && process.stdin.isTTY;
  let terminal: NodeTerminal | undefined;
  try {
    await bootHost(kernel, box, readHostTree());
    await installDockerCommand(kernel);
    let login;
    try {
      login = await hostLogin(kernel, parsed.user, process.env.TERM ?? 'dumb');
    } catch {
      process.stderr.write(`bocal shell: user '${parsed.user}' does not exist\n`);
      return 1;
    }
    const argv = parsed.command
      ? ['sh', '-c', ...parsed.command]
      : interactive
        ? LOGIN_SHELL
        : ['sh'];
    if (interactive) {
      const screen =
        process.stdout.isTTY || !process.stderr.isTTY ? process.stdout : process.stderr;
      terminal = attachNodeTerminal(kernel.console, process.stdin, screen);
    }
    const spawned = await kernel.spawn({
      program: { path: '/bin/sh' },
      argv,
      env: login.env,
      cwd: login.user.home,
      credentials: login.credentials,
      fds: interactive ? redirectedStdio() : nodeStdio(),
      console: interactive,
    });
    return shellExitCode(await spawned.exited);
  } catch (error) {
    process.stderr.write(
      `bocal shell: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    terminal?.detach();
    await kernel.shutdown();
  }
}
