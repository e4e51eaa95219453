// The lifecycle verbs' usage errors, unknown containers and bad flags given
// to the real docker CLI (Debian's 20.10 with its dockerd) and to ours: same
// stdout, stderr and exit status.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  await ensureDockerEngine();
  d = await dockerSetup();
}, 600_000);
afterAll(() => d?.close());

function real(args: string[]): { out: string; err: string; status: number } {
  const result = spawnSync(DOCKER, args, { encoding: 'utf8', timeout: 60_000 });
  return { out: result.stdout, err: result.stderr, status: result.status ?? -1 };
}

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
