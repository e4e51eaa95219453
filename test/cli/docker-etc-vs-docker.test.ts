// The files dockerd gives every container (/etc/hosts, /etc/hostname,
// /etc/resolv.conf, bound from the container's directory) and bind mounts
// of single files, run on Debian's Docker 20.10 (a native image with dash,
// cat and id) and on bocal (the box image), outputs compared. bocal's
// "host" for binds is the emulated host: the test writes the same files at
// the same paths in the real host and in the engine's kernel.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { dockerResult } from '../support/docker-engine.ts';
import type { DockerSetup } from './docker-support.ts';
import { onBothSides } from './native-probe-image.ts';
import { networkFilesPair } from './network-files-pair.ts';

const DIR = `/tmp/bocal-etc-vs-${process.pid}`;
let d: DockerSetup;
let image: string;

const real = dockerResult;

/** The same file on the real host and in the emulated host. */
async function hostFile(path: string, text: string): Promise<void> {
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  writeFileSync(path, text);
  makeDirectories(d.kernel.init, path.slice(0, path.lastIndexOf('/')));
  await writeFile(d.kernel.init, path, new TextEncoder().encode(text));
}

/** Both sides, our box image for their native one. */
const both = (args: string[]) => onBothSides(d, image, args);

beforeAll(async () => {
  ({ d, image } = await networkFilesPair());
}, 600_000);

afterAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  await d?.close();
});

const T = 120_000;
const SHOW = [
  'sh',
  '-c',
  'cat /etc/hosts; echo --; cat /etc/hostname; echo --; cat /etc/resolv.conf',
];

/** /proc/mounts' lines for `paths`: mount point and rw/ro (the source device differs). */
function mountsOf(text: string, paths: string[]): string[] {
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => paths.includes(fields[1] ?? ''))
    .map((fields) => `${fields[1]} ${fields[3]!.split(',')[0]}`);
}

describe('/etc/hosts, /etc/hostname and /etc/resolv.conf', () => {
  it(
    'are dockerd’s with --network none and host',
    async () => {
      for (const network of ['none', 'host']) {
        const { ours, theirs } = await both([
          'run',
          '--rm',
          '--network',
          network,
          '-h',
          'lab',
          'IMAGE',
          ...SHOW,
        ]);
        expect(theirs.status).toBe(0);
        expect(ours, network).toEqual(theirs);
      }
    },
    T,
  );

  it(
    'name the container after the host with --network host and no -h, as Docker does',
    async () => {
      const nodename = d.kernel.init.namespaces.uts.names.nodename;
      const theirs = real(['run', '--rm', '--network', 'host', image, 'cat', '/etc/hostname']);
      expect(theirs.out).toBe(`${readFileSync('/proc/sys/kernel/hostname', 'utf8').trim()}\n`);
      const ours = await d.run(
        'run',
        '--rm',
        '--network',
        'host',
        'box',
        'sh',
        '-c',
        'cat /etc/hostname; hostname',
      );
      expect(ours.out).toBe(`${nodename}\n${nodename}\n`);
    },
    T,
  );

  it(
    'are none’s on the default network, which gives no address here (Docker adds "<address>\\t<hostname>")',
    async () => {
      const { ours, theirs } = await both(['run', '--rm', '-h', 'lab', 'IMAGE', ...SHOW]);
      const lines = theirs.out.split('\n');
      const address = lines.findIndex((line) => /^\d+\.\d+\.\d+\.\d+\tlab$/.test(line));
      expect(address).toBeGreaterThan(0);
      lines.splice(address, 1);
      expect(ours).toEqual({ ...theirs, out: lines.join('\n') });
    },
    T,
  );

  it(
    'are bind mounts as Docker lists them, read-only with --read-only, writable otherwise',
    async () => {
      const paths = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];
      for (const flags of [[], ['--read-only']]) {
        const { ours, theirs } = await both([
          'run',
          '--rm',
          ...flags,
          'IMAGE',
          'cat',
          '/proc/mounts',
        ]);
        expect(mountsOf(ours.out, paths)).toEqual(mountsOf(theirs.out, paths));
        expect(mountsOf(ours.out, paths)).toHaveLength(3);
      }
      const script = 'echo "10.0.0.9\tdb" >> /etc/hosts; cat /etc/hosts; cat /etc/hostname';
      const { ours, theirs } = await both([
        'run',
        '--rm',
        '--network',
        'none',
        'IMAGE',
        'sh',
        '-c',
        script,
      ]);
      const withoutName = (out: string) => out.replace(/\n[0-9a-f]{12}\n$/, '\n<id>\n');
      expect(withoutName(ours.out)).toBe(withoutName(theirs.out));
      expect(ours.out).toContain('10.0.0.9\tdb\n');
    },
    T,
  );
});

