// Several processes on one $BOCAL_HOME (the daemon, `bocal shell`, in-process
// commands): their record commits merge, none lost, through the records
// lock; a lock left by a dead process is taken over, one held by a live
// process is reported with its pid.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryBackend } from '../../../src/platform/node/image-store/directory-backend.ts';
import {
  StoreLockedError,
  withRecordsLock,
} from '../../../src/platform/node/image-store/records-lock.ts';

const FIXTURE = new URL('./commit-records.fixture.ts', import.meta.url).pathname;

function commitFrom(dir: string, who: string, count: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, who, String(count)], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', resolve));
}

describe('the store’s records between processes', () => {
  it('keeps every record two processes commit at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bocal-records-'));
    const statuses = await Promise.all([commitFrom(dir, 'a', 150), commitFrom(dir, 'b', 150)]);
    expect(statuses).toEqual([0, 0]);
    const records = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as {
      container: Record<string, unknown>;
    };
    expect(Object.keys(records.container)).toHaveLength(300);
    expect(existsSync(join(dir, 'records.lock'))).toBe(false);
  }, 120_000);

  it('takes over a lock whose process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bocal-records-'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, 'records.lock'), `${gone.stdout.toString()}\n`);
    const backend = new DirectoryBackend(dir);
    await backend.commitRecords([{ kind: 'container', key: 'k', value: 1 }]);
    expect(await backend.getRecord('container', 'k')).toBe(1);
    expect(existsSync(join(dir, 'records.lock'))).toBe(false);
  });

  it('reports a lock a live process holds, with its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bocal-records-'));
    const holder = spawn('sleep', ['30']);
    try {
      const lock = join(dir, 'records.lock');
      writeFileSync(lock, `${holder.pid}\n`);
      const attempt = withRecordsLock(lock, async () => 'ran', 300);
      await expect(attempt).rejects.toThrow(StoreLockedError);
      await expect(attempt).rejects.toThrow(`the bocal store is locked by process ${holder.pid}`);
      expect(readFileSync(lock, 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill();
    }
  });
});
