// The image, system and info verbs end to end in Node on the emulated
// runtime, for what a comparison with dockerd cannot show: bocal's own
// version and platform, save/load through stdout and stdin, conflicts with
// a running container, disk use and prunes of containers and images, and
// the help of every verb the command list names.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../src/cli/docker/docker.ts';
import { imagesSetup, type ImagesSetup } from './docker-images-support.ts';

let d: ImagesSetup;
let work: string;
let rootTar: Uint8Array;

beforeAll(async () => {
  d = await imagesSetup();
  work = mkdtempSync(join(tmpdir(), 'bocal-images-'));
  mkdirSync(join(work, 'root', 'bin'), { recursive: true });
  writeFileSync(join(work, 'root', 'bin', 'hello'), 'hello from a tarball\n');
  execFileSync('tar', ['-C', join(work, 'root'), '-cf', join(work, 'root.tar'), '.']);
  rootTar = readFileSync(join(work, 'root.tar'));
}, 60_000);
afterAll(() => d?.close());

describe('docker save, load and import', () => {
  it('imports from stdin with --platform, saves to stdout and loads the archive back from stdin', async () => {
    const imported = await d.runWith(
      rootTar,
      'import',
      '--platform',
      'linux/arm64/v8',
      '-',
      'rt:1',
    );
    expect(imported.status).toBe(0);
    const id = imported.out.trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      (await d.run('image', 'inspect', '-f', '{{.Os}}/{{.Architecture}}/{{.Variant}}', 'rt:1')).out,
    ).toBe('linux/arm64/v8\n');
    const saved = await d.runWith('', 'save', 'rt:1');
    expect(saved.status).toBe(0);
    expect(saved.bytes.length).toBeGreaterThan(1024);
    expect((await d.run('rmi', 'rt:1')).out).toMatch(
      new RegExp(`^Untagged: rt:1\nDeleted: ${id}\nDeleted: sha256:[0-9a-f]{64}\n$`),
    );
    expect((await d.run('images', '-q', 'rt')).out).toBe('');
    const loaded = await d.runWith(saved.bytes, 'load');
    expect(loaded).toMatchObject({ out: 'Loaded image: rt:1\n', err: '', status: 0 });
    expect((await d.run('images', '--no-trunc', '-q', 'rt:1')).out).toBe(`${id}\n`);
  }, 180_000);

  it('saves to a file with -o and loads it with -i and -q; an untagged image loads by ID', async () => {
    const file = join(work, 'hello.tar');
    expect(await d.run('save', '-o', file, 'hello-world')).toEqual({ out: '', err: '', status: 0 });
    expect(readFileSync(file).length).toBeGreaterThan(1024);
    expect((await d.run('load', '-q', '-i', file)).out).toBe('Loaded image: hello-world:latest\n');
    const id = (await d.run('images', '-q', '--no-trunc', 'hello-world')).out.trim();
    const byId = join(work, 'by-id.tar');
    expect((await d.run('save', '-o', byId, id)).status).toBe(0);
    expect((await d.run('load', '-i', byId)).out).toBe(`Loaded image ID: ${id}\n`);
  }, 180_000);

  it('will not write an archive to a terminal nor wait for one on a terminal', async () => {
    let err = '';
    const io = {
      out: () => undefined,
      err: (text: string | Uint8Array) => void (err += String(text)),
      stdoutTerminal: true,
      stdinTerminal: true,
      now: Date.now,
    };
    expect(await docker(['save', 'box'], io, d.engine)).toBe(1);
    expect(await docker(['load'], io, d.engine)).toBe(1);
    expect(err).toBe(
      'cowardly refusing to save to a terminal. Use the -o flag or redirect\nrequested load from stdin, but stdin is empty\n',
    );
  }, 180_000);

  it('pull and push say there is no registry, naming the images that are here', async () => {
    const pull = await d.run('pull', 'alpine');
    expect(pull.out).toBe('Using default tag: latest\n');
    expect(pull.err).toMatch(
      /^Error response from daemon: cannot pull from a registry for alpine:latest: bocal has no registry \(offline\); images available here: .*box:latest/,
    );
    expect(pull.status).toBe(1);
    const push = await d.run('image', 'push', 'box:latest');
    expect([push.out, push.status]).toEqual(['', 1]);
    expect(push.err).toContain('cannot push to a registry for box:latest');
  }, 180_000);

  it('refuses a URL (no network) and a tarball that is not one', async () => {
    const url = await d.run('import', 'https://example.com/root.tar');
    expect(url.status).toBe(1);
    expect(url.err).toContain('bocal has no network access');
    const directory = await d.run('load', '-i', work);
    expect(directory.status).toBe(1);
    expect(directory.err).toContain(`read ${work}: is a directory`);
    const importDirectory = await d.run('import', work);
    expect(importDirectory).toEqual({ out: '', err: `read ${work}: is a directory\n`, status: 1 });
    const garbage = await d.runWith('not a tar archive at all', 'load');
    expect(garbage.status).toBe(1);
    expect(garbage.err).toMatch(/invalid archive|manifest\.json/);
  }, 180_000);
});

