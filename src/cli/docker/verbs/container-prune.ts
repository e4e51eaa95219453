// `docker container prune [-f]`: removes every stopped container, after
// asking unless -f, and lists what went.
import type { OpenFile } from '../../../kernel/fs/open-file.ts';
import { HELP, noArgs, type Command } from '../command.ts';
import { flagOn, parseFlags } from '../flags.ts';

/** One line of the caller's input (for the confirmation), or '' at its end. */
async function readAnswer(stdin: OpenFile | undefined): Promise<string> {
  if (!stdin) return '';
  let text = '';
  for (;;) {
    const chunk = await stdin.read(1);
    if (chunk.length === 0 || chunk[0] === 0x0a) return text;
    text += String.fromCharCode(chunk[0]!);
  }
}

export const containerPruneCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'force', short: 'f' }, { long: 'filter', value: true, repeat: true }],
    true,
  );
  noArgs(args, 'container prune');
  if (!flagOn(flags, 'force')) {
    await io.out(
      'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ',
    );
    const answer = (await readAnswer(io.stdin)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') return 0;
  }
  const removed = await engine.prune();
  let text = '';
  if (removed.length > 0)
    text += `Deleted Containers:\n${removed.map((id) => `${id}\n`).join('')}\n`;
  await io.out(`${text}Total reclaimed space: 0B\n`);
  return 0;
};
