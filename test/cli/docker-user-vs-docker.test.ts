// `-u user[:group]` and `--group-add` on Debian's Docker 20.10 and on
// bocal: images with the same /etc/passwd and /etc/group on both sides (a
// native one with coreutils' id there, box with its id committed here), and
// what `id` prints (uid, gid, and the supplementary groups taken from
// /etc/group), or the refusal, compared. dockerd reads the image's files,
// not what a bind mount puts over them: that is checked too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';
import { nativeProbeImage } from './native-probe-image.ts';

const DIR = `/tmp/bocal-user-vs-${process.pid}`;
const PASSWD = [
  'root:x:0:0:root:/root:/bin/sh',
  'student:x:1000:1000:Student:/home/student:/bin/sh',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  '',
].join('\n');
const GROUP = [
  'root:x:0:',
  'tty:x:5:student',
  'audio:x:29:root',
  'users:x:100:student,nobody',
  'student:x:1000:',
  'nogroup:x:65534:',
  '',
].join('\n');

let d: DockerSetup;
let image: string;

/** A line the docker CLI itself sometimes adds when a start fails (its own race), not dockerd's answer. */
const WAIT_RACE = /^time=".*" level=error msg="error waiting for container: context canceled"\n/m;

function real(args: string[]) {
  const result = spawnSync(DOCKER, args, { encoding: 'utf8', timeout: 120_000 });
  return {
    out: result.stdout,
    err: result.stderr.replace(WAIT_RACE, ''),
    status: result.status ?? -1,
  };
}

const OURS = 'bocal-user-t:1';

beforeAll(async () => {
  await ensureDockerEngine();
  image = nativeProbeImage('bocal-probe-users:1', PASSWD, GROUP);
  d = await dockerSetup();
  const made = await d.run(
    'run',
    '--name',
    'bocal-user-make',
    '-e',
    `PASSWD=${PASSWD}`,
    '-e',
    `GROUP=${GROUP}`,
    'box',
    'sh',
    '-c',
    'printf %s "$PASSWD" > /etc/passwd && printf %s "$GROUP" > /etc/group',
  );
  expect(made.status).toBe(0);
  expect((await d.run('commit', 'bocal-user-make', OURS)).status).toBe(0);
  await d.run('rm', 'bocal-user-make');
  // Files bound over the image's (the same on the real host and the emulated one).
  mkdirSync(DIR, { recursive: true });
  makeDirectories(d.kernel.init, DIR);
  for (const [name, text] of [
    ['passwd', 'root:x:0:0:root:/root:/bin/sh\nbound:x:2000:2000::/:/bin/sh\n'],
    ['group', 'root:x:0:\nboundgroup:x:2001:\n'],
  ] as const) {
    writeFileSync(`${DIR}/${name}`, text);
    await writeFile(d.kernel.init, `${DIR}/${name}`, new TextEncoder().encode(text));
  }
}, 600_000);

afterAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  await d?.close();
});

const FILES = ['-v', `${DIR}/passwd:/etc/passwd:ro`, '-v', `${DIR}/group:/etc/group:ro`];

const CASES: string[][] = [
  // No -u: root, with the groups /etc/group lists it in.
  [],
  ['-u', 'root'],
  ['-u', 'student'],
  ['-u', '1000'],
  ['-u', 'student:audio'],
  ['-u', 'student:29'],
  ['-u', 'nobody'],
  ['-u', '4321'],
  ['-u', '4321:29'],
  ['-u', '4321:777'],
  ['-u', 'student', '--group-add', 'audio'],
  ['-u', 'student', '--group-add', '77', '--group-add', 'tty'],
  ['--group-add', 'users'],
  ['-u', 'nosuch'],
  ['-u', '4321:nosuch'],
  ['-u', 'student', '--group-add', 'nosuch'],
  // Resolved in the image's files, not in those bound over them.
  [...FILES, '-u', 'student'],
  [...FILES, '-u', 'bound'],
  [...FILES, '--group-add', 'boundgroup'],
];

describe('docker run -u and --group-add against Docker 20.10', () => {
  it.each(CASES.map((flags) => [flags.join(' '), flags] as const))(
    '%s',
    async (_, flags) => {
      const theirs = real(['run', '--rm', ...flags, image, 'id']);
      const ours = await d.run('run', '--rm', ...flags, OURS, 'id');
      expect(ours).toEqual(theirs);
    },
    120_000,
  );

  it('gives a user its groups from /etc/group (a check that does not rest on Docker)', async () => {
    expect((await d.run('run', '--rm', '-u', 'student', OURS, 'id')).out).toBe(
      'uid=1000(student) gid=1000(student) groups=1000(student),5(tty),100(users)\n',
    );
    expect((await d.run('run', '--rm', '-u', '4321', OURS, 'id')).out).toBe(
      'uid=4321 gid=0(root) groups=0(root)\n',
    );
  }, 120_000);

  it('gives an exec the same user and groups, with the container’s --group-add', async () => {
    const name = `bocal-user-${process.pid}`;
    const args = ['run', '-d', '--name', name, '--group-add', 'audio'];
    real(['rm', '-f', name]);
    // cat on a stdin kept open (-i) keeps the native one running (it has no sleep).
    real([...args, '-i', image, 'cat']);
    await d.run(...args, OURS, 'sleep', '300');
    try {
      for (const user of ['student', '4321:5', 'root']) {
        const theirs = real(['exec', '-u', user, name, 'id']);
        const ours = await d.run('exec', '-u', user, name, 'id');
        expect(ours, user).toEqual(theirs);
        expect(ours.out).toContain('29(audio)');
      }
    } finally {
      real(['rm', '-f', name]);
      await d.run('rm', '-f', name);
    }
  }, 120_000);
});
