// The `bocal` command line in Node: dispatches a verb to its command.
import { readFileSync } from 'node:fs';
import { shellCommand } from './shell-command.ts';
import { wasiCommand } from './wasi-command.ts';
import { DOCKER_VERBS, needsDaemon, nodeDockerCommand } from './docker/node-docker.ts';
import { daemonDockerCommand, daemonRunning } from '../platform/node/daemon/client.ts';
import { runDaemon } from '../platform/node/daemon/daemon.ts';

const usage = `Usage:  bocal [OPTIONS] COMMAND

Linux-style containers on a WebAssembly kernel.

Commands:
  shell       Boot the emulated Linux host and open a shell on it
  wasi        Run a WebAssembly (WASI) program on the bocal kernel
  daemon      Run the engine in the background (started by run -d; stops when idle)
  run, create, start, ps, images, rm, logs, inspect, wait, stop, kill, exec, ...
              The docker command's verbs, on containers of this machine

Options:
  -v, --version  Print version information and quit
  -h, --help     Print usage
`;

export async function main(args: string[]): Promise<number> {
  const [first] = args;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  // `bocal version` is docker's verb (Client and Server sections); -v says bocal's version alone.
  if (first === '-v' || first === '--version') {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    process.stdout.write(`bocal version ${pkg.version}\n`);
    return 0;
  }
  if (first === 'shell') return shellCommand(args.slice(1));
  if (first === 'wasi') return wasiCommand(args.slice(1));
  if (first === 'daemon') return runDaemon();
  if (DOCKER_VERBS.has(first)) {
    // The daemon owns the containers while it runs; it is started for a
    // command that leaves one running. BOCAL_DAEMON=0 keeps everything here.
    const inProcess = process.env.BOCAL_DAEMON === '0';
    if (!inProcess && (needsDaemon(args) || (await daemonRunning()))) {
      return daemonDockerCommand(args);
    }
    return nodeDockerCommand(args);
  }
  process.stderr.write(`bocal: '${first}' is not a bocal command.\nSee 'bocal --help'\n`);
  return 1;
}