describe('bind mounts of single files', () => {
  it(
    'bind a host file with -v and --mount, read-only when asked, made in the root when missing',
    async () => {
      await hostFile(`${DIR}/note`, 'a note from the host\n');
      const { ours, theirs } = await both([
        'run',
        '--rm',
        '-v',
        `${DIR}/note:/etc/motd:ro`,
        '--mount',
        `type=bind,source=${DIR}/note,target=/new/deep/file`,
        'IMAGE',
        'sh',
        '-c',
        'cat /etc/motd /new/deep/file; echo changed > /new/deep/file; echo x 2>/dev/null > /etc/motd; echo $?; cat /proc/mounts',
      ]);
      expect(theirs.status).toBe(0);
      const head = (out: string) => out.split('\n').slice(0, 3).join('\n');
      expect(head(ours.out)).toBe(head(theirs.out));
      expect(head(ours.out)).toBe('a note from the host\na note from the host\n2');
      const paths = ['/etc/motd', '/new/deep/file'];
      expect(mountsOf(ours.out, paths)).toEqual(mountsOf(theirs.out, paths));
      expect(mountsOf(ours.out, paths)).toEqual(['/etc/motd ro', '/new/deep/file rw']);
      // The write through the rw bind reached the host's file on both sides.
      expect(readFileSync(`${DIR}/note`, 'utf8')).toBe('changed\n');
      expect((await d.run('run', '--rm', '-v', `${DIR}/note:/n`, 'box', 'cat', '/n')).out).toBe(
        'changed\n',
      );
    },
    T,
  );

  it(
    'refuses a missing --mount source and a file on a directory (or the reverse) as dockerd and runc do',
    async () => {
      await hostFile(`${DIR}/file`, 'f\n');
      mkdirSync(`${DIR}/dir`, { recursive: true });
      makeDirectories(d.kernel.init, `${DIR}/dir`);
      const firstLine = (text: string) => text.split('\n')[0];
      for (const args of [
        ['--mount', `type=bind,source=${DIR}/missing,target=/x`],
        ['-v', `${DIR}/file:/etc`],
        ['-v', `${DIR}/dir:/etc/passwd`],
      ]) {
        const { ours, theirs } = await both(['run', '--rm', ...args, 'IMAGE', 'true']);
        expect(ours.status, args.join(' ')).toBe(theirs.status);
        expect(firstLine(ours.err), args.join(' ')).toBe(firstLine(theirs.err));
      }
      // The missing source is refused at create: no container is made.
      const create = ['create', '--mount', `type=bind,source=${DIR}/missing,target=/x`];
      const theirs = real([...create, image]);
      const ours = await d.run(...create, 'box');
      // create prints the daemon's answer bare, status 1; run with its help line, 125.
      expect(ours).toMatchObject({ status: theirs.status, err: theirs.err });
      expect(ours.status).toBe(1);
      const run = ['run', '--rm', '--mount', `type=bind,source=${DIR}/missing,target=/x`];
      const theirRun = real([...run, image, 'true']);
      expect(await d.run(...run, 'box', 'true')).toMatchObject({
        status: theirRun.status,
        err: theirRun.err,
      });
      expect((await d.run('ps', '-aq')).out).toBe('');
    },
    T,
  );
});
