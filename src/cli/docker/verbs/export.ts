// `docker export [-o FILE] CONTAINER`: the container's merged root (image
// and writable layer) as one tar, to stdout or FILE.
import type { Engine } from '../../../engine/engine.ts';
import { daemonError, HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { FileError } from '../files.ts';
import { flagValue, parseFlags } from '../flags.ts';

export async function exportVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'output', short: 'o', value: true }],
    true,
  );
  needArgs(args, 'export', 1, true);
  const output = flagValue(flags, 'output');
  if ((output === undefined || output === '-') && io.stdoutTerminal) {
    await io.err('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
    return 1;
  }
  let tar: Uint8Array;
  try {
    const { root } = await engine.rootFilesystem(args[0]!);
    tar = await root.exportTar();
  } catch (error) {
    if (isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
  if (output === undefined || output === '-') {
    await io.out(tar);
    return 0;
  }
  if (!io.files) {
    await io.err('failed to export container: no files here to write to\n');
    return 1;
  }
  try {
    await io.files.write(output, new Blob([tar as Uint8Array<ArrayBuffer>]).stream());
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    await io.err(`failed to export container: ${error.message}\n`);
    return 1;
  }
  return 0;
}