describe('docker rmi and prune with containers', () => {
  it('cannot remove an image a running container uses, even with -f', async () => {
    await d.run('tag', 'box', 'busybox-like:1');
    const started = await d.run('run', '-d', '--name', 'busy', 'busybox-like:1', 'sleep', '100');
    expect(started.status).toBe(0);
    const imageId = (await d.run('images', '-q', 'busybox-like:1')).out.trim();
    const containerId = started.out.trim().slice(0, 12);
    expect(await d.run('rmi', '-f', imageId)).toEqual({
      out: '',
      err: `Error response from daemon: conflict: unable to delete ${imageId} (cannot be forced) - image is being used by running container ${containerId}\n`,
      status: 1,
    });
    // Another tag of the same image still names it: untagging is allowed.
    expect((await d.run('rmi', 'busybox-like:1')).out).toBe('Untagged: busybox-like:1\n');
    expect((await d.run('rm', '-f', 'busy')).status).toBe(0);
  }, 180_000);

  it('rmi -f of an image a stopped container uses: gone from lists, the container still starts', async () => {
    await d.run('create', '--name', 'source', 'box');
    const rootfs = await d.runWith('', 'export', 'source');
    await d.run('rm', 'source');
    const imported = await d.runWith(
      rootfs.bytes,
      'import',
      '-c',
      'CMD ["/bin/echo", "still here"]',
      '-',
      'solo:1',
    );
    const id = imported.out.trim();
    await d.run('create', '--name', 'user', 'solo:1');
    const refused = await d.run('rmi', 'solo:1');
    expect(refused.err).toMatch(
      /^Error response from daemon: conflict: unable to remove repository reference "solo:1" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/,
    );
    expect(await d.run('rmi', '-f', 'solo:1')).toEqual({
      out: `Untagged: solo:1\nDeleted: ${id}\n`,
      err: '',
      status: 0,
    });
    expect((await d.run('images', '-q', '--no-trunc')).out).not.toContain(id);
    expect((await d.run('image', 'inspect', id)).status).toBe(1);
    expect(await d.run('start', '-a', 'user')).toMatchObject({ out: 'still here\n', status: 0 });
    await d.run('rm', 'user');
    // Once no container needs it, the next prune lets it go with its layers.
    await d.run('image', 'prune', '-f');
    const records = await d.engine.images.backend.listRecords('image');
    expect(records.map(({ key }) => key)).not.toContain(id);
  }, 180_000);

  it('shows disk use, then system prune removes stopped containers and dangling images', async () => {
    await d.runWith(rootTar, 'import', '-');
    const created = await d.run('create', '--name', 'idle', 'hello-world');
    const df = await d.run('system', 'df');
    const rows = df.out
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ {2,}/));
    expect(rows[0]).toEqual(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE']);
    const images = (await d.run('images', '-q')).out.trim().split('\n').length;
    expect(rows[1]!.slice(0, 3)).toEqual(['Images', String(images), '1']);
    expect(rows[1]![4]).toMatch(/^[\d.]+[kMG]?B \(\d+%\)$/);
    expect(rows[2]!.slice(0, 3)).toEqual(['Containers', '1', '0']);
    expect((await d.run('system', 'df', '-v')).out).toMatch(
      /^Images space usage:\n\nREPOSITORY +TAG +IMAGE ID +CREATED +SIZE +SHARED SIZE +UNIQUE SIZE +CONTAINERS\n/,
    );
    const refused = await d.runWith('n\n', 'system', 'prune');
    expect(refused.out).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - all dangling build cache\n\nAre you sure you want to continue? [y/N] ',
    );
    expect((await d.run('ps', '-aq')).out).not.toBe('');
    const pruned = await d.runWith('y\n', 'system', 'prune');
    expect(pruned.status).toBe(0);
    expect(pruned.out).toContain(`Deleted Containers:\n${created.out.trim()}\n\n`);
    expect(pruned.out).toMatch(/Deleted Images:\ndeleted: sha256:[0-9a-f]{64}\n/);
    expect(pruned.out).toMatch(/Total reclaimed space: \d+B\n$/);
    expect((await d.run('ps', '-aq')).out).toBe('');
    expect((await d.run('images', '-f', 'dangling=true', '-q')).out).toBe('');
    expect((await d.run('images', '-q', 'hello-world')).out).not.toBe('');
  }, 180_000);
});

