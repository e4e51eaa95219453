// The same bad commands given to the real docker CLI (Debian's 20.10 with
// its dockerd) and to ours: same messages on stderr, same exit codes; and
// the same empty `ps -a` table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerResult, ensureDockerEngine } from '../support/docker-engine.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  await ensureDockerEngine();
  d = await dockerSetup();
}, 600_000);
afterAll(() => d?.close());

const real = dockerResult;

const CASES: string[][] = [
  ['run'],
  ['rm'],
  ['logs'],
  ['ps', 'x'],
  ['run', '--foo', 'box'],
  ['rm', '-z', 'x'],
  ['images', '--foo'],
  ['frob'],
  ['run', 'A:b'],
  ['run', 'box:'],
  ['rm', 'no-such-container-here'],
  ['logs', 'no-such-container-here'],
  ['ps', '-a', '--filterx'],
  ['ps', '-a', '--no-trunc=maybe'],
];

describe('docker CLI against the real one', () => {
  it.each(CASES)('%s ...', async (...args) => {
    const ours = await d.run(...args);
    expect(ours).toEqual(real(args));
  });

  it('prints the same empty container table', async () => {
    const name = 'bocal-compare-no-such-name';
    const theirs = real(['ps', '-a', '--filter', `name=${name}`]);
    expect((await d.run('ps', '-a')).out).toBe(theirs.out);
  });
});
