// `docker run` flags that shape the container's root, process and limits,
// on one engine in this process: -u, -w, --read-only, --network,
// --pids-limit, -m (an OOM kill), -v/--mount/--tmpfs, named volumes and
// `docker volume`, and what inspect shows of them (HostConfig, Mounts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../src/cli/docker/docker.ts';
import { nodeDockerFiles } from '../../src/platform/node/docker-files.ts';
import { dockerSetup, type DockerSetup } from '../cli/docker-support.ts';

let d: DockerSetup;

beforeAll(async () => {
  d = await dockerSetup();
}, 120_000);

afterAll(async () => {
  await d.close();
}, 120_000);

const T = 120_000;

describe('docker run -u and -w', () => {
  it(
    'runs as the user the image’s /etc/passwd names, or as given numbers',
    async () => {
      expect(await d.run('run', '--rm', '-u', 'nobody', 'box', 'id')).toMatchObject({
        out: 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n',
        status: 0,
      });
      expect(
        await d.run('run', '--rm', '-u', '1000:50', 'box', 'sh', '-c', 'id -u; id -g'),
      ).toMatchObject({
        out: '1000\n50\n',
        status: 0,
      });
      expect(await d.run('run', '--rm', '-u', 'nosuch', 'box', 'id')).toMatchObject({
        err: 'docker: Error response from daemon: unable to find user nosuch: no matching entries in passwd file.\n',
        status: 125,
      });
      // The user's files are its own: root's are not writable for it.
      const denied = await d.run('run', '--rm', '-u', 'nobody', 'box', 'sh', '-c', 'echo > /etc/x');
      expect(denied.err).toContain('Permission denied');
    },
    T,
  );

  it(
    'starts in the -w directory, made in the writable layer when missing',
    async () => {
      expect(await d.run('run', '--name', 'wd', '-w', '/work/here', 'box', 'pwd')).toMatchObject({
        out: '/work/here\n',
        status: 0,
      });
      expect((await d.run('diff', 'wd')).out).toBe('A /work\nA /work/here\n');
      await d.run('rm', 'wd');
    },
    T,
  );
});

describe('docker run --read-only and --network', () => {
  it(
    'mounts the root read-only: writes fail with EROFS, mounts on it stay writable',
    async () => {
      const result = await d.run(
        'run',
        '--rm',
        '--read-only',
        '--tmpfs',
        '/scratch',
        'box',
        'sh',
        '-c',
        'echo x > /x; echo y > /scratch/y && cat /scratch/y',
      );
      expect(result).toMatchObject({ out: 'y\n', status: 0 });
      expect(result.err).toContain('Read-only file system');
      const inspect = await d.run('create', '--read-only', 'box');
      const id = inspect.out.trim();
      expect((await d.run('inspect', '-f', '{{.HostConfig.ReadonlyRootfs}}', id)).out).toBe(
        'true\n',
      );
      await d.run('rm', id);
    },
    T,
  );

  it(
    'gives --network none a new network namespace and --network host the host’s',
    async () => {
      const host = (
        await d.run('run', '--rm', '--network', 'host', 'box', 'readlink', '/proc/self/ns/net')
      ).out;
      const none = (
        await d.run('run', '--rm', '--network', 'none', 'box', 'readlink', '/proc/self/ns/net')
      ).out;
      expect(host).toMatch(/^net:\[\d+\]\n$/);
      expect(none).toMatch(/^net:\[\d+\]\n$/);
      expect(none).not.toBe(host);
      const again = (
        await d.run('run', '--rm', '--network', 'host', 'box', 'readlink', '/proc/self/ns/net')
      ).out;
      expect(again).toBe(host);
    },
    T,
  );
});

