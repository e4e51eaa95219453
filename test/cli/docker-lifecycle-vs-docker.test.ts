// The lifecycle verbs' usage errors, unknown containers and bad flags given
// to the real docker CLI (Debian's 20.10 with its dockerd) and to ours: same
// stdout, stderr and exit status.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine, dockerResult } from '../support/docker-engine.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  await ensureDockerEngine();
  d = await dockerSetup();
}, 600_000);
afterAll(() => d?.close());

const real = dockerResult;

const MISSING = 'bocal-no-such-container';

const CASES: string[][] = [
  ['exec'],
  ['exec', 'x'],
  ['exec', MISSING, 'true'],
  ['exec', '-z', 'x', 'y'],
  ['pause'],
  ['pause', MISSING],
  ['unpause', MISSING],
  ['top'],
  ['top', MISSING],
  ['rename', 'a'],
  ['rename', MISSING, 'b'],
  ['restart'],
  ['restart', MISSING],
  ['attach'],
  ['attach', MISSING],
  ['stats', '--no-stream', MISSING],
  ['events', '--since', 'yesterday', '--until', '0s'],
  ['logs', '--since', 'yesterday', MISSING],
  ['container', 'prune', 'x'],
  ['run', '--restart', 'sometimes', 'box'],
  ['run', '--rm', '--restart', 'always', 'box'],
  ['run', '--restart', 'on-failure:x', 'box'],
  ['run', '--restart', 'always:3', 'box'],
];

describe('lifecycle verbs against the real docker CLI', () => {
  it.each(CASES)('%s ...', async (...args) => {
    expect(await d.run(...args)).toEqual(real(args));
  });
});

/**
 * A native image for the real daemon with the programs the cases run (dash
 * as sh, sleep, true): bocal runs its own `box` image for the same commands.
 */
function nativeImage(): string {
  const name = 'bocal-lifecycle-ref:1';
  if (spawnSync(DOCKER, ['image', 'inspect', name], { stdio: 'ignore' }).status === 0) return name;
  const root = mkdtempSync(join(tmpdir(), 'bocal-lifecycle-ref-'));
  for (const dir of ['bin', 'lib/x86_64-linux-gnu', 'lib64', 'tmp', 'etc']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  copyFileSync('/usr/bin/dash', join(root, 'bin/sh'));
  copyFileSync('/usr/bin/sleep', join(root, 'bin/sleep'));
  copyFileSync('/usr/bin/true', join(root, 'bin/true'));
  copyFileSync('/lib/x86_64-linux-gnu/libc.so.6', join(root, 'lib/x86_64-linux-gnu/libc.so.6'));
  copyFileSync('/lib64/ld-linux-x86-64.so.2', join(root, 'lib64/ld-linux-x86-64.so.2'));
  const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 1 << 28 });
  const imported = spawnSync(DOCKER, ['import', '-c', 'ENV PATH=/bin', '-', name], {
    input: tar.stdout,
  });
  if (imported.status !== 0) throw new Error(`docker import: ${String(imported.stderr)}`);
  return name;
}

/** Both sides with the container's id in messages replaced, so they can be compared. */
const withoutId = (result: { out: string; err: string; status: number }, id: string) => ({
  out: result.out.replaceAll(id, '<id>'),
  err: result.err.replaceAll(id, '<id>'),
  status: result.status,
});

describe('a running container on both daemons', () => {
  it('gives the same pause, unpause, exec and rm refusals, and the same top columns', async () => {
    const image = nativeImage();
    const name = `bocal-lifecycle-${process.pid}`;
    spawnSync(DOCKER, ['rm', '-f', name], { stdio: 'ignore' });
    const theirId = real(['run', '-d', '--name', name, image, 'sleep', '300']).out.trim();
    const ourId = (await d.run('run', '-d', '--name', name, 'box', 'sleep', '300')).out.trim();
    try {
      const both = async (...args: string[]) => {
        const ours = withoutId(await d.run(...args), ourId);
        const theirs = withoutId(real(args), theirId);
        expect(ours, args.join(' ')).toEqual(theirs);
      };
      // top: the same header and the same cells (pids, times and the C column, CPU use
      // in percent that a busy machine can round to 1 on either side, differ).
      const ourTop = (await d.run('top', name)).out.split('\n');
      const theirTop = real(['top', name]).out.split('\n');
      expect(ourTop[0]).toBe(theirTop[0]);
      const cells = (line: string) =>
        [0, 20, 40, 60, 80, 100, 120, 140].map((at, i, all) =>
          line.slice(at, all[i + 1] ?? undefined).trimEnd(),
        );
      const [ourRow, theirRow] = [cells(ourTop[1]!), cells(theirTop[1]!)];
      expect(ourRow[0]).toBe(theirRow[0]);
      expect(ourRow[5]).toBe(theirRow[5]);
      expect(ourRow[7]).toBe(theirRow[7]);
      for (const row of [ourRow, theirRow]) {
        expect(row[1]).toMatch(/^\d+$/);
        expect(row[2]).toMatch(/^\d+$/);
        expect(row[3]).toMatch(/^\d+$/);
        expect(row[4]).toMatch(/^\d\d:\d\d$/);
        expect(row[6]).toMatch(/^\d\d:\d\d:\d\d$/);
      }
      expect(ourTop.length).toBe(theirTop.length);
      await both('pause', name);
      await both('pause', name);
      await both('exec', name, 'true');
      await both('rm', name);
      await both('unpause', name);
      await both('unpause', name);
      await both('exec', name, 'sh', '-c', 'exit 5');
      await both('kill', name);
      await both('wait', name);
      await both('exec', name, 'true');
      await both('pause', name);
      await both('top', name);
    } finally {
      spawnSync(DOCKER, ['rm', '-f', name], { stdio: 'ignore' });
      await d.run('rm', '-f', name);
    }
  }, 120_000);
});

describe('events on both daemons', () => {
  it('lists the same actions for a container run, renamed and removed', async () => {
    const image = nativeImage();
    const name = `bocal-events-${process.pid}`;
    // Filtered on a label of this run's own: another run of this file on
    // the same dockerd (the suite run twice at once) uses team=blue too.
    const runLabel = `run=${randomBytes(4).toString('hex')}`;
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const script = (args: string[], run: (args: string[]) => Promise<unknown> | unknown) => [
      () =>
        run([
          'run',
          '--name',
          name,
          '-l',
          'team=blue',
          '-l',
          runLabel,
          ...args,
          'sh',
          '-c',
          'exit 4',
        ]),
      () => run(['rename', name, `${name}-2`]),
      () => run(['rm', `${name}-2`]),
    ];
    const query = () => [
      'events',
      '--since',
      since,
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      'type=container',
      '--filter',
      'label=team=blue',
      '--filter',
      `label=${runLabel}`,
      '--format',
      '{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}} {{.Actor.Attributes.team}}',
    ];
    for (const step of script([image], real)) await step();
    // Asked at once: dockerd keeps its last 256 events only, and other
    // tests using it meanwhile could push these out.
    const theirs = real(query());
    for (const step of script(['box'], (args) => d.run(...args))) await step();
    const ours = await d.run(...query());
    expect(ours).toEqual(theirs);
    expect(ours.out).toContain(`container die ${name} 4 blue`);
  }, 120_000);
});
