// `docker events --since/--until` lists what earlier engines did: each
// `bocal` command is a new engine on the same store (as a page reload is),
// and the events are kept there as dockerd keeps them in its process (the
// last 256). The same commands on Debian's Docker 20.10 list the same lines.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_KEPT, EventLog, type EngineEvent } from '../../src/engine/events.ts';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { nativeProbeImage } from './native-probe-image.ts';

const BOCAL = new URL('../../bin/bocal.js', import.meta.url).pathname;

describe('docker events across engines', () => {
  it('lists the earlier commands’ events as Docker 20.10 lists its own', async () => {
    await ensureDockerEngine();
    const image = nativeProbeImage();
    const home = mkdtempSync(join(tmpdir(), 'bocal-events-'));
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, {
        encoding: 'utf8',
        // In-process engines only: no daemon keeps the events in memory between commands.
        env: { ...process.env, BOCAL_HOME: home, BOCAL_DAEMON: '0' },
        timeout: 120_000,
      });
      return { out: result.stdout, err: result.stderr, status: result.status };
    };
    // This run's own label: another run of this file on the same dockerd
    // (the suite run twice at once) must not add its containers' events.
    const token = randomBytes(4).toString('hex');
    const name = `bocal-kept-${token}`;
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const steps = (command: string, ref: string) => {
      expect(
        run(command, ['run', '--name', name, '-l', `kept=${token}`, ref, 'sh', '-c', 'exit 3'])
          .status,
      ).toBe(3);
      expect(run(command, ['rename', name, `${name}-2`]).status).toBe(0);
      expect(run(command, ['rm', `${name}-2`]).status).toBe(0);
    };
    const query = () => [
      'events',
      '--since',
      since,
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      `label=kept=${token}`,
      '--format',
      '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}',
    ];
    steps(DOCKER, image);
    // Asked at once: dockerd keeps its last 256 events only, and other
    // tests using it meanwhile could push these out.
    const theirs = run(DOCKER, query());
    steps(BOCAL, 'box');
    const ours = run(BOCAL, query());
    expect(ours).toEqual(theirs);
    expect(ours.out).toContain(`container die ${name} 3\n`);
    expect(ours.out).toContain(`container destroy ${name}-2 <no value>\n`);
  }, 300_000);

  it('keeps the newest 256 when an engine restores more', () => {
    const log = new EventLog(() => 5_000_000);
    const earlier: EngineEvent[] = Array.from({ length: 300 }, (_, i) => ({
      Type: 'container',
      Action: `a${i}`,
      Actor: { ID: 'x', Attributes: {} },
      scope: 'local',
      time: i,
      timeNano: BigInt(i) * 1_000_000_000n,
    }));
    log.add({ Type: 'container', Action: 'now', Actor: { ID: 'y', Attributes: {} } });
    log.restore(earlier);
    expect(log.events).toHaveLength(EVENTS_KEPT);
    expect(log.events[0]!.Action).toBe(`a${300 - EVENTS_KEPT + 1}`);
    expect(log.events.at(-1)!.Action).toBe('now');
  });
});
