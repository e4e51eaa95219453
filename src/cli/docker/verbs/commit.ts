// `docker commit [-a AUTHOR] [-c CHANGE] [-m MESSAGE] CONTAINER [REPOSITORY[:TAG]]`:
// a new image from the container's writable layer; prints its ID.
import { commitContainer } from '../../../engine/commit.ts';
import type { Engine } from '../../../engine/engine.ts';
import { ImageError } from '../../../image/errors.ts';
import { parseReference } from '../../../image/reference.ts';
import {
  daemonError,
  HELP,
  isDaemonError,
  needArgs,
  ArgumentError,
  type DockerIO,
} from '../command.ts';
import { flagValue, flagValues, parseFlags } from '../flags.ts';
import { verbSynopsis } from '../usage.ts';

export async function commitVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'author', short: 'a', value: true },
      { long: 'change', short: 'c', value: true, repeat: true },
      { long: 'message', short: 'm', value: true },
      { long: 'pause', short: 'p' },
    ],
    true,
  );
  needArgs(args, 'commit', 1);
  if (args.length > 2) {
    const [usage, summary] = verbSynopsis('commit');
    throw new ArgumentError(
      `"docker commit" requires at most 2 arguments.\nSee 'docker commit --help'.\n\nUsage:  docker commit ${usage}\n\n${summary}`,
    );
  }
  const [name, reference] = args as [string, string | undefined];
  if (reference !== undefined) {
    try {
      parseReference(reference);
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      await io.err(`Error response from daemon: invalid reference format\n`);
      return 1;
    }
  }
  try {
    const { record, root } = await engine.rootFilesystem(name);
    const image = await commitContainer(engine.images, record, root, {
      reference,
      author: flagValue(flags, 'author'),
      message: flagValue(flags, 'message'),
      changes: flagValues(flags, 'change'),
      now: io.now(),
    });
    await io.out(`${image.id}\n`);
    return 0;
  } catch (error) {
    if (isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
}
