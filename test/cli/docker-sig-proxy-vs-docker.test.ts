// --sig-proxy (on by default): a signal the docker client gets while it is
// attached to a container without a terminal goes to the container instead
// of ending the client; with --sig-proxy=false it ends the client and the
// container runs on. `bocal run -i` in Node and through the bocal daemon,
// compared with Docker 20.10's client.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { nativeProbeImage } from './native-probe-image.ts';

const root = new URL('../../', import.meta.url).pathname;
const bin = `${root}bin/bocal.js`;
const home = mkdtempSync(join(tmpdir(), 'bocal-sig-proxy-'));
const env = { ...process.env, BOCAL_HOME: home, BOCAL_DAEMON_IDLE_MS: '3000' };

/** The container's script: "ready", then a loop a trapped SIGINT ends with status 3. */
const SCRIPT = 'trap "echo caught; exit 3" INT; echo ready; while :; do sleep 1; done';
/** Docker's image has no sleep: its shell waits on `read` (stdin stays open). */
const THEIR_SCRIPT = 'trap "echo caught; exit 3" INT; echo ready; while :; do read x; done';

interface Ended {
  out: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs `command`, sends it SIGINT once it printed "ready", and resolves when it ends. */
function interrupted(command: string[], extraEnv: Record<string, string> = {}): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: { ...env, ...extraEnv },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!sent && out.includes('ready\n')) {
        sent = true;
        // The client reaches its wait for the container just after the output arrives.
        setTimeout(() => child.kill('SIGINT'), 500);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ out, code, signal });
    });
  });
}

const bocal = (...args: string[]) => [process.execPath, bin, ...args];

beforeAll(async () => {
  await ensureDockerEngine();
}, 600_000);

afterAll(() => {
  spawnSync(process.execPath, [bin, 'rm', '-f', 'unproxied', 'keeper'], { env });
});

describe('docker run -i and --sig-proxy', () => {
  it('forwards the client’s SIGINT to the container, as Docker’s client does', async () => {
    const theirs = await interrupted([
      DOCKER,
      'run',
      '--rm',
      '-i',
      nativeProbeImage(),
      'sh',
      '-c',
      THEIR_SCRIPT,
    ]);
    expect(theirs).toEqual({ out: 'ready\ncaught\n', code: 3, signal: null });
    // In this process's kernel, then through the daemon (started by run -d).
    const direct = await interrupted(bocal('run', '--rm', '-i', 'box', 'sh', '-c', SCRIPT), {
      BOCAL_DAEMON: '0',
    });
    expect(direct).toEqual(theirs);
    expect(
      spawnSync(process.execPath, bocal('run', '-d', 'box', 'true').slice(1), { env }).status,
    ).toBe(0);
    const daemon = await interrupted(bocal('run', '--rm', '-i', 'box', 'sh', '-c', SCRIPT));
    expect(daemon).toEqual(theirs);
  }, 300_000);

  it('with --sig-proxy=false, the signal ends the client and the container runs on', async () => {
    const name = `bocal-unproxied-${process.pid}`;
    spawnSync(DOCKER, ['rm', '-f', name]);
    const theirs = await interrupted([
      DOCKER,
      'run',
      '--sig-proxy=false',
      '-i',
      '--name',
      name,
      nativeProbeImage(),
      'sh',
      '-c',
      THEIR_SCRIPT,
    ]);
    const theirState = spawnSync(DOCKER, ['inspect', '--format', '{{.State.Status}}', name], {
      encoding: 'utf8',
    }).stdout;
    spawnSync(DOCKER, ['rm', '-f', name]);
    expect(theirs).toEqual({ out: 'ready\n', code: null, signal: 'SIGINT' });
    expect(theirState).toBe('running\n');
    // Through the daemon (kept up by a detached container): the container outlives the client.
    const keeper = spawnSync(
      process.execPath,
      bocal('run', '-d', '--name', 'keeper', 'box', 'sleep', '600').slice(1),
      {
        env,
      },
    );
    expect(keeper.status).toBe(0);
    const ours = await interrupted(
      bocal('run', '--sig-proxy=false', '-i', '--name', 'unproxied', 'box', 'sh', '-c', SCRIPT),
    );
    expect(ours).toEqual(theirs);
    const state = spawnSync(
      process.execPath,
      [bin, 'inspect', '--format', '{{.State.Status}}', 'unproxied'],
      { env, encoding: 'utf8' },
    ).stdout;
    expect(state).toBe('running\n');
  }, 300_000);
});
