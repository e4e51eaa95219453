// The image, system and info verbs against Debian's Docker 20.10 with its
// dockerd: the same tarball imported on both sides, then the same commands,
// outputs compared with IDs, digests and ages blanked. Real Docker objects
// are named bocal-images-t-* and removed afterwards; prunes there are
// limited by a label only our test images carry.
import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { imagesSetup, normalise, type ImagesSetup } from './docker-images-support.ts';

const PREFIX = 'bocal-images-t';
const LABEL = 'bocal-images-test=1';
let d: ImagesSetup;
let work: string;
let rootTar: string;

function real(args: string[], input?: string | Buffer) {
  const result = spawnSync(DOCKER, args, { input, encoding: 'utf8', timeout: 120_000 });
  return { out: result.stdout, err: result.stderr, status: result.status ?? -1 };
}

/** Rows of a table as cells (runs of 2+ spaces separate them), so widths that follow ages do not matter. */
const cells = (text: string) =>
  normalise(text)
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));

function cleanReal(): void {
  const containers = real(['ps', '-aq', '--filter', `name=${PREFIX}`])
    .out.split('\n')
    .filter(Boolean);
  if (containers.length > 0) real(['rm', '-f', ...containers]);
  const images = real(['images', '--format', '{{.Repository}}:{{.Tag}}', `${PREFIX}*`])
    .out.split('\n')
    .filter(Boolean);
  if (images.length > 0) real(['rmi', '-f', ...images]);
  real(['image', 'prune', '-f', '--filter', `label=${LABEL}`]);
}

beforeAll(async () => {
  await ensureDockerEngine();
  d = await imagesSetup();
  work = mkdtempSync(join(tmpdir(), 'bocal-images-vs-'));
  mkdirSync(join(work, 'root', 'bin'), { recursive: true });
  writeFileSync(join(work, 'root', 'bin', 'hello'), 'hi\n');
  // Sizes count a hard-linked file once and a symlink as its target's length, as dockerd does.
  symlinkSync('hello', join(work, 'root', 'bin', 'hi'));
  symlinkSync('/usr/share/nowhere', join(work, 'root', 'bin', 'dangling'));
  linkSync(join(work, 'root', 'bin', 'hello'), join(work, 'root', 'bin', 'hello-again'));
  rootTar = join(work, 'root.tar');
  execFileSync('tar', ['-C', join(work, 'root'), '-cf', rootTar, '.']);
  cleanReal();
}, 600_000);

afterAll(async () => {
  cleanReal();
  await d?.close();
});

/** Runs the same command on both sides (`@TAR` stands for the tarball's path). */
async function both(...args: string[]) {
  const argv = args.map((a) => (a === '@TAR' ? rootTar : a));
  return { ours: await d.run(...argv), theirs: real(argv) };
}