describe('docker system df and prune with volumes', () => {
  it('counts volumes by their files and links, and prune --volumes removes unused anonymous ones', async () => {
    await d.run('volume', 'create', 'kept');
    const wrote = await d.run(
      'run',
      '--name',
      'writer',
      '-v',
      'kept:/data',
      'box',
      'sh',
      '-c',
      'echo 12345 > /data/f',
    );
    expect(wrote.status).toBe(0);
    await d.run('run', '--name', 'anon', '-v', '/scratch', 'box', 'true');
    const df = (await d.run('system', 'df')).out.split('\n').map((line) => line.split(/ {2,}/));
    const volumes = df.find((row) => row[0] === 'Local Volumes')!;
    expect(volumes.slice(1, 3)).toEqual(['2', '2']);
    // engine.volumes.size() is the size of the volume's saved blob, not yet du of its files.
    expect(volumes[3]).toMatch(/^\d+B$/);
    const verbose = (await d.run('system', 'df', '-v')).out;
    expect(verbose).toMatch(/\nLocal Volumes space usage:\n\nVOLUME NAME +LINKS +SIZE\n/);
    expect(verbose).toMatch(/\nkept +1 +\d+B\n/);
    await d.run('rm', 'anon');
    const pruned = await d.run('system', 'prune', '-f', '--volumes');
    expect(pruned.out).toMatch(
      /^Deleted Containers:\n[0-9a-f]{64}\n\nDeleted Volumes:\n[0-9a-f]{64}\n\n/,
    );
    expect((await d.run('volume', 'ls', '-q')).out).toBe('kept\n');
    await d.run('volume', 'rm', 'kept');
  }, 180_000);
});

