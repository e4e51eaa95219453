// The verbs of a container's life after `run`: exec, top, pause/unpause,
// restart, rename, attach, logs, events, stats and container prune.
// docker.ts spreads this table into its own.
import type { Command } from '../command.ts';
import { attachCommand } from './attach.ts';
import { containerPruneCommand } from './container-prune.ts';
import { eventsCommand } from './events.ts';
import { execCommand } from './exec.ts';
import { logsCommand } from './logs.ts';
import { pauseCommand, unpauseCommand } from './pause.ts';
import { renameCommand } from './rename.ts';
import { restartCommand } from './restart.ts';
import { statsCommand } from './stats.ts';
import { topCommand } from './top.ts';

export const lifecycleVerbs: Record<string, Command> = {
  exec: execCommand,
  top: topCommand,
  pause: pauseCommand,
  unpause: unpauseCommand,
  restart: restartCommand,
  rename: renameCommand,
  attach: attachCommand,
  logs: logsCommand,
  events: eventsCommand,
  stats: statsCommand,
  'container prune': containerPruneCommand,
};
