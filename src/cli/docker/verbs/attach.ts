// `docker attach CONTAINER`: the running container's output from now on,
// stdout and stderr kept apart, until it exits; the exit status is the
// container's. Input is not forwarded: a container's stdin is fixed when
// it starts (see the README's "not yet").
import { HELP, isDaemonError, needArgs, type Command } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { daemonPrefix } from './each-container.ts';

export const attachCommand: Command = async (argv, io, engine) => {
  const { args } = parseFlags(
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
    const logs = engine.logs(record.Id);
    engine.events.container(record, 'attach');
    let chain = Promise.resolve();
    const stop = logs.follow((entry) => {
      const write = entry.stream === 'stdout' ? io.out : io.err;
      chain = chain.then(() => write(entry.bytes)).catch(() => undefined);
    });
    try {
      return await engine.wait(record.Id);
    } finally {
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
