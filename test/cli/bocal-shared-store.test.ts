// Two engines on one $BOCAL_HOME: the bocal daemon running a detached
// container, and the engine `bocal shell`'s docker opens in its own process.
// The second leaves the daemon's running container as it is (it does not
// mark it exited, as it would a container whose engine went away), and the
// store's records stay the daemon's (the commits merge: records-lock.ts).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bocalCommand } from '../support/bocal-cli.ts';

/** The records file of the store under `home`. */
function recordsFile(home: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'records.json') found.push(path);
      else if (statSync(path).isDirectory() && name !== 'blobs') walk(path);
    }
  };
  walk(home);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the daemon and bocal shell on one store', () => {
  it('leave each other’s running containers alone', () => {
    const home = mkdtempSync(join(tmpdir(), 'bocal-shared-'));
    const bocal = bocalCommand(home, { cwd: home, env: { BOCAL_DAEMON_IDLE_MS: '2000' } });
    const run = bocal('run', '-d', '--name', 'bg', 'box', 'sleep', '600');
    expect(run.status).toBe(0);
    try {
      const shell = bocal('shell', '-c', 'docker ps -a --format "{{.Names}} {{.State}}"');
      expect(shell).toMatchObject({ out: 'bg running\n', status: 0 });
      const records = JSON.parse(readFileSync(recordsFile(home), 'utf8')) as {
        container: Record<string, { Name: string; State: { Running: boolean; ExitCode: number } }>;
      };
      const [record] = Object.values(records.container);
      expect(record).toMatchObject({ Name: '/bg', State: { Running: true, ExitCode: 0 } });
      expect(bocal('ps', '--format', '{{.Names}} {{.State}}').out).toBe('bg running\n');
    } finally {
      bocal('rm', '-f', 'bg');
    }
  }, 300_000);
});
