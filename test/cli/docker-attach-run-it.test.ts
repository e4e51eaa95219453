// The terminal of a -t container is its own (a pty, as runc gives it) and
// every client is attached to it, as with Docker: `docker run -it` in one
// terminal and `docker attach` in another both see all the output and may
// both type; ^P ^Q (or --detach-keys) detaches one and leaves the others
// and the container running; `run -it` detaches with status 0, attach with
// "read escape sequence" and 1. Through the bocal daemon on real
// pseudo-terminals (python3's pty, as the tty tests use). Also what a
// person's terminal receives for `printf 'a\nb\n'` (one \r per line when the
// caller's terminal is raw, the terminal's own ONLCR otherwise), compared
// with Docker 20.10 byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER, ensureDockerEngine } from '../support/docker-engine.ts';
import { ptySessionAsync, type PtyStep } from '../support/pty-session.ts';
import { nativeProbeImage } from './native-probe-image.ts';

const bin = new URL('../../bin/bocal.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'bocal-attach-run-'));
const env = { ...process.env, BOCAL_HOME: home, BOCAL_DAEMON_IDLE_MS: '3000' };

function bocal(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { out: result.stdout, err: result.stderr, status: result.status };
}

/** `command` on a pseudo-terminal of its own, typing `steps`; resolves when it is over. */
const onPty = (command: string[], steps: PtyStep[]) =>
  ptySessionAsync(command, steps, { env, timeoutSeconds: 120 });

/** Waits until `count` clients attached to `name` (the run's own counts), as `docker events` says. */
async function attachedClients(name: string, count: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const until = String(Math.ceil(Date.now() / 1000) + 1);
    const events = bocal('events', '--since', '0', '--until', until, '--filter', 'event=attach');
    const attaches = events.out.split('\n').filter((line) => line.includes(`name=${name})`));
    if (attaches.length >= count) return;
    await new Promise((wake) => setTimeout(wake, 500));
  }
  throw new Error(`${count} clients never attached to ${name}`);
}

const bocalSession = (args: string[], steps: PtyStep[]) =>
  onPty([process.execPath, bin, ...args], steps);

beforeAll(() => {
  // Attaching from another client needs the daemon to hold the container: start it.
  const started = bocal('run', '-d', '--name', 'keeper', 'box', 'sleep', '600');
  if (started.status !== 0) throw new Error(`bocal run -d: ${started.err}`);
}, 180_000);

afterAll(() => {
  bocal('rm', '-f', 'keeper', 'fg', 'twice');
});

