// How a container is shown in `docker ps` and `docker system df -v`: its
// command (quoted and cut as Docker's) and its status line. Shared by both
// verbs, apart from docker.ts so that verbs/system.ts need not import it.
import type { ContainerRecord } from '../../engine/container.ts';
import { humanDuration } from './units.ts';

export function quoteCommand(record: ContainerRecord, full: boolean): string {
  const command = [record.Path, ...record.Args].join(' ');
  const shown = full || command.length <= 20 ? command : `${command.slice(0, 19)}…`;
  // Go's strconv.Quote, which JSON's string syntax matches for what commands hold.
  return JSON.stringify(shown);
}

export function statusText(record: ContainerRecord, now: number): string {
  const state = record.State;
  if (state.Status === 'running') return `Up ${humanDuration(now - Date.parse(state.StartedAt))}`;
  if (state.Status === 'paused')
    return `Up ${humanDuration(now - Date.parse(state.StartedAt))} (Paused)`;
  if (state.Status === 'exited') {
    return `Exited (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  }
  if (state.Status === 'dead') return 'Dead';
  if (state.Status === 'restarting') {
    return `Restarting (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  }
  return 'Created';
}
