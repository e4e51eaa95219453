// `docker restart [-t SECONDS] CONTAINER...`: stop (SIGTERM, then SIGKILL
// after the timeout) and start again.
import { EngineError } from '../../../engine/errors.ts';
import { parseRestartPolicy, type RestartPolicy } from '../../../engine/restart.ts';
import { HELP, needArgs, type Command } from '../command.ts';
import { flagValue, parseFlags } from '../flags.ts';
import { eachContainer } from './each-container.ts';

export const restartCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(argv, [HELP, { long: 'time', short: 't', value: true }], true);
  needArgs(args, 'restart', 1);
  const time = Number(flagValue(flags, 'time') ?? 10);
  return eachContainer(args, io, async (name) => {
    await engine.restart(name, time);
    return name;
  });
};

/** `run --restart`'s policy, or the docker CLI's complaint about it. */
export function restartPolicyFlag(
  value: string | undefined,
  autoRemove: boolean,
): RestartPolicy | string {
  try {
    const policy = parseRestartPolicy(value ?? 'no');
    if (autoRemove && policy.Name !== 'no') return 'Conflicting options: --restart and --rm';
    return policy;
  } catch (error) {
    // The CLI checks the count; dockerd the policy's name.
    if (error instanceof EngineError) {
      return error.message.startsWith('maximum retry count must')
        ? error.message
        : `Error response from daemon: ${error.message}`;
    }
    throw error;
  }
}
