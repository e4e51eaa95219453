// docker exec and docker top on the emulated runtime: a process that joins
// a running container's namespaces, root, working directory and cgroup,
// with the exit status, errors and exit codes Docker gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  d = await dockerSetup();
  const run = await d.run(
    'run',
    '-d',
    '--name',
    'web',
    '-w',
    '/tmp',
    '-e',
    'COLOUR=blue',
    'box',
    'sleep',
    '300',
  );
  expect(run.status).toBe(0);
}, 60_000);
afterAll(async () => {
  await d?.run('rm', '-f', 'web');
  await d?.close();
});

describe('docker exec', () => {
  it('joins the container: its pid namespace, host name, root, working directory and environment', async () => {
    const id = (await d.run('inspect', '-f', '{{.Id}}', 'web')).out.trim();
    const result = await d.run(
      'exec',
      'web',
      'sh',
      '-c',
      'echo pid=$$; hostname; pwd; echo $COLOUR; ls /; cat /proc/1/cmdline | tr "\\0" " "; echo',
    );
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(/^pid=\d+$/);
    expect(lines[0]).not.toBe('pid=1');
    expect(lines[1]).toBe(id.slice(0, 12));
    expect(lines[2]).toBe('/tmp');
    expect(lines[3]).toBe('blue');
    expect(lines).toContain('bin');
    expect(lines).not.toContain('libexec');
    expect(result.out).toContain('sleep 300 \n');
  }, 30_000);

  it('passes the exit status through, and -e and -w', async () => {
    expect((await d.run('exec', 'web', 'sh', '-c', 'exit 7')).status).toBe(7);
    const result = await d.run(
      'exec',
      '-e',
      'COLOUR=red',
      '-w',
      '/etc',
      'web',
      'sh',
      '-c',
      'echo $COLOUR $(pwd); echo oops >&2',
    );
    expect(result).toEqual({ out: 'red /etc\n', err: 'oops\n', status: 0 });
  }, 30_000);

  it('runs as another user with -u', async () => {
    const result = await d.run('exec', '-u', '1000:1000', 'web', 'id', '-u');
    expect(result).toMatchObject({ out: '1000\n', status: 0 });
  }, 30_000);

  it('fails with 127 for a missing command and 126 for one that cannot run', async () => {
    const missing = await d.run('exec', 'web', 'no-such-command');
    expect(missing).toEqual({
      out: '',
      err: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "no-such-command": executable file not found in $PATH: unknown\n',
      status: 127,
    });
    const notExecutable = await d.run('exec', 'web', '/etc/passwd');
    expect(notExecutable).toEqual({
      out: '',
      err: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\n',
      status: 126,
    });
  }, 30_000);

  it('refuses a stopped container and an unknown one', async () => {
    await d.run('create', '--name', 'idle', 'box', 'true');
    const id = (await d.run('inspect', '-f', '{{.Id}}', 'idle')).out.trim();
    expect(await d.run('exec', 'idle', 'true')).toEqual({
      out: '',
      err: `Error response from daemon: Container ${id} is not running\n`,
      status: 1,
    });
    expect(await d.run('exec', 'nothing-here', 'true')).toEqual({
      out: '',
      err: 'Error: No such container: nothing-here\n',
      status: 1,
    });
    await d.run('rm', 'idle');
  }, 30_000);

  it('-d returns at once and the process runs on in the container', async () => {
    const result = await d.run('exec', '-d', 'web', 'sh', '-c', 'echo done > /tmp/detached');
    expect(result).toEqual({ out: '', err: '', status: 0 });
    let seen = '';
    for (let i = 0; i < 100 && seen !== 'done\n'; i++) {
      seen = (await d.run('exec', 'web', 'cat', '/tmp/detached')).out;
    }
    expect(seen).toBe('done\n');
  }, 60_000);
});

describe('docker top', () => {
  it('lists the container processes in ps -ef columns with host pids', async () => {
    const result = await d.run('top', 'web');
    expect(result.status).toBe(0);
    const [header, ...rows] = result.out.trimEnd().split('\n');
    expect(header).toBe(
      'UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD',
    );
    expect(rows).toHaveLength(1);
    const pid = Number((await d.run('inspect', '-f', '{{.State.Pid}}', 'web')).out);
    expect(rows[0]).toMatch(
      /^root {16}(\d+) +(\d+) +0 {19}\d\d:\d\d {15}\? {19}\d\d:\d\d:\d\d {12}sleep 300$/,
    );
    const [, hostPid] = /^root +(\d+)/.exec(rows[0]!)!;
    expect(Number(hostPid)).not.toBe(1);
    expect(Number(hostPid)).toBeGreaterThan(0);
    expect(pid).toBeGreaterThan(0);
  }, 30_000);

  it('refuses a container that is not running', async () => {
    await d.run('create', '--name', 'idle2', 'box', 'true');
    const id = (await d.run('inspect', '-f', '{{.Id}}', 'idle2')).out.trim();
    expect(await d.run('top', 'idle2')).toEqual({
      out: '',
      err: `Error response from daemon: Container ${id} is not running\n`,
      status: 1,
    });
    await d.run('rm', 'idle2');
  }, 30_000);
});
