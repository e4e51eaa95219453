// `docker diff CONTAINER`: the container's writable layer against its
// image, one `A`/`C`/`D` line per path, sorted, as dockerd lists overlay2's
// upper directory. Works on running and stopped containers.
import type { Engine } from '../../../engine/engine.ts';
import { daemonError, HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { parseFlags } from '../flags.ts';

export async function diffVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { args } = parseFlags(argv, [HELP], true);
  needArgs(args, 'diff', 1, true);
  try {
    const { root } = await engine.rootFilesystem(args[0]!);
    const changes = await root.diff();
    await io.out(changes.map((change) => `${change.kind} ${change.path}\n`).join(''));
    return 0;
  } catch (error) {
    if (isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
}
