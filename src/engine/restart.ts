// Restart policies (`--restart no|on-failure[:N]|always|unless-stopped`)
// and dockerd's restart manager: after an exit the container is started
// again after a delay that starts at 100 ms and doubles with each restart
// up to a minute, back to 100 ms once a run lasted 10 seconds; a container
// stopped by `docker stop` or `kill` is not restarted.
import { EngineError } from './errors.ts';

export interface RestartPolicy {
  Name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  MaximumRetryCount: number;
}

export const NO_RESTART: RestartPolicy = { Name: 'no', MaximumRetryCount: 0 };

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 60_000;
const RESET_AFTER_MS = 10_000;

/** `--restart`'s value as the docker CLI parses it. */
export function parseRestartPolicy(text: string): RestartPolicy {
  if (text === '') return NO_RESTART;
  const [name = '', count, ...more] = text.split(':');
  if (more.length > 0) throw new EngineError('invalid', `invalid restart policy format: ${text}`);
  switch (name) {
    case 'no':
    case 'always':
    case 'unless-stopped':
      if (count !== undefined) {
        throw new EngineError(
          'invalid',
          `maximum retry count cannot be used with restart policy '${name}'`,
        );
      }
      return { Name: name, MaximumRetryCount: 0 };
    case 'on-failure': {
      if (count === undefined) return { Name: name, MaximumRetryCount: 0 };
      if (!/^-?\d+$/.test(count)) {
        throw new EngineError('invalid', `maximum retry count must be an integer`);
      }
      const value = Number(count);
      if (value < 0) throw new EngineError('invalid', 'maximum retry count cannot be negative');
      return { Name: name, MaximumRetryCount: value };
    }
    default:
      throw new EngineError('invalid', `invalid restart policy '${name}'`);
  }
}

/** What the restart manager remembers of one container between its runs. */
export class RestartManager {
  private delayMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** `docker stop`, `kill` or `rm -f` asked for this exit: no restart. */
  manuallyStopped = false;
  /** A restart's start in progress (`stop` waits for it); resolves whatever happens. */
  starting: Promise<void> | undefined;

  /**
   * The delay before starting again after an exit with `exitCode` (after
   * a run of `ranMs`), or undefined when the policy says no.
   */
  plan(
    policy: RestartPolicy,
    exitCode: number,
    restartCount: number,
    ranMs: number,
  ): number | undefined {
    if (this.manuallyStopped) return undefined;
    switch (policy.Name) {
      case 'always':
      case 'unless-stopped':
        break;
      case 'on-failure':
        if (exitCode === 0) return undefined;
        if (policy.MaximumRetryCount > 0 && restartCount >= policy.MaximumRetryCount)
          return undefined;
        break;
      default:
        return undefined;
    }
    if (ranMs >= RESET_AFTER_MS) this.delayMs = 0;
    this.delayMs = this.delayMs === 0 ? FIRST_DELAY_MS : Math.min(this.delayMs * 2, MAX_DELAY_MS);
    return this.delayMs;
  }

  schedule(delayMs: number, restart: () => void): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      restart();
    }, delayMs);
  }

  /** Whether a restart is waiting (the container is `restarting`). */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
