// The lock around a read-modify-write of the store's records file, between
// processes: the bocal daemon, `bocal shell`'s engine and `bocal` commands
// that keep their engine in-process may all write to one $BOCAL_HOME. A
// commit reads the records file, applies its own changes (record by
// record, so changes of different records merge) and renames a new file
// in; without the lock, two commits at the same instant would each rename
// a file missing the other's changes.
//
// The lock is a file made with O_EXCL holding the owner's pid. A lock whose
// owner is gone (a process killed mid-commit) is stale and taken over; one
// held by a live process longer than `timeoutMs` is reported with its pid.
import { open, readFile, rm } from 'node:fs/promises';

export class StoreLockedError extends Error {}

/** Whether a process with this pid exists (signal 0 checks without sending). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(path, 'utf8').catch(() => '');
    const owner = Number.parseInt(text, 10);
    // An empty file is a lock being written this instant: wait for its pid.
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new StoreLockedError(
        `the bocal store is locked by process ${Number.isInteger(owner) ? owner : '(unknown)'} (${path}); remove the file if that process is not bocal`,
      );
    }
    await pause(wait);
  }
}

/** Runs `body` holding the lock file at `path`. */
export async function withRecordsLock<T>(
  path: string,
  body: () => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  await acquire(path, timeoutMs);
  try {
    return await body();
  } finally {
    await rm(path, { force: true });
  }
}