describe('docker attach to a container run with -it', () => {
  it('shares its terminal with the run: output to both, input from both', async () => {
    // The run's client: waits while the other client types, sees what it typed run, then ends it.
    const runner = bocalSession(
      ['run', '-it', '--name', 'fg', 'box', 'sh'],
      [
        { expect: '# ' },
        { expect: 'from-attach 42' },
        { send: 'echo from-run $((6*7))\r' },
        { expect: 'from-run 42' },
        { pause: 2 },
        { send: 'exit 4\r' },
      ],
    );
    // Wait for the container to be running, then attach from a second client.
    for (let i = 0; i < 120; i++) {
      if (bocal('ps', '--format', '{{.Names}}').out.includes('fg')) break;
      await new Promise((wake) => setTimeout(wake, 500));
    }
    const attacher = await bocalSession(
      ['attach', 'fg'],
      [
        { pause: 2 },
        { send: 'echo from-attach $((40+2))\r' },
        { expect: 'from-attach 42\r\n' },
        { expect: 'from-run 42\r\n' },
        { send: '\x10\x11' },
        { expect: 'read escape sequence' },
      ],
    );
    const run = await runner;
    expect(attacher.error).toBeNull();
    expect(attacher.status).toBe(1);
    expect(run.error).toBeNull();
    expect(run.status).toBe(4);
    // The run's client saw what the other typed and its output, as typed there.
    expect(run.screen).toContain('echo from-attach $((40+2))\r\nfrom-attach 42\r\n');
  }, 300_000);

  it('lets run -it detach with ^P ^Q (status 0) and several clients attach at once', async () => {
    const run = await bocalSession(
      ['run', '-it', '--name', 'twice', 'box', 'sh'],
      [{ expect: '# ' }, { send: 'echo one\r' }, { expect: 'one\r\n' }, { send: '\x10\x11' }],
    );
    expect(run.error).toBeNull();
    expect(run.status).toBe(0);
    expect(run.screen).not.toContain('read escape sequence');
    expect(bocal('ps', '--format', '{{.Names}} {{.State}}').out).toContain('twice running\n');
    // Without input its terminal stays as it was: its own ONLCR adds a \r, as with Docker.
    const watcher = bocalSession(['attach', '--no-stdin', 'twice'], [{ expect: 'two 2\r\r\n' }]);
    // The watcher must be attached before anything is typed: its attach is in the events.
    await attachedClients('twice', 2);
    const typer = await bocalSession(
      ['attach', '--detach-keys', 'ctrl-a,x', 'twice'],
      [
        { pause: 3 },
        { send: 'echo two $((1+1))\r' },
        { expect: 'two 2\r\n' },
        // ^P ^Q are not the detach keys here: they go to the shell, which ignores them.
        { send: '\x10\x11' },
        { pause: 1 },
        { send: '\x01x' },
        { expect: 'read escape sequence' },
      ],
    );
    expect(typer.error).toBeNull();
    expect(typer.status).toBe(1);
    expect(bocal('kill', 'twice').status).toBe(0);
    const watched = await watcher;
    expect(watched.error).toBeNull();
    expect(watched.status).toBe(137);
  }, 300_000);
});

describe('docker start -ai of a container created with -it', () => {
  it('relays its terminal as run -it does, and ends with its status', async () => {
    expect(bocal('create', '-it', '--name', 'later', 'box', 'sh').status).toBe(0);
    try {
      const started = await bocalSession(
        ['start', '-ai', 'later'],
        [
          { expect: '# ' },
          { send: 'echo st $((1+2))\r' },
          { expect: 'st 3\r\n' },
          { send: 'exit 6\r' },
        ],
      );
      expect(started.error).toBeNull();
      expect(started.status).toBe(6);
    } finally {
      bocal('rm', '-f', 'later');
    }
  }, 300_000);
});

describe('what the caller terminal receives, compared with Docker 20.10', () => {
  beforeAll(async () => {
    await ensureDockerEngine();
  }, 600_000);

  const printf = ['sh', '-c', "printf 'a\\nb\\n'"];
  const cases: [string, string[]][] = [
    ['run -it', ['run', '--rm', '-it']],
    ['run -t', ['run', '--rm', '-t']],
    ['run', ['run', '--rm']],
  ];

  for (const [name, args] of cases) {
    it(`${name}: the same bytes as Docker's`, async () => {
      const theirs = await onPty([DOCKER, ...args, nativeProbeImage(), ...printf], []);
      const ours = await bocalSession([...args, 'box', ...printf], []);
      expect(ours.error).toBeNull();
      expect(ours.screen).toBe(theirs.screen);
    }, 180_000);
  }

  it('exec -it and exec -t: the same bytes as Docker', async () => {
    const name = `bocal-exec-crlf-${process.pid}`;
    spawnSync(DOCKER, ['rm', '-f', name]);
    execFileSync(DOCKER, ['run', '-dit', '--name', name, nativeProbeImage(), 'sh']);
    try {
      for (const flags of ['-it', '-t']) {
        const theirs = await onPty([DOCKER, 'exec', flags, name, ...printf], []);
        const ours = await bocalSession(['exec', flags, 'keeper', ...printf], []);
        expect(ours.error).toBeNull();
        expect(ours.screen).toBe(theirs.screen);
        expect(ours.screen).toBe(flags === '-it' ? 'a\r\nb\r\n' : 'a\r\r\nb\r\r\n');
      }
    } finally {
      spawnSync(DOCKER, ['rm', '-f', name]);
    }
  }, 180_000);
});
