// The pids controller's fork check (Linux's pids_try_charge): one more
// process in `into` must not take any cgroup from there up past its
// pids.max. The refusal is EAGAIN, as fork(2) gives; pids.events `max`
// counts it in the cgroup whose limit was hit and every ancestor, and
// pids.events.local in that cgroup alone.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Cgroup } from './cgroup.ts';

export function chargeFork(into: Cgroup): void {
  for (const at of into.upward()) {
    if (at.pids.max === Infinity) continue;
    if (at.taskCount() + 1 <= at.pids.max) continue;
    at.pids.eventsLocal++;
    for (const above of at.upward()) above.pids.events++;
    fail(Errno.EAGAIN, `fork rejected by pids controller in ${at.path}`);
  }
}
