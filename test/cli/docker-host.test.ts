// /usr/bin/docker inside the emulated host (`bocal shell`): the builtin
// program talks to the engine of its machine; output, stdin and statuses
// pass through the shell's pipes like the real client's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BOCAL = new URL('../../bin/bocal.js', import.meta.url).pathname;

function shell(command: string, input = '') {
  const home = mkdtempSync(join(tmpdir(), 'bocal-docker-host-'));
  const result = spawnSync(BOCAL, ['shell', '-c', command], {
    input,
    encoding: 'utf8',
    env: { ...process.env, BOCAL_HOME: home },
    timeout: 120_000,
  });
  return { out: result.stdout, err: result.stderr, status: result.status };
}

describe('docker in the emulated host', () => {
  it('runs hello-world, a shell with piped input, and lists the stopped container', () => {
    const result = shell(
      [
        'command -v docker',
        'docker run --rm hello-world | grep -c "Hello from bocal"',
        'printf "echo in-container; hostname; exit 5\\n" | docker run -i --name piped box sh',
        'echo status=$?',
        'docker ps -a --format "{{.Names}} {{.Status}}"',
        'docker logs piped',
        'docker rm piped',
        'docker ps -aq | wc -l',
      ].join('; '),
    );
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('/usr/bin/docker');
    expect(lines[1]).toBe('1');
    expect(lines[2]).toBe('in-container');
    expect(lines[3]).toMatch(/^[0-9a-f]{12}$/);
    expect(lines[4]).toBe('status=5');
    expect(lines[5]).toMatch(/^piped Exited \(5\) /);
    expect(lines.slice(6, 8)).toEqual(['in-container', lines[3]]);
    expect(lines[8]).toBe('piped');
    expect(lines[9]?.trim()).toBe('0');
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
  });

  it("gives Docker's errors and exit codes", () => {
    const result = shell(
      'docker run --rm alpine; echo s=$?; docker run box nosuch; echo s=$?; docker rm x; echo s=$?',
    );
    expect(result.out).toBe('s=125\ns=127\ns=1\n');
    expect(result.err).toContain("Unable to find image 'alpine:latest' locally");
    expect(result.err).toContain('Error: No such container: x');
  });
});
