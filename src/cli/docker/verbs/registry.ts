// `docker pull` and `docker push`: bocal has no registry to talk to (the
// page is offline by design), so both say so as the daemon's error, with
// the images that are here; the reference is checked first as the CLI does.
import type { Engine } from '../../../engine/engine.ts';
import { ImageError } from '../../../image/errors.ts';
import { familiarString, parseNormalizedNamed, parseReference } from '../../../image/reference.ts';
import { HELP, needArgs, type DockerIO } from '../command.ts';
import { parseFlags, type FlagSpec } from '../flags.ts';

const FLAGS: FlagSpec[] = [
  HELP,
  { long: 'all-tags', short: 'a' },
  { long: 'disable-content-trust' },
  { long: 'platform', value: true },
  { long: 'quiet', short: 'q' },
];

export function registryVerb(verb: string, direction: 'pull' | 'push') {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { args } = parseFlags(argv, FLAGS, true);
    needArgs(args, verb, 1, true);
    const name = args[0]!;
    let reference;
    try {
      reference = parseReference(name);
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      await io.err(`${error.message}\n`);
      return 1;
    }
    const given = parseNormalizedNamed(name);
    if (given.tag === undefined && given.digest === undefined)
      await io.out('Using default tag: latest\n');
    const available = await engine.images.availableTags();
    const what = direction === 'pull' ? 'pull from' : 'push to';
    await io.err(
      `Error response from daemon: cannot ${what} a registry for ${familiarString(reference)}: bocal has no registry (offline); images available here: ${available.join(', ') || 'none'} (docker load or docker import bring others in)\n`,
    );
    return 1;
  };
}
