// `docker tag SOURCE TARGET`: the target must be a valid tagged reference
// (checked by the CLI before asking the daemon), the source must exist.
import type { Engine } from '../../../engine/engine.ts';
import { ImageError } from '../../../image/errors.ts';
import { parseReference } from '../../../image/reference.ts';
import { daemonError, HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { getImage } from './image-names.ts';

export function tagVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { args } = parseFlags(argv, [HELP], true);
    needArgs(args, verb, 2, true);
    const [source, target] = args as [string, string];
    try {
      parseReference(target);
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      await io.err(
        `Error parsing reference: "${target}" is not a valid repository/tag: ${error.message}\n`,
      );
      return 1;
    }
    try {
      const image = await getImage(engine.images, source);
      await engine.images.tag(image.id, target);
      return 0;
    } catch (error) {
      if (isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
  };
}
