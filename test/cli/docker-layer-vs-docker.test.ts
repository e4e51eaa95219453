// diff, export, commit, cp and the volume verbs against Debian's Docker
// 20.10 with its dockerd: the same tarball imported on both sides, a
// container made from it (never started: its programs are not ours to
// run there), files copied in with `docker cp`, then the same commands,
// outputs compared with IDs and times blanked (diff's lines as a set:
// dockerd prints them in its directory walk's order, we sort them). Real Docker objects are
// named bocal-layer-t-* and removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { imagesSetup, normalise, type ImagesSetup } from './docker-images-support.ts';

const PREFIX = 'bocal-layer-t';
const IMAGE = `${PREFIX}-image:1`;
const CONTAINER = `${PREFIX}-c`;
let d: ImagesSetup;
let work: string;
let rootTar: string;
let addTar: Buffer;

function real(args: string[], input?: string | Buffer) {
  const result = spawnSync(DOCKER, args, { input, timeout: 120_000 });
  return {
    out: result.stdout.toString('utf8'),
    err: result.stderr.toString('utf8'),
    status: result.status ?? -1,
    bytes: result.stdout,
  };
}

function cleanReal(): void {
  const containers = real(['ps', '-aq', '--filter', `name=${PREFIX}`])
    .out.split('\n')
    .filter(Boolean);
  if (containers.length > 0) real(['rm', '-f', '-v', ...containers]);
  const images = real(['images', '--format', '{{.Repository}}:{{.Tag}}', `${PREFIX}*`])
    .out.split('\n')
    .filter(Boolean);
  if (images.length > 0) real(['rmi', '-f', ...images]);
  const volumes = real(['volume', 'ls', '-q', '--filter', `name=${PREFIX}`])
    .out.split('\n')
    .filter(Boolean);
  if (volumes.length > 0) real(['volume', 'rm', '-f', ...volumes]);
}

/** Names in a tar, sorted (GNU tar lists what both sides write). */
function tarNames(tar: Uint8Array): string[] {
  const result = spawnSync('tar', ['-t'], { input: tar });
  return result.stdout.toString('utf8').split('\n').filter(Boolean).sort();
}

beforeAll(async () => {
  await ensureDockerEngine();
  d = await imagesSetup();
  work = mkdtempSync(join(tmpdir(), 'bocal-layer-vs-'));
  for (const dir of ['root/bin', 'root/etc', 'add/etc/conf.d']) {
    mkdirSync(join(work, dir), { recursive: true });
  }
  writeFileSync(join(work, 'root', 'bin', 'hello'), 'hi\n');
  writeFileSync(join(work, 'root', 'etc', 'motd'), 'welcome\n');
  writeFileSync(join(work, 'add', 'etc', 'conf.d', 'one'), '1\n');
  writeFileSync(join(work, 'note'), 'a note\n');
  rootTar = join(work, 'root.tar');
  execFileSync('tar', ['-C', join(work, 'root'), '-cf', rootTar, '.']);
  addTar = execFileSync('tar', ['-C', join(work, 'add'), '-cf', '-', 'etc']);
  cleanReal();
  for (const run of [(args: string[]) => d.run(...args), (args: string[]) => real(args)]) {
    const imported = await run(['import', '-c', 'CMD ["/bin/hello"]', rootTar, IMAGE]);
    expect(imported.status).toBe(0);
    expect((await run(['create', '--name', CONTAINER, IMAGE])).status).toBe(0);
  }
}, 600_000);

afterAll(async () => {
  cleanReal();
  await d?.close();
});

/** The same command on both sides; stdin for cp -. */
async function both(args: string[], stdin?: Buffer) {
  const ours = stdin ? await d.runWith(stdin, ...args) : await d.runWith('', ...args);
  return { ours, theirs: real(args, stdin) };
}

