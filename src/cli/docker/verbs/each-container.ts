// What the verbs that take CONTAINER... share: the action on each name in
// turn, its printed line, and dockerd's error for a name that fails (the
// others still run); exit status 1 if any failed. Verbs that send the name
// to dockerd as is print a missing one as dockerd's "No such container" too;
// those the CLI looks up first (rm, stop, kill, wait) use eachFoundContainer.
import { EngineError } from '../../../engine/errors.ts';
import type { DockerIO } from '../command.ts';
import { isDaemonError } from '../command.ts';

export async function eachContainer(
  names: string[],
  io: DockerIO,
  action: (name: string) => Promise<string | undefined>,
  prefix: (error: Error) => string = () => 'Error response from daemon: ',
): Promise<number> {
  let status = 0;
  for (const name of names) {
    try {
      const printed = await action(name);
      if (printed !== undefined) await io.out(`${printed}\n`);
    } catch (error) {
      if (!isDaemonError(error)) throw error;
      await io.err(`${prefix(error)}${error.message}\n`);
      status = 1;
    }
  }
  return status;
}

/** Where the docker CLI looks a container up first, it prints "Error: No such container" itself. */
export function daemonPrefix(error: Error): string {
  return error instanceof EngineError && error.code === 'not-found'
    ? 'Error: '
    : 'Error response from daemon: ';
}

/** eachContainer for the verbs whose missing container the docker CLI reports itself. */
export function eachFoundContainer(
  names: string[],
  io: DockerIO,
  action: (name: string) => Promise<string | undefined>,
): Promise<number> {
  return eachContainer(names, io, action, daemonPrefix);
}