describe('limits: --pids-limit and -m', () => {
  it(
    'caps the container’s processes (fork fails with EAGAIN) and shows it in inspect',
    async () => {
      const result = await d.run(
        'run',
        '--name',
        'pids',
        '--pids-limit',
        '4',
        'box',
        'sh',
        '-c',
        'for i in 1 2 3 4 5; do sleep 1 & done; wait; echo done',
      );
      expect(result.out).toBe('done\n');
      expect(result.err).toContain('Resource temporarily unavailable');
      expect((await d.run('inspect', '-f', '{{.HostConfig.PidsLimit}}', 'pids')).out).toBe('4\n');
      await d.run('rm', 'pids');
    },
    T,
  );

  it(
    'kills a container over its memory limit: exit 137, State.OOMKilled true',
    async () => {
      const result = await d.run(
        'run',
        '--name',
        'hog',
        '-m',
        '8m',
        'box',
        'awk',
        'BEGIN { s = "x"; while (1) s = s s }',
      );
      expect(result).toMatchObject({ status: 137, err: '' });
      const state = await d.run(
        'inspect',
        '-f',
        '{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}',
        'hog',
      );
      expect(state.out).toBe('true 137 8388608\n');
      await d.run('rm', 'hog');
      expect(await d.run('run', '--rm', '-m', '2m', 'box', 'true')).toMatchObject({
        err: "docker: Error response from daemon: Minimum memory limit allowed is 6MB.\nSee 'docker run --help'.\n",
        status: 125,
      });
      expect((await d.run('run', '--rm', '-m', 'lots', 'box', 'true')).status).toBe(125);
    },
    T,
  );
});