describe('docker image verbs against the real one', () => {
  it('imports a tarball with -c and -m: an image ID line, then the same history and images rows', async () => {
    for (const tag of ['one', 'two']) {
      const { ours, theirs } = await both(
        'import',
        '-c',
        `LABEL ${LABEL}`,
        '-c',
        'CMD ["/bin/hello"]',
        '-m',
        'imported here',
        '@TAR',
        `${PREFIX}:${tag}`,
      );
      expect(normalise(ours.out)).toBe(normalise(theirs.out));
      expect(ours.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      expect([ours.status, ours.err]).toEqual([theirs.status, theirs.err]);
    }
    for (const args of [
      ['history', `${PREFIX}:one`],
      ['history', '--no-trunc', `${PREFIX}:one`],
      ['history', '-q', `${PREFIX}:one`],
      ['history', '--human=false', `${PREFIX}:one`],
      ['images', '--format', 'table {{.Repository}}\t{{.CreatedAt}}\t{{.Size}}', PREFIX],
      ['history', '--format', '{{.CreatedBy}}|{{.Size}}|{{.Comment}}', `${PREFIX}:one`],
      ['images', PREFIX],
      ['images', '--digests', `${PREFIX}:two`],
      ['images', '--filter', `reference=${PREFIX}:o*`],
      ['image', 'ls', '--format', '{{.Repository}} {{.Tag}} {{.Size}}', PREFIX],
      ['images', '-q', '--filter', `label=${LABEL}`, PREFIX],
      [
        'image',
        'inspect',
        '--format',
        '{{.Comment}} {{json .Config.Labels}} {{.Config.Cmd}} {{.Size}}',
        `${PREFIX}:one`,
      ],
    ]) {
      const { ours, theirs } = await both(...args);
      // Images made in the same second come in either order from dockerd: rows compared as a set.
      const rows = (text: string) => {
        if (args.includes('--format')) return cells(text).sort();
        const [header, ...rest] = cells(text);
        return [header, ...rest.sort()];
      };
      expect(rows(ours.out), args.join(' ')).toEqual(rows(theirs.out));
      expect([ours.status, ours.err]).toEqual([theirs.status, theirs.err]);
    }
  }, 180_000);

  it('applies the same -c instructions to the imported config', async () => {
    const changes = [
      'ENV A=1 B="two words"',
      'WORKDIR /srv',
      'EXPOSE 80/tcp 53/udp',
      'USER 1000:1000',
      'ENTRYPOINT ["/bin/hello"]',
      'CMD echo loud',
      'VOLUME /data',
      `LABEL ${LABEL} role=test`,
    ].flatMap((change) => ['-c', change]);
    await both('import', ...changes, '@TAR', `${PREFIX}:changed`);
    const { ours, theirs } = await both(
      'image',
      'inspect',
      '-f',
      '{{json .Config}}',
      `${PREFIX}:changed`,
    );
    expect(JSON.parse(ours.out)).toEqual(JSON.parse(theirs.out));
    await both('rmi', `${PREFIX}:changed`);
    // Instructions an import cannot take are the daemon's refusal.
    for (const change of ['RUN make', 'FROM scratch', 'bogus']) {
      const refused = await both('import', '-c', change, '@TAR');
      expect(refused.ours).toEqual(refused.theirs);
    }
  });

  it('inspects an image with the Engine API keys in the same order', async () => {
    const { ours, theirs } = await both('image', 'inspect', `${PREFIX}:one`);
    const [a] = JSON.parse(ours.out) as Record<string, unknown>[];
    const [b] = JSON.parse(theirs.out) as Record<string, unknown>[];
    expect(Object.keys(a!)).toEqual(Object.keys(b!));
    expect(Object.keys(a!.Config as object)).toEqual(Object.keys(b!.Config as object));
    expect(a!.RepoTags).toEqual(b!.RepoTags);
    expect(a!.RootFS).toEqual(b!.RootFS);
    expect(a!.Size).toBe(b!.Size);
  }, 180_000);

  it('untags, refuses and deletes as rmi does, with the same conflicts', async () => {
    await both('tag', `${PREFIX}:one`, `${PREFIX}:three`);
    const id = (await d.run('images', '-q', `${PREFIX}:one`)).out.trim();
    const theirId = real(['images', '-q', `${PREFIX}:one`]).out.trim();
    const pairs: [string[], string[]][] = [
      [
        ['rmi', id],
        ['rmi', theirId],
      ],
      [
        ['rmi', `${PREFIX}:three`],
        ['rmi', `${PREFIX}:three`],
      ],
      [
        ['create', '--name', `${PREFIX}-c`, `${PREFIX}:one`],
        ['create', '--name', `${PREFIX}-c`, `${PREFIX}:one`],
      ],
      [
        ['rmi', `${PREFIX}:one`],
        ['rmi', `${PREFIX}:one`],
      ],
      [
        ['rmi', `${PREFIX}:two`],
        ['rmi', `${PREFIX}:two`],
      ],
      [
        ['rmi', id],
        ['rmi', theirId],
      ],
      [
        ['port', `${PREFIX}-c`],
        ['port', `${PREFIX}-c`],
      ],
      [
        ['port', `${PREFIX}-c`, '80'],
        ['port', `${PREFIX}-c`, '80'],
      ],
      [
        ['port', `${PREFIX}-c`, '53/udp'],
        ['port', `${PREFIX}-c`, '53/udp'],
      ],
      [
        ['rmi', '-f', id],
        ['rmi', '-f', theirId],
      ],
      [
        ['images', '-q', PREFIX],
        ['images', '-q', PREFIX],
      ],
      [
        ['rm', `${PREFIX}-c`],
        ['rm', `${PREFIX}-c`],
      ],
      [
        ['rmi', `${PREFIX}:two`],
        ['rmi', `${PREFIX}:two`],
      ],
      [
        ['rmi', `${PREFIX}:two`],
        ['rmi', `${PREFIX}:two`],
      ],
    ];
    for (const [ourArgs, theirArgs] of pairs) {
      const ours = await d.run(...ourArgs);
      const theirs = real(theirArgs);
      const label = ourArgs.join(' ');
      expect(normalise(ours.out), label).toBe(normalise(theirs.out));
      expect(normalise(ours.err), label).toBe(normalise(theirs.err));
      expect(ours.status, label).toBe(theirs.status);
    }
  }, 180_000);

  it('prunes dangling images, then unused tagged ones with -a, with the same report', async () => {
    for (const tag of [undefined, `${PREFIX}:p`]) {
      const args = ['import', '-c', `LABEL ${LABEL}`, '@TAR', ...(tag ? [tag] : [])];
      await both(...args);
    }
    for (const args of [
      ['image', 'prune', '-f', '--filter', `label=${LABEL}`],
      ['image', 'prune', '-f', '--filter', `label=${LABEL}`],
      ['image', 'prune', '-a', '-f', '--filter', `label=${LABEL}`],
    ]) {
      const { ours, theirs } = await both(...args);
      // Reclaimed space differs: dockerd keeps the layer while another image of its store shares it.
      // dockerd walks its images in Go's map order: compare the report's lines as a set.
      const strip = (text: string) =>
        normalise(text)
          .replace(/space: .*/, 'space: N')
          .split('\n')
          .sort();
      expect(strip(ours.out), args.join(' ')).toEqual(strip(theirs.out));
      expect([ours.status, ours.err]).toEqual([theirs.status, theirs.err]);
    }
    const asked = await d.runWith('n\n', 'image', 'prune', '--filter', `label=${LABEL}`);
    expect(asked.out).toBe(real(['image', 'prune', '--filter', `label=${LABEL}`], 'n\n').out);
  }, 180_000);

  it('system prune with a label filter removes the same stopped containers, then images with -a', async () => {
    await both(
      'import',
      '-c',
      `LABEL ${LABEL}`,
      '-c',
      'CMD ["/bin/hello"]',
      '@TAR',
      `${PREFIX}:sp`,
    );
    await both('create', '--label', LABEL, '--name', `${PREFIX}-sp`, `${PREFIX}:sp`);
    await both('create', '--name', `${PREFIX}-unlabelled`, `${PREFIX}:sp`);
    for (const all of [[], ['-a']]) {
      const { ours, theirs } = await both(
        'system',
        'prune',
        '-f',
        ...all,
        '--filter',
        `label=${LABEL}`,
      );
      const lines = (text: string) =>
        normalise(text)
          .replace(/space: .*/, 'space: N')
          .split('\n')
          .sort();
      expect(lines(ours.out), all.join(' ')).toEqual(lines(theirs.out));
      expect([ours.err, ours.status]).toEqual([theirs.err, theirs.status]);
    }
    await both('rm', `${PREFIX}-unlabelled`);
  });

  it('loads an archive docker save wrote, saying what it loaded', async () => {
    real(['import', rootTar, `${PREFIX}:saved`]);
    const archive = join(work, 'saved.tar');
    expect(real(['save', '-o', archive, `${PREFIX}:saved`]).status).toBe(0);
    real(['rmi', `${PREFIX}:saved`]);
    const theirs = real(['load', '-i', archive]);
    const ours = await d.run('load', '-i', archive);
    expect(ours).toEqual(theirs);
    expect(ours.out).toBe(`Loaded image: ${PREFIX}:saved\n`);
    const history = await both('history', '--format', '{{.Size}} {{.Comment}}', `${PREFIX}:saved`);
    expect(history.ours.out).toBe(history.theirs.out);
  }, 180_000);
});

describe('docker image verbs: bad input as the real one', () => {
  const CASES: string[][] = [
    ['rmi'],
    ['rmi', 'bocal-images-nosuch'],
    ['rmi', 'bocal-images-nosuch:1', 'alsonot'],
    ['tag', 'bocal-images-nosuch', 'foo'],
    ['tag', 'hello-world', 'A:b'],
    ['tag', 'x'],
    ['history'],
    ['history', 'bocal-images-nosuch'],
    ['image', 'inspect', 'bocal-images-nosuch'],
    ['inspect', 'bocal-images-nosuch'],
    ['inspect', '--type', 'image', 'bocal-images-nosuch'],
    ['inspect', '--type', 'container', 'bocal-images-nosuch'],
    ['inspect', '--type', 'frob', 'bocal-images-nosuch'],
    ['save'],
    ['save', 'bocal-images-nosuch'],
    ['load', 'extra'],
    ['load', '-i', '/nonexistent/archive.tar'],
    ['import', '/nonexistent/root.tar'],
    ['import', '/nonexistent/root.tar', 'A:b'],
    ['image', 'prune', 'extra'],
    ['image', 'prune', '-f', '--filter', 'until=abc'],
    ['image', 'prune', '-f', '--filter', 'foo=1'],
    ['image', 'prune', '-f', '--filter', 'until=1h', '--filter', 'label=bocal-images-test=1'],
    ['image', 'prune', '-f', '--filter', 'label=bocal-images-nonexistent-label'],
    ['images', '-f', 'foo=bar'],
    ['images', '-f', 'foo'],
    ['images', '-f', 'dangling=maybe'],
    ['images', '--filter', 'before=bocal-images-nosuch'],
    ['images', 'a', 'b'],
    ['port'],
    ['port', 'bocal-images-nosuch'],
    ['info', 'extra'],
    ['version', 'extra'],
    ['system', 'df', 'extra'],
    ['image', 'ls', '--foo'],
    ['image', 'rm'],
    ['image', 'frob'],
    ['pull'],
    ['pull', 'A:b'],
    ['help', 'rmi'],
    ['help', 'image', 'ls'],
    ['help', 'frob'],
    ['image'],
  ];
  it.each(CASES)(
    '%s ...',
    async (...args) => {
      const ours = await d.run(...args);
      const theirs = real(args);
      if (args.length === 1 && args[0] === 'image') {
        // Our image command lists the subcommands we have (no build, pull, push).
        expect(ours.status).toBe(theirs.status);
        expect(ours.out).toMatch(/^\nUsage: {2}docker image COMMAND\n\nManage images\n/);
        return;
      }
      if (args[0] === 'image' && args[1] === 'frob') {
        expect([ours.out, ours.status]).toEqual([theirs.out, theirs.status]);
        return;
      }
      expect(ours).toEqual(theirs);
    },
    180_000,
  );

  const HELP: string[][] = [
    ['rmi'],
    ['tag'],
    ['history'],
    ['save'],
    ['load'],
    ['import'],
    ['port'],
    ['info'],
    ['images'],
    ['image', 'ls'],
    ['image', 'rm'],
    ['image', 'prune'],
    ['image', 'inspect'],
    ['image', 'history'],
    ['system', 'df'],
    ['system', 'prune'],
    ['system', 'info'],
    ['pull'],
    ['push'],
    ['image', 'pull'],
  ];
  it.each(HELP)(
    '%s --help',
    async (...args) => {
      expect(await d.run(...args, '--help')).toEqual(real([...args, '--help']));
    },
    180_000,
  );
});
