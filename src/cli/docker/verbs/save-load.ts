// `docker save [-o FILE] IMAGE...`, `docker load [-i FILE] [-q]` and
// `docker import [-c] [-m] [--platform] FILE|- [REPOSITORY[:TAG]]` over the
// store's archive and tarball functions, the caller's files and stdin.
import type { Engine } from '../../../engine/engine.ts';
import { loadArchive } from '../../../image/archive-load.ts';
import { saveArchive } from '../../../image/archive-save.ts';
import { ImageError } from '../../../image/errors.ts';
import { importTarball } from '../../../image/import-tarball.ts';
import { parseReference } from '../../../image/reference.ts';
import { daemonError, HELP, isDaemonError, needArgs, noArgs, type DockerIO } from '../command.ts';
import { FileError, type DockerFiles } from '../files.ts';
import { flagOn, flagValue, flagValues, parseFlags } from '../flags.ts';

function filesOf(io: DockerIO): DockerFiles {
  if (!io.files) throw new FileError('this docker has no access to files here');
  return io.files;
}

export function saveVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [HELP, { long: 'output', short: 'o', value: true }],
      true,
    );
    needArgs(args, verb, 1);
    const output = flagValue(flags, 'output');
    if ((output === undefined || output === '-') && io.stdoutTerminal) {
      await io.err('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
      return 1;
    }
    try {
      const archive = await saveArchive(engine.images, args);
      if (output !== undefined && output !== '-') {
        await filesOf(io).write(output, archive);
      } else {
        for await (const chunk of archive) await io.out(chunk);
      }
      return 0;
    } catch (error) {
      if (error instanceof FileError) {
        await io.err(`${error.message}\n`);
        return 1;
      }
      if (isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
  };
}

export function loadVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [HELP, { long: 'input', short: 'i', value: true }, { long: 'quiet', short: 'q' }],
      true,
    );
    noArgs(args, verb);
    void flagOn(flags, 'quiet'); // -q hides the progress bars, which we do not draw.
    const input = flagValue(flags, 'input');
    if (input === undefined && io.stdinTerminal) {
      await io.err('requested load from stdin, but stdin is empty\n');
      return 1;
    }
    try {
      const files = filesOf(io);
      const source = input !== undefined ? await files.read(input) : files.stdin();
      const loaded = await loadArchive(engine.images, source);
      for (const image of loaded) {
        if (image.tags.length === 0) await io.out(`Loaded image ID: ${image.id}\n`);
        for (const tag of image.tags) await io.out(`Loaded image: ${tag}\n`);
      }
      return 0;
    } catch (error) {
      // dockerd reports a bad archive inside its answer's stream, without the "daemon" prefix.
      if (error instanceof FileError || error instanceof ImageError) {
        await io.err(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
  };
}

export function importVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [
        HELP,
        { long: 'change', short: 'c', value: true, repeat: true },
        { long: 'message', short: 'm', value: true },
        { long: 'platform', value: true },
      ],
      true,
    );
    needArgs(args, verb, 1); // more than two arguments: the rest is ignored, as the CLI does
    const [source, reference] = args as [string, string | undefined];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
      await io.err(
        `Error response from daemon: cannot import from ${source}: bocal has no network access to fetch it; give a file or - (stdin)\n`,
      );
      return 1;
    }
    try {
      const files = filesOf(io);
      const stream = source === '-' ? files.stdin() : await files.read(source);
      // dockerd checks the reference once the CLI has opened the file and sent it.
      if (reference !== undefined) {
        try {
          parseReference(reference);
        } catch (error) {
          await stream.cancel();
          if (!(error instanceof ImageError)) throw error;
          await io.err(`${error.message}\n`);
          return 1;
        }
      }
      const message = flagValue(flags, 'message');
      const record = await importTarball(engine.images, stream, {
        platform: flagValue(flags, 'platform'),
        changes: flagValues(flags, 'change'),
        ...(message !== undefined ? { message } : {}),
        // The CLI sends a file's content as the request body, so dockerd names it "-" too.
        sourceName: '-',
        reference,
      });
      await io.out(`${record.id}\n`);
      return 0;
    } catch (error) {
      if (error instanceof FileError) {
        await io.err(`${error.message}\n`);
        return 1;
      }
      if (isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
  };
}