describe('mounts and volumes', () => {
  it(
    'keeps a named volume’s files across containers; ro refuses writes; inspect shows Mounts',
    async () => {
      expect(
        await d.run('run', '--rm', '-v', 'notes:/data', 'box', 'sh', '-c', 'echo kept > /data/f'),
      ).toMatchObject({
        status: 0,
      });
      expect(
        await d.run('run', '--rm', '--mount', 'type=volume,src=notes,dst=/v', 'box', 'cat', '/v/f'),
      ).toMatchObject({
        out: 'kept\n',
        status: 0,
      });
      const ro = await d.run(
        'run',
        '--rm',
        '-v',
        'notes:/data:ro',
        'box',
        'sh',
        '-c',
        'echo > /data/g',
      );
      expect(ro.err).toContain('Read-only file system');
      const created = await d.run(
        'create',
        '--name',
        'user',
        '-v',
        'notes:/data',
        '-v',
        '/anon',
        'box',
        'true',
      );
      expect(created.status).toBe(0);
      const mounts = JSON.parse(
        (await d.run('inspect', '-f', '{{json .Mounts}}', 'user')).out,
      ) as Array<Record<string, unknown>>;
      expect(mounts[0]).toEqual({
        Type: 'volume',
        Name: 'notes',
        Source: '/var/lib/docker/volumes/notes/_data',
        Destination: '/data',
        Driver: 'local',
        Mode: 'z',
        RW: true,
        Propagation: '',
      });
      expect(mounts[1]).toMatchObject({ Type: 'volume', Destination: '/anon', Mode: '' });
      expect((await d.run('inspect', '-f', '{{json .HostConfig.Binds}}', 'user')).out).toBe(
        '["notes:/data"]\n',
      );
      expect(await d.run('volume', 'rm', 'notes')).toMatchObject({
        err: expect.stringMatching(
          /^Error response from daemon: remove notes: volume is in use - \[[0-9a-f]{64}\]\n$/,
        ),
        status: 1,
      });
      const anonymous = mounts[1]!.Name as string;
      expect((await d.run('volume', 'ls', '-q')).out).toBe(
        `${[anonymous, 'notes'].sort().join('\n')}\n`,
      );
      expect(await d.run('rm', '-v', 'user')).toMatchObject({ out: 'user\n', status: 0 });
      expect((await d.run('volume', 'ls', '-q')).out).toBe('notes\n');
      expect(await d.run('volume', 'rm', 'notes')).toMatchObject({ out: 'notes\n', status: 0 });
    },
    T,
  );

  it(
    'fills a new volume with the image’s files under it, only while it is empty',
    async () => {
      const first = await d.run(
        'run',
        '--rm',
        '-v',
        'etc-copy:/etc',
        'box',
        'sh',
        '-c',
        'grep -c root /etc/passwd; rm /etc/passwd',
      );
      expect(first).toMatchObject({ out: '1\n', status: 0 });
      // Not empty now: the image's files are not copied again.
      const again = await d.run('run', '--rm', '-v', 'etc-copy:/etc', 'box', 'ls', '/etc/passwd');
      expect(again.status).not.toBe(0);
      // A bind is never filled: only the network files' mount points are made in it
      // (runc does the same in the host's directory).
      expect((await d.run('run', '--rm', '-v', '/srv/empty:/etc', 'box', 'ls', '/etc')).out).toBe(
        'hostname\nhosts\nresolv.conf\n',
      );
      await d.run('volume', 'rm', 'etc-copy');
    },
    T,
  );

  it(
    'binds a directory of the host (made if missing) and mounts a tmpfs',
    async () => {
      const result = await d.run(
        'run',
        '--rm',
        '-v',
        '/srv/shared:/mnt',
        '--tmpfs',
        '/run/t',
        'box',
        'sh',
        '-c',
        'echo from-container > /mnt/file; grep " /run/t " /proc/mounts',
      );
      expect(result).toMatchObject({ out: 'tmpfs /run/t tmpfs rw 0 0\n', status: 0 });
      expect(
        await d.run('run', '--rm', '-v', '/srv/shared:/x:ro', 'box', 'cat', '/x/file'),
      ).toMatchObject({
        out: 'from-container\n',
        status: 0,
      });
      expect((await d.run('run', '--rm', '-v', 'a:b:c:d', 'box', 'true')).err).toBe(
        "docker: Error response from daemon: invalid volume specification: 'a:b:c:d': too many colons.\nSee 'docker run --help'.\n",
      );
      expect((await d.run('run', '--rm', '-v', 'name:relative', 'box', 'true')).status).toBe(125);
    },
    T,
  );

  it(
    'docker volume create, ls, inspect, prune as dockerd prints them',
    async () => {
      expect(await d.run('volume', 'create', '--label', 'course=1', 'lab')).toMatchObject({
        out: 'lab\n',
        status: 0,
      });
      expect((await d.run('volume', 'ls')).out).toBe('DRIVER    VOLUME NAME\nlocal     lab\n');
      const [document] = JSON.parse((await d.run('volume', 'inspect', 'lab')).out) as Array<
        Record<string, unknown>
      >;
      expect(Object.keys(document!)).toEqual([
        'CreatedAt',
        'Driver',
        'Labels',
        'Mountpoint',
        'Name',
        'Options',
        'Scope',
      ]);
      expect(document).toMatchObject({
        Driver: 'local',
        Labels: { course: '1' },
        Mountpoint: '/var/lib/docker/volumes/lab/_data',
        Name: 'lab',
        Options: {},
        Scope: 'local',
      });
      expect(await d.run('volume', 'inspect', 'nosuch')).toMatchObject({
        out: '[]\n',
        err: 'Error: No such volume: nosuch\n',
        status: 1,
      });
      expect((await d.run('volume', 'create', 'x')).err).toBe(
        'Error response from daemon: create x: volume name is too short, names should be at least two alphanumeric characters\n',
      );
      // Named volumes stay unless -a.
      expect((await d.run('volume', 'prune', '-f')).out).toBe('Total reclaimed space: 0B\n');
      expect((await d.run('volume', 'prune', '-a', '-f')).out).toBe(
        'Deleted Volumes:\nlab\n\nTotal reclaimed space: 0B\n',
      );
    },
    T,
  );
});

