// `docker attach` to a container started with `run -dit`: the container has
// a terminal of its own (a pty runc would give it), and attach takes it
// over: what the shell writes on it, the caller's keys typed on it, ^P ^Q
// to detach and leave it running, its exit status when it ends. Through
// the bocal daemon on a real pseudo-terminal (python3's pty, as the tty
// tests use), and the refusal of an input that is not a terminal compared
// with Docker 20.10's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { ptySession, type PtyStep } from '../support/pty-session.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';
import { nativeProbeImage } from './native-probe-image.ts';

const bin = new URL('../../bin/bocal.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'bocal-attach-'));
const env = { ...process.env, BOCAL_HOME: home, BOCAL_DAEMON_IDLE_MS: '2000' };

function bocal(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { out: result.stdout, err: result.stderr, status: result.status };
}

/** `bocal attach NAME` on a pseudo-terminal, typing `steps`. */
const attachSession = (name: string, steps: PtyStep[]) =>
  ptySession([process.execPath, bin, 'attach', name], steps, { env });

describe('docker attach to a run -dit container', () => {
  it('takes over its terminal: output, keys, ^P ^Q, and its exit', () => {
    expect(bocal('run', '-dit', '--name', 'term', 'box', 'sh').status).toBe(0);
    try {
      const first = attachSession('term', [
        // The client's terminal turns raw once it reaches the daemon: wait for the shell's redraw.
        { pause: 3 },
        { send: 'echo hi $((6*7)); tty\r' },
        { expect: 'hi 42\r' },
        { expect: '/dev/pts/' },
        { send: '\x10\x11' },
        { expect: 'read escape sequence' },
      ]);
      expect(first.error).toBeNull();
      expect(first.status).toBe(1);
      expect(bocal('ps', '--format', '{{.Names}} {{.State}}').out).toBe('term running\n');
      // What it wrote while nobody was attached is in its logs (one stream, as Docker's -t).
      expect(bocal('logs', 'term').out).toContain('hi 42\r\n');
      const second = attachSession('term', [
        { pause: 3 },
        { send: 'sleep 1 & jobs\r' },
        { expect: '[1] + Running' },
        { send: 'exit 5\r' },
      ]);
      expect(second.error).toBeNull();
      expect(second.status).toBe(5);
      expect(bocal('ps', '-a', '--format', '{{.Names}} {{.Status}}').out).toMatch(
        /^term Exited \(5\) /,
      );
    } finally {
      bocal('rm', '-f', 'term');
    }
  }, 300_000);
});

describe('docker attach with an input that is not a terminal', () => {
  let d: DockerSetup;
  beforeAll(async () => {
    await ensureDockerEngine();
    d = await dockerSetup();
  }, 600_000);
  afterAll(() => d?.close());

  it('is refused as Docker 20.10 refuses it', async () => {
    const name = `bocal-attach-${process.pid}`;
    spawnSync(DOCKER, ['rm', '-f', name]);
    spawnSync(DOCKER, ['run', '-dit', '--name', name, nativeProbeImage(), 'sh']);
    await d.run('run', '-dit', '--name', name, 'box', 'sh');
    try {
      const theirs = spawnSync(DOCKER, ['attach', name], { encoding: 'utf8', input: '' });
      // Our harness has no stdin at all; give it a pipe's, as spawnSync gives theirs.
      const { docker } = await import('../../src/cli/docker/docker.ts');
      const { HostStream } = await import('../../src/kernel/io/host-stream.ts');
      let err = '';
      const status = await docker(
        ['attach', name],
        {
          out: () => undefined,
          err: (data) => void (err += String(data)),
          stdin: new HostStream(
            async () => new Uint8Array(0),
            undefined,
            () => 0n,
          ),
          stdinTerminal: false,
          now: Date.now,
        },
        d.engine,
      );
      expect({ err, status }).toEqual({ err: theirs.stderr, status: theirs.status });
      expect(err).toBe('the input device is not a TTY\n');
    } finally {
      spawnSync(DOCKER, ['rm', '-f', name]);
      await d.run('rm', '-f', name);
    }
  }, 120_000);
});
