// The container's exit status is its pid 1's, as runc reports it. The
// helper (util-linux's unshare) passes an exit code on, but a pid 1 killed
// by SIGKILL (docker kill, the OOM killer) ends unshare with status 1 and a
// message, since signal(2) cannot reset SIGKILL: so the runtime keeps the
// helper's child once forked and takes a death by signal from it.
import { WIFSIGNALED } from '../../kernel/abi/wait-status.ts';
import { ProcessState, type Process } from '../../kernel/proc/process.ts';

export interface InitWatch {
  /** The container's pid 1 once the helper has forked it. */
  init(): Process | undefined;
  /** The container's status given the helper's: pid 1's when it died by a signal. */
  containerStatus(helperStatus: number): number;
}

/** How often to look for the helper's child until it has forked (it does so at once). */
const POLL_MS = 2;

export function watchInit(helper: Process): InitWatch {
  let init: Process | undefined;
  const look = (): void => {
    for (const child of helper.children) init ??= child;
    if (!init && helper.state !== ProcessState.Zombie) setTimeout(look, POLL_MS);
  };
  look();
  return {
    init: () => init,
    containerStatus(helperStatus) {
      const status = init?.exitStatus;
      return status !== undefined && WIFSIGNALED(status) ? status : helperStatus;
    },
  };
}