describe('docker version, info, inspect and help', () => {
  it("prints bocal's version in Docker's layout; --format reaches nested fields", async () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    const version = await d.run('version');
    expect(version.out).toMatch(
      new RegExp(
        `^Client:\n Version: {11}${pkg.version}\n API version: {7}1\\.41\n OS/Arch: {11}wasi/wasm\n`,
      ),
    );
    expect(version.out).toContain(
      `\nServer: bocal\n Engine:\n  Version: {10}`.replace(' {10}', ' '.repeat(10)) + pkg.version,
    );
    expect((await d.run('version', '--format', '{{.Server.Version}}')).out).toBe(
      `${pkg.version}\n`,
    );
    expect((await d.run('--version')).out).toBe(`Docker version ${pkg.version}, build bocal\n`);
  }, 180_000);

  it('counts containers and images in info, with the overlay driver and cgroup v2', async () => {
    await d.run('create', '--name', 'counted', 'box');
    const info = await d.run('info');
    const images = (await d.run('images', '-q')).out.trim().split('\n').length;
    expect(info.out).toContain(' Containers: 1\n  Running: 0\n  Paused: 0\n  Stopped: 1\n');
    expect(info.out).toContain(` Images: ${images}\n`);
    for (const line of [
      ' Storage Driver: overlay',
      ' Cgroup Version: 2',
      ' Kernel Version: 6.1.0-bocal',
      ' Operating System: bocal',
      ' OSType: wasi',
    ])
      expect(info.out).toContain(`${line}\n`);
    expect(info.out).toMatch(
      / CPUs: \d+\n Total Memory: [\d.]+[KMG]iB\n Name: \S+\n Docker Root Dir: \S+/,
    );
    expect((await d.run('system', 'info', '--format', '{{.Containers}} {{.Driver}}')).out).toBe(
      '1 overlay\n',
    );
    await d.run('rm', 'counted');
  }, 180_000);

  it('docker port lists nothing, and run -p says publishing is not there yet', async () => {
    await d.run('create', '--name', 'ported', 'box');
    expect(await d.run('port', 'ported')).toEqual({ out: '', err: '', status: 0 });
    expect(await d.run('port', 'ported', '80')).toEqual({
      out: '',
      err: "Error: No public port '80/tcp' published for ported\n",
      status: 1,
    });
    await d.run('rm', 'ported');
    const run = await d.run('run', '--rm', '-p', '8080:80', 'box', 'true');
    expect(run).toEqual({
      out: '',
      err: "docker: publishing ports (-p 8080:80) is not supported yet: bocal does not forward host ports into containers.\nSee 'docker run --help'.\n",
      status: 125,
    });
    expect((await d.run('ps', '-aq')).out).toBe('');
  }, 180_000);

  it('docker inspect of an image gives the Engine API document', async () => {
    const [image] = JSON.parse((await d.run('inspect', 'box')).out) as Record<string, unknown>[];
    expect(image).toMatchObject({
      RepoTags: ['box:latest'],
      Os: 'wasi',
      Architecture: 'wasm',
      GraphDriver: { Name: 'overlay' },
      RootFS: { Type: 'layers' },
    });
    expect(Object.keys(image!.Config as object)).toContain('Entrypoint');
    expect((await d.run('inspect', '-f', '{{.Os}} {{.Config.Cmd}}', 'box')).out).toBe(
      'wasi [sh]\n',
    );
  }, 180_000);

  it('docker alone lists the commands, and each one has its help', async () => {
    const usage = await d.run();
    expect(usage.status).toBe(0);
    const section = (name: string) =>
      usage.out
        .split(`\n${name}:\n`)[1]!
        .split('\n\n')[0]!
        .split('\n')
        .map((line) => line.trim().split(/\s+/)[0]!);
    const verbs = section('Commands');
    expect(verbs).toEqual(
      expect.arrayContaining([
        'images',
        'rmi',
        'tag',
        'save',
        'load',
        'import',
        'history',
        'version',
        'info',
        'port',
      ]),
    );
    for (const verb of verbs) {
      const help = await d.run(verb, '--help');
      expect(help.out, verb).toMatch(new RegExp(`^\nUsage:  docker ${verb} `));
    }
    expect(section('Management Commands')).toEqual(expect.arrayContaining(['image', 'system']));
    expect((await d.run('system')).out).toMatch(
      /Commands:\n {2}df +Show docker disk usage\n {2}info +Display system-wide information\n/,
    );
    expect((await d.run('image', 'list', '-q', 'box')).out).toMatch(/^[0-9a-f]{12}\n$/);
  }, 180_000);
});
