// `docker pause` and `docker unpause`: every process of each container
// frozen or thawed through its cgroup's freezer (engine.pause).
import { HELP, needArgs, type Command } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { eachContainer } from './each-container.ts';

export const pauseCommand: Command = async (argv, io, engine) => {
  const { args } = parseFlags(argv, [HELP], true);
  needArgs(args, 'pause', 1);
  return eachContainer(args, io, async (name) => {
    await engine.pause(name);
    return name;
  });
};

export const unpauseCommand: Command = async (argv, io, engine) => {
  const { args } = parseFlags(argv, [HELP], true);
  needArgs(args, 'unpause', 1);
  return eachContainer(args, io, async (name) => {
    await engine.unpause(name);
    return name;
  });
};
