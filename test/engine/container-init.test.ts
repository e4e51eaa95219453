// What the runtime does as a container's new process before its program
// runs (runc's init: root, /proc, mount propagation, working directory),
// seen from inside the container and through the docker CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerSetup, type DockerSetup } from '../cli/docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  d = await dockerSetup();
}, 60_000);
afterAll(() => d?.close());

describe("a container's init", () => {
  it('is the container program itself, pid 1 from its first instruction', async () => {
    const result = await d.run('run', '--rm', 'box', 'cat', '/proc/1/cmdline');
    expect(result).toEqual({ out: 'cat\0/proc/1/cmdline\0', err: '', status: 0 });
  });

  it('has a proc of its own pid namespace at /proc, and its mounts stay its own', async () => {
    const result = await d.run(
      'run',
      '--rm',
      'box',
      'sh',
      '-c',
      'cat /proc/1/comm; grep -c " /proc rw,nosuid,nodev,noexec - proc " /proc/self/mountinfo; mount -t tmpfs none /tmp && grep -c " /tmp " /proc/self/mountinfo',
    );
    expect(result).toEqual({ out: 'sh\n1\n1\n', err: '', status: 0 });
    const hostMounts = d.kernel.mounts.list().map((mount) => mount.source);
    expect(hostMounts).not.toContain('none');
  });

  it('starts in the working directory (-w), made in the root when missing', async () => {
    const result = await d.run('run', '--rm', '-w', '/var/made/here', 'box', 'pwd');
    expect(result).toEqual({ out: '/var/made/here\n', err: '', status: 0 });
  });

  it('refuses a working directory that is a file, as dockerd does', async () => {
    const result = await d.run('run', '--rm', '-w', '/etc/passwd', 'box', 'true');
    expect(result).toEqual({
      out: '',
      err: 'docker: Error response from daemon: Cannot mkdir: /etc/passwd is not a directory.\n',
      status: 125,
    });
    expect((await d.run('ps', '-aq')).out).toBe('');
  });

  it("fails a start whose program is gone from the container's root with runc's 127", async () => {
    // The first run deletes its own program from its writable layer.
    const first = await d.run('run', '--name', 'gone', 'box', 'sh', '-c', 'rm /bin/sh');
    expect(first.status).toBe(0);
    const again = await d.run('start', '-a', 'gone');
    expect(again).toEqual({
      out: '',
      err:
        'Error response from daemon: failed to create shim task: OCI runtime create failed: exec: "sh": executable file not found in $PATH: unknown\n' +
        'Error: failed to start containers: gone\n',
      status: 1,
    });
    const state = (await d.run('inspect', '-f', '{{.State.ExitCode}} {{.State.Error}}', 'gone'))
      .out;
    expect(state).toBe(
      '127 failed to create shim task: OCI runtime create failed: exec: "sh": executable file not found in $PATH: unknown\n',
    );
    expect((await d.run('rm', 'gone')).status).toBe(0);
  });
});
