// The docker CLI on the emulated runtime, end to end in Node: run, ps,
// images, logs, rm, inspect, and bad input with Docker's messages and exit
// codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  d = await dockerSetup();
}, 60_000);
afterAll(() => d?.close());

/** Where each header's column starts, so rows can be checked for alignment. */
function columnStarts(header: string, names: string[]): number[] {
  return names.map((name) => header.indexOf(name));
}

describe('docker run', () => {
  it('runs hello-world and removes it with --rm', async () => {
    const result = await d.run('run', '--rm', 'hello-world');
    expect(result.status).toBe(0);
    expect(result.out).toContain('Hello from bocal!');
    expect(result.err).toBe('');
    expect((await d.run('ps', '-a', '-q')).out).toBe('');
  });

  it('gives the container its own pid 1, host name and root, and returns its status', async () => {
    const result = await d.run(
      'run',
      '--name',
      'probe',
      'box',
      'sh',
      '-c',
      'echo pid $$; hostname; ls /; echo oops >&2; exit 3',
    );
    expect(result.status).toBe(3);
    const id = (await d.run('inspect', '-f', '{{.Id}}', 'probe')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('pid 1');
    expect(lines[1]).toBe(id.slice(0, 12));
    expect(lines.slice(2)).toEqual(expect.arrayContaining(['bin', 'etc', 'proc', 'dev']));
    expect(lines).not.toContain('libexec');
    expect(result.err).toBe('oops\n');
  });

  it('keeps the exited container for ps -a, logs and inspect', async () => {
    const ps = await d.run('ps', '-a');
    const [header, row] = ps.out.split('\n');
    expect(header).toMatch(/^CONTAINER ID {3}IMAGE {5}COMMAND +CREATED +STATUS +PORTS {5}NAMES$/);
    const columns = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
    const starts = columnStarts(header!, columns);
    expect(row!.slice(starts[1]!, starts[2]!).trim()).toBe('box');
    expect(row!.slice(starts[2]!, starts[3]!).trim()).toBe('"sh -c echo pid $$; …"');
    expect(row!.slice(starts[4]!, starts[5]!).trim()).toMatch(/^Exited \(3\) .* ago$/);
    expect(row!.slice(starts[6]!)).toBe('probe');
    const logs = await d.run('logs', 'probe');
    expect(logs.out).toMatch(/^pid 1\n/);
    expect(logs.err).toBe('oops\n');
    const tail = await d.run('logs', '--tail', '1', '-t', 'probe');
    expect(tail).toMatchObject({ out: '', status: 0 });
    expect(tail.err).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z oops\n$/);
    const inspect = JSON.parse((await d.run('inspect', 'probe')).out) as {
      Name: string;
      State: { Status: string; ExitCode: number };
    }[];
    expect(inspect[0]).toMatchObject({ Name: '/probe', State: { Status: 'exited', ExitCode: 3 } });
    expect((await d.run('ps', '--format', '{{.Names}} {{.Status}}')).out).toBe('');
    expect((await d.run('ps', '-a', '--format', '{{.Names}}')).out).toBe('probe\n');
    expect((await d.run('rm', 'probe')).out).toBe('probe\n');
    expect((await d.run('ps', '-aq')).out).toBe('');
  });

  it('lists the built-in images in docker images columns', async () => {
    const { out } = await d.run('images');
    const [header, ...rows] = out.trimEnd().split('\n');
    // Go's tabwriter: each cell padded to its column's widest cell + 3, at least 10.
    expect(header).toMatch(/^REPOSITORY {4}TAG {7}IMAGE ID {7}CREATED +SIZE$/);
    const starts = columnStarts(header!, ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
    const hello = rows.find((row) => row.startsWith('hello-world '))!;
    expect(hello.slice(starts[1]!, starts[2]!).trim()).toBe('latest');
    expect(hello.slice(starts[2]!, starts[3]!).trim()).toMatch(/^[0-9a-f]{12}$/);
    expect(hello.slice(starts[4]!)).toBe('5.1kB');
    const ids = (await d.run('images', '-q')).out.trim().split('\n');
    expect(ids.length).toBe(rows.length);
  });
});

describe('docker bad input', () => {
  it('refuses an invalid reference, an unknown image and an unknown flag with 125', async () => {
    expect(await d.run('run', 'A:b')).toEqual({
      out: '',
      err: "docker: invalid reference format: repository name must be lowercase.\nSee 'docker run --help'.\n",
      status: 125,
    });
    const missing = await d.run('run', 'alpine');
    expect(missing.status).toBe(125);
    expect(missing.err).toMatch(/^Unable to find image 'alpine:latest' locally\n/);
    expect(missing.err).toContain('box:latest, hello-world:latest');
    expect(await d.run('run', '--foo', 'box')).toEqual({
      out: '',
      err: "unknown flag: --foo\nSee 'docker run --help'.\n",
      status: 125,
    });
  });

  it('answers 127 for a missing command and keeps the container created', async () => {
    const result = await d.run('run', '--name', 'nocmd', 'box', 'nosuch');
    expect(result.status).toBe(127);
    expect(result.err).toContain('exec: "nosuch": executable file not found in $PATH');
    expect((await d.run('ps', '-a', '--format', '{{.Names}}\t{{.Status}}')).out).toBe(
      'nocmd\tCreated\n',
    );
    expect((await d.run('rm', 'nocmd')).status).toBe(0);
  });

  it('refuses a name in use and removing a running container without -f', async () => {
    const first = await d.run('run', '-d', '--name', 'sleeper', 'box', 'sleep', '100');
    expect(first.status).toBe(0);
    const id = first.out.trim();
    // create passes dockerd's answer on bare, status 1; run adds its prefix and help line, 125.
    const again = await d.run('create', '--name', 'sleeper', 'box');
    expect(again.status).toBe(1);
    expect(again.err).toBe(
      `Error response from daemon: Conflict. The container name "/sleeper" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n`,
    );
    expect((await d.run('ps', '--format', '{{.Names}}')).out).toBe('sleeper\n');
    const rm = await d.run('rm', 'sleeper');
    expect(rm).toEqual({
      out: '',
      err: `Error response from daemon: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove\n`,
      status: 1,
    });
    expect(await d.run('rm', '-f', 'sleeper')).toEqual({ out: 'sleeper\n', err: '', status: 0 });
    expect(await d.run('rm', 'sleeper')).toEqual({
      out: '',
      err: 'Error: No such container: sleeper\n',
      status: 1,
    });
  });
});
