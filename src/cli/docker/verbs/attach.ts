// `docker attach CONTAINER`: the running container's output from now on,
// stdout and stderr kept apart, until it exits; the exit status is the
// container's. The caller's input goes to a container made with -i (not
// with --no-stdin); the detach keys (^P ^Q, or --detach-keys) detach ("read
// escape sequence", status 1) and leave it running. A -t container has a
// terminal of its own (whether it was started with `run -it`, `run -dit`
// or `start`): attach shows what is written on it and types the caller's
// keys on it, the caller's terminal raw meanwhile (it must be a terminal,
// as the docker CLI requires). Several callers may be attached at once:
// each gets all the output, and any of them may type (attach-session.ts).
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { attachSession } from '../attach-session.ts';
import { parseDetachKeys } from '../detach-keys.ts';
import { flagOn, flagValue, parseFlags } from '../flags.ts';
import { daemonPrefix } from './each-container.ts';

export const attachCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'no-stdin' }, { long: 'sig-proxy' }, { long: 'detach-keys', value: true }],
    true,
  );
  needArgs(args, 'attach', 1, true);
  try {
    const record = engine.inspect(args[0]!);
    if (record.State.Paused) {
      throw new Error('You cannot attach to a paused container, unpause it first');
    }
    if (!record.State.Running || record.State.Restarting) {
      throw new Error('You cannot attach to a stopped container, start it first');
    }
    // A -t container's input is a terminal's: the docker CLI wants one to type on.
    const input = io.stdin !== undefined && !flagOn(flags, 'no-stdin');
    if (record.Config.Tty && input && io.stdinTerminal === false) {
      throw new Error('the input device is not a TTY');
    }
    const keys = parseDetachKeys(flagValue(flags, 'detach-keys'));
    // Docker 20.10's daemon says so and then keeps the client waiting; here it ends.
    if (typeof keys === 'string') throw new Error(keys);
    engine.events.container(record, 'attach');
    const end = await attachSession(engine, record, io, {
      input: input && record.Config.OpenStdin,
      keys,
      sigProxy: !flags.has('sig-proxy') || flagOn(flags, 'sig-proxy'),
    });
    if ('status' in end) return end.status;
    await io.err('read escape sequence\n');
    return 1;
  } catch (error) {
    if (isDaemonError(error)) {
      await io.err(`${daemonPrefix(error)}${error.message}\n`);
      return 1;
    }
    if (!(error instanceof Error)) throw error;
    await io.err(`${error.message}\n`);
    return 1;
  }
};
