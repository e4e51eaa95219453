// `docker attach CONTAINER`: the running container's output from now on,
// stdout and stderr kept apart, until it exits; the exit status is the
// container's. The caller's input goes to a container made with -i and
// started without input (`run -di`); ^P ^Q detaches ("read escape
// sequence", status 1) and leaves it running. A -t container started with
// no caller (`run -dit`) has a terminal of its own: attach shows what is
// written on it and types the caller's keys on it (the caller's input must
// be a terminal, as the docker CLI requires). A container given the
// caller's terminal at its start (`run -it`) keeps that terminal: attach
// shows its output only once it is detached from it.
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { withDetachKeys } from '../../../engine/stdin-relay.ts';
import { flagOn, parseFlags } from '../flags.ts';
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
    const input = io.stdin && !flagOn(flags, 'no-stdin');
    if (record.Config.Tty && input && io.stdinTerminal === false) {
      throw new Error('the input device is not a TTY');
    }
    const logs = engine.logs(record.Id);
    engine.events.container(record, 'attach');
    let chain = Promise.resolve();
    const stop = logs.follow((entry) => {
      const write = entry.stream === 'stdout' ? io.out : io.err;
      chain = chain.then(() => write(entry.bytes)).catch(() => undefined);
    });
    // Input goes to a container made with -i; ^P ^Q detaches, leaving it running.
    let escaped = false;
    let detach = () => {};
    const detached = new Promise<number>(
      (resolve) =>
        (detach = () => {
          escaped = true;
          resolve(1);
        }),
    );
    const disconnect =
      io.stdin && !flagOn(flags, 'no-stdin')
        ? engine.attachInput(record.Id, withDetachKeys(io.stdin, detach))
        : undefined;
    try {
      const status = await Promise.race([engine.wait(record.Id), detached]);
      if (escaped) {
        await chain;
        await io.err('read escape sequence\n');
      }
      return status;
    } finally {
      disconnect?.();
      stop();
      await chain;
    }
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
