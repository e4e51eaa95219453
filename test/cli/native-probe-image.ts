// A linux image for the real daemon with Debian's dash (as sh), cat and id
// and the libraries they load, so a test can run the same command in a
// real Docker container and in bocal's box image and compare what they print.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER, dockerResult } from '../support/docker-engine.ts';
import type { DockerSetup } from './docker-support.ts';

const LIBRARIES = ['libc.so.6', 'libselinux.so.1', 'libpcre2-8.so.0'];

/** Box's /etc/passwd and /etc/group lines, so ids resolve the same on both sides. */
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

/**
 * The image, named `name` and a digest of the two files (an image kept
 * from an earlier run with other files is not taken for it), with these
 * /etc/passwd and /etc/group (box's by default).
 */
export function nativeProbeImage(
  base = 'bocal-probe-etc:1',
  passwd = PASSWD,
  group = GROUP,
): string {
  const name = `${base}-${createHash('sha256').update(passwd).update('\0').update(group).digest('hex').slice(0, 12)}`;
  if (spawnSync(DOCKER, ['image', 'inspect', name], { stdio: 'ignore' }).status === 0) return name;
  const root = mkdtempSync(join(tmpdir(), 'bocal-probe-etc-'));
  for (const dir of ['bin', 'lib/x86_64-linux-gnu', 'lib64', 'etc']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  copyFileSync('/usr/bin/dash', join(root, 'bin/sh'));
  for (const program of ['cat', 'id'])
    copyFileSync(`/usr/bin/${program}`, join(root, 'bin', program));
  for (const lib of LIBRARIES) {
    copyFileSync(`/lib/x86_64-linux-gnu/${lib}`, join(root, 'lib/x86_64-linux-gnu', lib));
  }
  copyFileSync('/lib64/ld-linux-x86-64.so.2', join(root, 'lib64/ld-linux-x86-64.so.2'));
  writeFileSync(join(root, 'etc/passwd'), passwd);
  writeFileSync(join(root, 'etc/group'), group);
  const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 1 << 28 });
  const imported = spawnSync(DOCKER, ['import', '-c', 'ENV PATH=/bin', '-', name], {
    input: tar.stdout,
  });
  if (imported.status !== 0) throw new Error(`docker import: ${String(imported.stderr)}`);
  return name;
}

/**
 * `args` run by the real docker client with `image` and by bocal's engine
 * with the box image, each where the word IMAGE stands.
 */
export async function onBothSides(d: DockerSetup, image: string, args: string[]) {
  const at = args.indexOf('IMAGE');
  const theirs = dockerResult(args.map((arg, i) => (i === at ? image : arg)));
  const ours = await d.run(...args.map((arg, i) => (i === at ? 'box' : arg)));
  return { ours, theirs };
}
