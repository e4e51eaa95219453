// `docker rmi [-f] IMAGE...` / `docker image rm`: each image in turn, its
// Untagged/Deleted lines on stdout, each failure on stderr; status 1 if
// any failed.
import { deleteImage } from '../../../engine/image-delete.ts';
import type { Engine } from '../../../engine/engine.ts';
import { isImageError } from '../../../image/errors.ts';
import { HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { flagOn, parseFlags } from '../flags.ts';

export function rmiVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [HELP, { long: 'force', short: 'f' }, { long: 'no-prune' }],
      true,
    );
    needArgs(args, verb, 1);
    let status = 0;
    for (const name of args) {
      try {
        const { records } = await deleteImage(
          engine.images,
          engine.list(true),
          name,
          flagOn(flags, 'force'),
        );
        await io.out(
          records
            .map((r) => ('untagged' in r ? `Untagged: ${r.untagged}\n` : `Deleted: ${r.deleted}\n`))
            .join(''),
        );
      } catch (error) {
        if (!isDaemonError(error)) throw error;
        // The CLI says "Error: No such image" itself; other failures are the daemon's.
        const missing = isImageError(error, 'not-found');
        await io.err(
          missing
            ? `Error: No such image: ${name}\n`
            : `Error response from daemon: ${error.message}\n`,
        );
        status = 1;
      }
    }
    return status;
  };
}