describe('a container’s files against the real Docker', () => {
  it('copies in with cp (a file to a directory, a tar on stdin); diff lists the same changes', async () => {
    for (const args of [
      ['cp', join(work, 'note'), `${CONTAINER}:/etc/`],
      ['cp', join(work, 'note'), `${CONTAINER}:/bin/renamed`],
    ]) {
      const { ours, theirs } = await both(args);
      expect(ours).toMatchObject({ status: theirs.status, out: theirs.out });
    }
    const fromStdin = await both(['cp', '-', `${CONTAINER}:/`], addTar);
    expect(fromStdin.ours.status).toBe(fromStdin.theirs.status);
    const { ours, theirs } = await both(['diff', CONTAINER]);
    // dockerd lists in its directory walk's order; ours is sorted by path.
    const lines = (text: string) => text.split('\n').filter(Boolean).sort();
    expect(lines(ours.out)).toEqual(lines(theirs.out));
    expect(ours.status).toBe(0);
  }, 300_000);

  it('exports the same names; cp out gives the same tar names and contents', async () => {
    const exported = await both(['export', CONTAINER]);
    expect(tarNames(exported.ours.bytes)).toEqual(tarNames(exported.theirs.bytes));
    for (const path of ['/etc', '/etc/note', '/bin/hello']) {
      const out = await both(['cp', `${CONTAINER}:${path}`, '-']);
      expect(tarNames(out.ours.bytes)).toEqual(tarNames(out.theirs.bytes));
    }
  }, 300_000);

  it('commits: the same history (comment, the command as CREATED BY) and config', async () => {
    for (const args of [
      ['commit', '-m', 'with notes', '-c', 'ENV COURSE=1', CONTAINER, `${PREFIX}-committed:1`],
    ]) {
      const { ours, theirs } = await both(args);
      expect(normalise(ours.out)).toBe(normalise(theirs.out));
    }
    for (const args of [
      ['history', '--format', '{{.Comment}}|{{.CreatedBy}}', `${PREFIX}-committed:1`],
      [
        'image',
        'inspect',
        '-f',
        '{{json .Config.Env}} {{json .Config.Cmd}}',
        `${PREFIX}-committed:1`,
      ],
    ]) {
      const { ours, theirs } = await both(args);
      expect(ours.out).toBe(theirs.out);
    }
  }, 300_000);

  it('reports missing containers and paths as dockerd does', async () => {
    for (const args of [
      ['diff', `${PREFIX}-nosuch`],
      ['export', `${PREFIX}-nosuch`],
      ['cp', `${CONTAINER}:/nope`, '-'],
      ['diff'],
    ]) {
      const { ours, theirs } = await both(args);
      expect({ status: ours.status, err: normalise(ours.err) }).toEqual({
        status: theirs.status,
        err: normalise(theirs.err),
      });
    }
  }, 300_000);
});

describe('run flags as docker inspect shows them, against the real Docker', () => {
  it('keeps -m, --pids-limit, --read-only, --init, -u, -w, --tmpfs, --mount in HostConfig and Mounts', async () => {
    const format =
      '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Init}} {{json .HostConfig.Tmpfs}} {{.Config.User}} {{.Config.WorkingDir}} {{json .Mounts}} {{json .HostConfig.Mounts}}';
    const flags = [
      ['-m', '64m', '--pids-limit', '10', '--read-only', '--init', '-u', 'nobody', '-w', '/w'],
      ['--tmpfs', '/run:size=1m', '--mount', 'type=tmpfs,dst=/t'],
    ].flat();
    for (const [i, extra] of [flags, ['--pids-limit', '0']].entries()) {
      const name = `${PREFIX}-flags${i}`;
      const { ours, theirs } = await both(['create', '--name', name, ...extra, IMAGE]);
      expect(ours.status).toBe(theirs.status);
      const shown = await both(['inspect', '-f', format, name]);
      expect(shown.ours.out).toBe(shown.theirs.out);
      await both(['rm', name]);
    }
  }, 300_000);
});

describe('docker volume against the real Docker', () => {
  it('create, ls, inspect, rm and their errors print the same', async () => {
    const volume = `${PREFIX}-v`;
    for (const args of [
      ['volume', 'create', '--label', 'course=1', volume],
      ['volume', 'ls', '--filter', `name=${PREFIX}`],
      ['volume', 'inspect', volume],
      ['volume', 'inspect', '-f', '{{.Name}} {{.Driver}} {{.Labels}}', volume],
      ['volume', 'inspect', `${PREFIX}-nosuch`],
      ['volume', 'create', 'x'],
      ['volume', 'create', 'a b'],
      [
        'create',
        '--name',
        `${PREFIX}-user`,
        '-v',
        `${volume}:/data`,
        '-v',
        `${PREFIX}-made:/m`,
        IMAGE,
      ],
      ['volume', 'inspect', `${PREFIX}-made`],
      ['inspect', '-f', '{{json .Mounts}}', `${PREFIX}-user`],
      ['inspect', '-f', '{{json .HostConfig.Binds}}', `${PREFIX}-user`],
      ['volume', 'rm', volume],
      ['rm', `${PREFIX}-user`],
      ['volume', 'rm', volume, `${PREFIX}-made`],
      ['volume', 'rm', `${PREFIX}-nosuch`],
    ]) {
      const { ours, theirs } = await both(args);
      // dockerd keeps a container's mount points in a Go map: .Mounts and
      // .HostConfig.Binds come in any order from one inspect to the next, so
      // they are compared sorted.
      const shown = args[0] === 'inspect' ? sortedList : normalise;
      expect({
        args,
        status: ours.status,
        out: shown(ours.out),
        err: normalise(ours.err),
      }).toEqual({
        args,
        status: theirs.status,
        out: shown(theirs.out),
        err: normalise(theirs.err),
      });
    }
  }, 300_000);
});

/** A `{{json ...}}` list (mounts or binds) sorted: by destination, or as text. */
function sortedList(out: string): string {
  const items = JSON.parse(normalise(out)) as unknown[];
  const key = (item: unknown) =>
    typeof item === 'string' ? item : (item as { Destination: string }).Destination;
  return JSON.stringify(items.sort((a, b) => key(a).localeCompare(key(b))));
}
