// `docker exec [-d] [-i] [-t] [-e VAR=value] [-w DIR] [-u USER] CONTAINER
// COMMAND [ARG...]`: another process in a running container, its exit
// status the command's. A command that cannot run prints runc's message
// and exits 127 (not found) or 126, as the docker CLI does.
import { EngineError } from '../../../engine/errors.ts';
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { flagOn, flagValue, flagValues, parseFlags } from '../flags.ts';
import { daemonPrefix } from './each-container.ts';

export const execCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(argv, [
    HELP,
    { long: 'detach', short: 'd' },
    { long: 'interactive', short: 'i' },
    { long: 'tty', short: 't' },
    { long: 'env', short: 'e', value: true, repeat: true },
    { long: 'workdir', short: 'w', value: true },
    { long: 'user', short: 'u', value: true },
    { long: 'privileged' },
    { long: 'detach-keys', value: true },
  ]);
  needArgs(args, 'exec', 2);
  const [container, ...cmd] = args as [string, ...string[]];
  // -t on a client's terminal (bocal's own, or the daemon's client): the kernel's
  // console is that terminal while the exec runs.
  const tty = flagOn(flags, 'tty') && !flagOn(flags, 'detach');
  const releaseConsole =
    tty && io.console ? io.useConsole?.(flagOn(flags, 'interactive')) : undefined;
  try {
    return await engine.exec(
      container,
      {
        cmd,
        env: flagValues(flags, 'env'),
        workdir: flagValue(flags, 'workdir'),
        user: flagValue(flags, 'user'),
        tty: flagOn(flags, 'tty'),
        interactive: flagOn(flags, 'interactive'),
        detach: flagOn(flags, 'detach'),
      },
      {
        stdout: io.out,
        stderr: io.err,
        stdin: io.stdin,
        terminal: io.terminal,
        console: io.console,
      },
    );
  } catch (error) {
    if (!isDaemonError(error)) throw error;
    if (error instanceof EngineError && error.code === 'command-not-found') {
      await io.err(`${error.message}\n`);
      return 127;
    }
    if (error instanceof EngineError && error.code === 'command-not-executable') {
      await io.err(`${error.message}\n`);
      return 126;
    }
    await io.err(`${daemonPrefix(error)}${error.message}\n`);
    return 1;
  } finally {
    releaseConsole?.();
  }
};
