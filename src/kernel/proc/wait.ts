// wait4(2): waiting for a child to change state (exit, stop, continue).
// A zombie child is reaped by the wait that reports it (unless WNOWAIT).
// rusage is not reported. Pids in and out are as the waiter's pid
// namespace numbers them.
import { Errno } from '../abi/errno.ts';
import { WCONTINUED, WIFCONTINUED, WNOHANG, WNOWAIT, WUNTRACED } from '../abi/wait-status.ts';
import { fail } from '../errors.ts';
import { reap } from './exit.ts';
import { interruptible } from './interruptible.ts';
import { ProcessState } from './process.ts';
import type { Process } from './process.ts';
import type { ProcessTable } from './process-table.ts';

export interface WaitResult {
  /** The child reported, or 0 with WNOHANG when none has changed. */
  pid: number;
  /** Its wait status (abi/wait-status); 0 when pid is 0. */
  status: number;
}

const KNOWN_OPTIONS = WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT;

/**
 * Implements wait4(2). `selector`: > 0 that child, 0 any child in the
 * caller's process group (as it is now), -1 any child, < -1 any child in
 * group -selector. ECHILD when no child matches; EINVAL for unknown
 * options; EINTR when a handled signal arrives while waiting.
 */
export async function wait4(
  table: ProcessTable,
  parent: Process,
  selector: number,
  options: number,
): Promise<WaitResult> {
  if ((options & ~KNOWN_OPTIONS) !== 0) fail(Errno.EINVAL);
  const matches = matcher(table, parent, selector);
  for (;;) {
    const result = poll(table, parent, matches, options);
    if (result) return result;
    if ((options & WNOHANG) !== 0) return { pid: 0, status: 0 };
    const change = table.childChange(parent);
    try {
      await interruptible(parent, change.promise, change.cancel);
    } catch (error) {
      // A child's exit both signals and wakes its parent; Linux's wait4
      // finds the zombie before it looks at pending signals, so a child
      // that is ready now is reported rather than EINTR.
      const ready = poll(table, parent, matches, options);
      if (ready) return ready;
      throw error;
    }
  }
}

function matcher(
  table: ProcessTable,
  parent: Process,
  selector: number,
): (child: Process) => boolean {
  const ns = parent.namespaces.pid;
  if (selector > 0) return (child) => table.pidIn(ns, child.pid) === selector;
  if (selector === -1) return () => true;
  const pgid = selector === 0 ? parent.pgid : table.globalIn(ns, -selector);
  return (child) => child.pgid === pgid;
}

/** The first matching child with something to report, undefined if none; ECHILD if no child matches. */
function poll(
  table: ProcessTable,
  parent: Process,
  matches: (child: Process) => boolean,
  options: number,
): WaitResult | undefined {
  const candidates = [...parent.children].filter(matches);
  if (candidates.length === 0) fail(Errno.ECHILD);
  const consume = (options & WNOWAIT) === 0;
  for (const child of candidates) {
    if (child.state === ProcessState.Zombie) {
      const status = child.exitStatus ?? 0;
      const pid = table.pidIn(parent.namespaces.pid, child.pid);
      if (consume) {
        // Linux adds a child's times to cutime/cstime when it is waited for.
        parent.usage.addChild(child.usage);
        reap(table, child);
      }
      return { pid, status };
    }
    const change = child.unreportedChange;
    if (change === undefined) continue;
    const wanted = WIFCONTINUED(change)
      ? (options & WCONTINUED) !== 0
      : (options & WUNTRACED) !== 0 && child.state === ProcessState.Stopped;
    if (!wanted) continue;
    if (consume) child.unreportedChange = undefined;
    return { pid: table.pidIn(parent.namespaces.pid, child.pid), status: change };
  }
  return undefined;
}