describe('docker run --init and --env-file', () => {
  it(
    'makes docker-init pid 1, running the command as its child and exiting as it does',
    async () => {
      expect(await d.run('run', '--rm', '--init', 'box', 'ps', '-o', 'pid,comm')).toMatchObject({
        out: '  PID COMMAND\n    1 docker-init\n    2 ps\n',
        status: 0,
      });
      expect((await d.run('run', '--rm', '--init', 'box', 'sh', '-c', 'exit 3')).status).toBe(3);
      expect((await d.run('run', '--rm', 'box', 'ls', '/sbin')).status).not.toBe(0);
      const created = await d.run('create', '--init', 'box', 'true');
      const id = created.out.trim();
      expect((await d.run('inspect', '-f', '{{.HostConfig.Init}}', id)).out).toBe('true\n');
      await d.run('rm', id);
    },
    T,
  );

  it(
    'passes a signal sent to pid 1 on to the command (a plain pid 1 would ignore it)',
    async () => {
      // The command is killed by the SIGTERM docker-init forwards: 128+15.
      // (Sent once the command runs: top lists it, not only docker-init's argv.)
      const run = d.run('run', '--name', 'fwd', '--init', 'box', 'sleep', '30');
      await expect
        .poll(async () => (await d.run('top', 'fwd')).out, { timeout: 60_000 })
        .toMatch(/\s\d+:\d+:\d+\s+sleep 30\n/);
      d.engine.kill('fwd', 15);
      expect((await run).status).toBe(143);
      await d.run('rm', 'fwd');
    },
    T,
  );

  it(
    'reads --env-file (comments and blank lines skipped) before -e, which wins',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bocal-envfile-'));
      const file = join(dir, 'env');
      writeFileSync(file, '# course settings\nCOURSE=containers\n\nLEVEL=1\n  SPACED=a b \n');
      let out = '';
      let err = '';
      const io = {
        out: (t: string | Uint8Array) =>
          void (out += typeof t === 'string' ? t : new TextDecoder().decode(t)),
        err: (t: string | Uint8Array) =>
          void (err += typeof t === 'string' ? t : new TextDecoder().decode(t)),
        files: nodeDockerFiles(),
        now: Date.now,
      };
      const args = [
        'run',
        '--rm',
        '--env-file',
        file,
        '-e',
        'LEVEL=2',
        'box',
        'sh',
        '-c',
        'echo "$COURSE $LEVEL [$SPACED]"',
      ];
      expect(await docker(args, io, d.engine)).toBe(0);
      expect(out).toBe('containers 2 [a b ]\n');
      const missing = ['run', '--rm', '--env-file', join(dir, 'none'), 'box', 'true'];
      expect(await docker(missing, io, d.engine)).toBe(125);
      expect(err).toContain(`open ${join(dir, 'none')}: no such file or directory`);
    },
    T,
  );
});

describe('a running container’s root', () => {
  it(
    'takes files from docker cp while it runs, and docker diff lists them',
    async () => {
      const run = d.run(
        'run',
        '--name',
        'live',
        'box',
        'sh',
        '-c',
        'while [ ! -f /tmp/go ]; do sleep 0.1; done; cat /tmp/go',
      );
      await expect
        .poll(async () => (await d.run('top', 'live')).out, { timeout: 60_000 })
        .toContain('sleep');
      const tar = execFileSync('tar', ['-c', '-C', mkdirWith('go', 'going\n'), 'go']);
      const copied = await docker(['cp', '-', 'live:/tmp'], filesIo(tar), d.engine);
      expect(copied).toBe(0);
      expect(await run).toMatchObject({ out: 'going\n', status: 0 });
      expect((await d.run('diff', 'live')).out).toBe('C /tmp\nA /tmp/go\n');
      await d.run('rm', 'live');
    },
    T,
  );
});

/** A new directory holding `name` with `text`. */
function mkdirWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bocal-cp-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

/** Streams for docker() with `stdin` as the caller's standard input. */
function filesIo(stdin: Uint8Array) {
  return {
    out: () => undefined,
    err: () => undefined,
    files: nodeDockerFiles(Readable.from([Buffer.from(stdin)])),
    now: Date.now,
  };
}

describe('docker export to a terminal', () => {
  it('refuses, as Docker does, unless -o names a file', async () => {
    let err = '';
    const io = {
      out: () => undefined,
      err: (t: string | Uint8Array) => void (err += String(t)),
      now: Date.now,
      stdoutTerminal: true,
    };
    expect(await docker(['export', 'anything'], io, d.engine)).toBe(1);
    expect(err).toBe('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
  });
});
