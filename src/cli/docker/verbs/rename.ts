// `docker rename CONTAINER NEW_NAME`.
import { HELP, needArgs, type Command } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { eachContainer } from './each-container.ts';

export const renameCommand: Command = async (argv, io, engine) => {
  const { args } = parseFlags(argv, [HELP], true);
  needArgs(args, 'rename', 2, true);
  const [old = '', name = ''] = args;
  if (old.trim() === '' || name.trim() === '') {
    await io.err('Error: Neither old nor new names may be empty\n');
    return 1;
  }
  const status = await eachContainer([old], io, async () => {
    engine.rename(old, name);
    return undefined;
  });
  if (status !== 0) await io.err(`Error: failed to rename container named ${old}\n`);
  return status;
};
