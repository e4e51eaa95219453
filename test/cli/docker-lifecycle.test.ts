// pause/unpause, restart and restart policies, rename, container prune,
// logs (--since/--until/--tail, kept across engines), events and stats on
// the emulated runtime, with Docker's outputs, messages and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../src/cli/docker/docker.ts';
import { Engine } from '../../src/engine/engine.ts';
import { HostStream } from '../../src/kernel/io/host-stream.ts';
import { readFileSync } from 'node:fs';
import { BOX_WASM } from '../../src/cli/shell-command.ts';
import { Kernel } from '../../src/kernel/kernel.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { EmulatedRuntime } from '../../src/runtime/emulated/emulated-runtime.ts';
import { dockerSetup, type DockerSetup } from './docker-support.ts';

let d: DockerSetup;
beforeAll(async () => {
  d = await dockerSetup();
}, 60_000);
afterAll(() => d?.close());

const idOf = async (name: string) => (await d.run('inspect', '-f', '{{.Id}}', name)).out.trim();
const stateOf = async (name: string) =>
  (
    await d.run('inspect', '-f', '{{.State.Status}} {{.State.Paused}} {{.RestartCount}}', name)
  ).out.trim();

/** Polls `condition` every 50 ms until it holds; fails after 30 s saying what it waited for. */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after 30 s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('docker pause and unpause', () => {
  it('freezes the container: paused in ps and inspect, its output stops, exec refused, then goes on', async () => {
    await d.run(
      'run',
      '-d',
      '--name',
      'ticker',
      'box',
      'sh',
      '-c',
      'while true; do echo tick; sleep 0.05; done',
    );
    const id = await idOf('ticker');
    await until('its first tick', async () => (await d.run('logs', 'ticker')).out.length > 0);
    expect(await d.run('pause', 'ticker')).toEqual({ out: 'ticker\n', err: '', status: 0 });
    expect(await stateOf('ticker')).toBe('paused true 0');
    expect((await d.run('ps', '--format', '{{.Names}} {{.State}} {{.Status}}')).out).toMatch(
      /^ticker paused Up .* \(Paused\)\n$/,
    );
    const frozen = (await d.run('logs', 'ticker')).out.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await d.run('logs', 'ticker')).out.length).toBeLessThanOrEqual(
      frozen + 'tick\n'.length,
    );
    const settled = (await d.run('logs', 'ticker')).out.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await d.run('logs', 'ticker')).out.length).toBe(settled);
    expect(await d.run('pause', 'ticker')).toEqual({
      out: '',
      err: `Error response from daemon: Container ${id} is already paused\n`,
      status: 1,
    });
    expect(await d.run('exec', 'ticker', 'true')).toEqual({
      out: '',
      err: 'Error response from daemon: Container ticker is paused, unpause the container before exec\n',
      status: 1,
    });
    expect((await d.run('rm', 'ticker')).err).toBe(
      `Error response from daemon: You cannot remove a paused container ${id}. Unpause and then stop the container before attempting removal or force remove\n`,
    );
    expect(await d.run('unpause', 'ticker')).toEqual({ out: 'ticker\n', err: '', status: 0 });
    expect(await stateOf('ticker')).toBe('running false 0');
    await until(
      'a tick after unpause',
      async () => (await d.run('logs', 'ticker')).out.length > settled,
    );
    expect(await d.run('unpause', 'ticker')).toEqual({
      out: '',
      err: `Error response from daemon: Container ${id} is not paused\n`,
      status: 1,
    });
    // A paused container can be stopped: SIGTERM, then thawed to act on it.
    await d.run('pause', 'ticker');
    expect(await d.run('stop', '-t', '5', 'ticker')).toEqual({
      out: 'ticker\n',
      err: '',
      status: 0,
    });
    expect(await stateOf('ticker')).toBe('exited false 0');
    expect(await d.run('pause', 'ticker')).toEqual({
      out: '',
      err: `Error response from daemon: Container ${id} is not running\n`,
      status: 1,
    });
    await d.run('rm', 'ticker');
  }, 60_000);

  it('kill and rm -f end a paused container', async () => {
    await d.run('run', '-d', '--name', 'p2', 'box', 'sleep', '100');
    await d.run('pause', 'p2');
    expect(await d.run('kill', 'p2')).toEqual({ out: 'p2\n', err: '', status: 0 });
    expect(await d.run('wait', 'p2')).toEqual({ out: '137\n', err: '', status: 0 });
    await d.run('start', 'p2');
    await d.run('pause', 'p2');
    expect(await d.run('rm', '-f', 'p2')).toEqual({ out: 'p2\n', err: '', status: 0 });
  }, 60_000);
});

describe('docker restart and --restart', () => {
  it('restart stops and starts again (a new pid 1 process)', async () => {
    await d.run('run', '-d', '--name', 'again', 'box', 'sh', '-c', 'echo started; sleep 100');
    await until('its first run', async () => (await d.run('logs', 'again')).out === 'started\n');
    const before = (await d.run('inspect', '-f', '{{.State.Pid}}', 'again')).out;
    expect(await d.run('restart', '-t', '1', 'again')).toEqual({
      out: 'again\n',
      err: '',
      status: 0,
    });
    expect(await stateOf('again')).toBe('running false 0');
    expect((await d.run('inspect', '-f', '{{.State.Pid}}', 'again')).out).not.toBe(before);
    await until(
      'its second run',
      async () => (await d.run('logs', 'again')).out === 'started\nstarted\n',
    );
    expect(await d.run('restart', 'nothing-here')).toEqual({
      out: '',
      err: 'Error response from daemon: No such container: nothing-here\n',
      status: 1,
    });
    await d.run('rm', '-f', 'again');
  }, 60_000);

  it('on-failure:2 restarts a failing container twice, counting in RestartCount', async () => {
    const run = await d.run(
      'run',
      '-d',
      '--name',
      'flaky',
      '--restart',
      'on-failure:2',
      'box',
      'sh',
      '-c',
      'echo try; exit 3',
    );
    expect(run.status).toBe(0);
    await until(
      'the end of its third run',
      async () => (await stateOf('flaky')) === 'exited false 2',
    );
    await until(
      'the output of its three runs',
      async () => (await d.run('logs', 'flaky')).out === 'try\ntry\ntry\n',
    );
    expect(
      (
        await d.run(
          'inspect',
          '-f',
          '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.State.ExitCode}}',
          'flaky',
        )
      ).out,
    ).toBe('on-failure 2 3\n');
    await d.run('rm', 'flaky');
  }, 60_000);

  it('ps shows a container waiting for its restart as Docker does', async () => {
    await d.run('create', '--name', 'waiting', 'box', 'true');
    // The state between two runs, as the restart manager leaves it.
    Object.assign(d.engine.inspect('waiting').State, {
      Status: 'restarting',
      Restarting: true,
      ExitCode: 3,
      FinishedAt: new Date(Date.now() - 5500).toISOString(),
    });
    expect((await d.run('ps', '-a', '--format', '{{.Names}} {{.Status}}')).out).toBe(
      'waiting Restarting (3) 5 seconds ago\n',
    );
    await d.run('rm', '-f', 'waiting');
  }, 30_000);

  it('always restarts a container that exits 0 until docker stop', async () => {
    await d.run('run', '-d', '--name', 'forever', '--restart', 'always', 'box', 'true');
    await until('two restarts', async () => Number((await stateOf('forever')).split(' ')[2]) >= 2);
    expect(await d.run('stop', 'forever')).toEqual({ out: 'forever\n', err: '', status: 0 });
    const count = (await stateOf('forever')).split(' ')[2];
    expect(await stateOf('forever')).toBe(`exited false ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stateOf('forever')).toBe(`exited false ${count}`);
    await d.run('rm', 'forever');
  }, 60_000);

  it('a later engine starts always and unless-stopped containers again, as dockerd at its start', async () => {
    await d.run('run', '-d', '--name', 'steady', '--restart', 'always', 'box', 'sleep', '100');
    await d.run(
      'run',
      '-d',
      '--name',
      'usually',
      '--restart',
      'unless-stopped',
      'box',
      'sleep',
      '100',
    );
    await d.run('create', '--name', 'quiet', '--restart', 'unless-stopped', 'box', 'sleep', '100');
    await d.engine.flush();
    // Another machine's engine on the same store, as the daemon started again.
    const kernel = new Kernel(createNodeProcessHost(1));
    const later = new Engine(d.engine.images, new EmulatedRuntime(kernel, readFileSync(BOX_WASM)));
    try {
      await later.restore();
      expect(later.inspect('steady').State).toMatchObject({ Status: 'exited', ExitCode: 255 });
      await later.startByPolicy();
      expect(later.inspect('steady').State.Status).toBe('running');
      expect(later.inspect('usually').State.Status).toBe('running');
      expect(later.inspect('quiet').State.Status).toBe('created');
      for (const name of ['steady', 'usually', 'quiet']) await later.remove(name, true);
      await later.flush();
    } finally {
      await kernel.shutdown();
    }
    for (const name of ['steady', 'usually', 'quiet']) await d.run('rm', '-f', name);
  }, 60_000);

  it('refuses bad policies and --restart with --rm as the docker CLI does', async () => {
    expect(await d.run('run', '--restart', 'sometimes', 'box', 'true')).toEqual({
      out: '',
      err: "docker: Error response from daemon: invalid restart policy 'sometimes'.\nSee 'docker run --help'.\n",
      status: 125,
    });
    expect(await d.run('run', '--rm', '--restart', 'always', 'box', 'true')).toEqual({
      out: '',
      err: "docker: Conflicting options: --restart and --rm.\nSee 'docker run --help'.\n",
      status: 125,
    });
    expect((await d.run('ps', '-aq')).out).toBe('');
  }, 30_000);
});

describe('docker rename and container prune', () => {
  it('renames, refusing a taken name', async () => {
    await d.run('create', '--name', 'first', 'box', 'true');
    await d.run('create', '--name', 'second', 'box', 'true');
    const second = await idOf('second');
    expect(await d.run('rename', 'first', 'second')).toEqual({
      out: '',
      err: `Error response from daemon: Error when allocating new name: Conflict. The container name "/second" is already in use by container "${second}". You have to remove (or rename) that container to be able to reuse that name.\nError: failed to rename container named first\n`,
      status: 1,
    });
    expect(await d.run('rename', 'first', 'third')).toEqual({ out: '', err: '', status: 0 });
    expect((await d.run('ps', '-a', '--format', '{{.Names}}')).out.split('\n').sort()).toEqual([
      '',
      'second',
      'third',
    ]);
    expect((await d.run('rename', 'third', 'bad name!')).err).toBe(
      'Error response from daemon: Invalid container name (bad name!), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named third\n',
    );
  }, 30_000);

  it('prune -f removes the stopped containers and keeps running ones', async () => {
    await d.run('run', '-d', '--name', 'keeper', 'box', 'sleep', '100');
    const ids = [await idOf('second'), await idOf('third')];
    const result = await d.run('container', 'prune', '-f');
    expect(result.status).toBe(0);
    const [heading, ...rest] = result.out.split('\n');
    expect(heading).toBe('Deleted Containers:');
    expect(rest.slice(0, 2).sort()).toEqual(ids.sort());
    expect(rest.slice(2)).toEqual(['', 'Total reclaimed space: 0B', '']);
    expect((await d.run('ps', '-a', '--format', '{{.Names}}')).out).toBe('keeper\n');
    expect(await d.run('container', 'prune', '-f')).toEqual({
      out: 'Total reclaimed space: 0B\n',
      err: '',
      status: 0,
    });
    await d.run('rm', '-f', 'keeper');
  }, 30_000);
});

describe('docker attach', () => {
  it('forwards input to a container made with -i, shows its output, and ^P ^Q detaches', async () => {
    await d.run(
      'run',
      '-di',
      '--name',
      'echoer',
      'box',
      'sh',
      '-c',
      'while read line; do echo "got $line"; done',
    );
    let out = '';
    let err = '';
    let turn = 0;
    const stdin = new HostStream(
      async () => {
        turn++;
        if (turn === 1) return new TextEncoder().encode('hello\n');
        await until('its answer', async () => out.includes('got hello'));
        return Uint8Array.of(0x10, 0x11);
      },
      undefined,
      () => 0n,
    );
    const decode = (data: string | Uint8Array) =>
      typeof data === 'string' ? data : new TextDecoder().decode(data);
    const status = await docker(
      ['attach', 'echoer'],
      {
        out: (data) => void (out += decode(data)),
        err: (data) => void (err += decode(data)),
        stdin,
        now: Date.now,
      },
      d.engine,
    );
    expect({ out, err, status }).toEqual({
      out: 'got hello\n',
      err: 'read escape sequence\n',
      status: 1,
    });
    expect(await stateOf('echoer')).toBe('running false 0');
    expect((await d.run('logs', 'echoer')).out).toBe('got hello\n');
    expect(await d.run('attach', 'ticker-none')).toEqual({
      out: '',
      err: 'Error: No such container: ticker-none\n',
      status: 1,
    });
    await d.run('rm', '-f', 'echoer');
    await d.run('create', '--name', 'idle3', 'box', 'true');
    expect(await d.run('attach', 'idle3')).toEqual({
      out: '',
      err: 'You cannot attach to a stopped container, start it first\n',
      status: 1,
    });
    await d.run('rm', 'idle3');
  }, 60_000);
});

describe('docker logs', () => {
  it('keeps stdout and stderr apart, with --tail, --since, --until and -t', async () => {
    await d.run('run', '--name', 'talker', 'box', 'sh', '-c', 'echo one; echo two >&2; echo three');
    expect(await d.run('logs', 'talker')).toEqual({ out: 'one\nthree\n', err: 'two\n', status: 0 });
    expect(await d.run('logs', '--tail', '1', 'talker')).toEqual({
      out: 'three\n',
      err: '',
      status: 0,
    });
    expect(await d.run('logs', '-n', '0', 'talker')).toEqual({ out: '', err: '', status: 0 });
    const stamped = await d.run('logs', '-t', 'talker');
    expect(stamped.out).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z one\n\S+ three\n$/);
    expect((await d.run('logs', '--since', '1h', 'talker')).out).toBe('one\nthree\n');
    expect((await d.run('logs', '--until', '1h', 'talker')).out).toBe('');
    expect(
      (await d.run('logs', '--since', '2000-01-01T00:00:00Z', '--until', '0s', 'talker')).out,
    ).toBe('one\nthree\n');
    expect(await d.run('logs', '--since', 'yesterday', 'talker')).toEqual({
      out: '',
      err: 'failed to parse value as time or duration: "yesterday"\n',
      status: 1,
    });
  }, 30_000);

  it('follows a running container with -f until it exits', async () => {
    await d.run(
      'run',
      '-d',
      '--name',
      'slow',
      'box',
      'sh',
      '-c',
      'echo a; sleep 0.3; echo b; sleep 0.3; echo c',
    );
    expect(await d.run('logs', '-f', 'slow')).toEqual({ out: 'a\nb\nc\n', err: '', status: 0 });
    await d.run('rm', 'slow');
  }, 30_000);

  it('are kept with the container for a later engine on the same store', async () => {
    await d.engine.flush();
    const later = new Engine(d.engine.images, (d.engine as unknown as { runtime: never }).runtime);
    await later.restore();
    const logs = later.logs('talker');
    const text = logs.entries.map(
      (entry) => `${entry.stream}:${new TextDecoder().decode(entry.bytes)}`,
    );
    expect(text).toEqual(['stdout:one\n', 'stderr:two\n', 'stdout:three\n']);
    await d.run('rm', 'talker');
  }, 30_000);
});

describe('docker events', () => {
  it("lists what happened to a container in dockerd's text form, filtered", async () => {
    const since = String(Date.now() / 1000 - 1);
    await d.run('run', '--name', 'evented', '-l', 'team=blue', 'box', 'sh', '-c', 'exit 4');
    await d.run('rename', 'evented', 'renamed');
    await d.run('rm', 'renamed');
    const id = d.engine.events.events.find((e) => e.Actor.Attributes['name'] === 'evented')!.Actor
      .ID;
    const until = String(Date.now() / 1000 + 0.001);
    const result = await d.run(
      'events',
      '--since',
      since,
      '--until',
      until,
      '--filter',
      `container=${id}`,
    );
    expect(result.status).toBe(0);
    const lines = result.out.trimEnd().split('\n');
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z';
    expect(lines.map((line) => line.replace(new RegExp(`^${stamp} `), ''))).toEqual([
      `container create ${id} (image=box, name=evented, team=blue)`,
      `container attach ${id} (image=box, name=evented, team=blue)`,
      `container start ${id} (image=box, name=evented, team=blue)`,
      `container die ${id} (exitCode=4, image=box, name=evented, team=blue)`,
      `container rename ${id} (image=box, name=renamed, oldName=/evented, team=blue)`,
      `container destroy ${id} (image=box, name=renamed, team=blue)`,
    ]);
    const dies = await d.run(
      'events',
      '--since',
      since,
      '--until',
      until,
      '-f',
      'event=die',
      '-f',
      'label=team=blue',
      '--format',
      '{{.Action}} {{.Actor.Attributes.exitCode}}',
    );
    expect(dies).toEqual({ out: 'die 4\n', err: '', status: 0 });
  }, 30_000);
});

describe('docker stats', () => {
  it('--no-stream shows CPU, memory and pids of the running containers from their cgroups', async () => {
    await d.run('run', '-d', '--name', 'busy', 'box', 'sh', '-c', 'sleep 100 & sleep 100');
    await until(
      'its three processes',
      async () => (await d.run('top', 'busy')).out.split('\n').length >= 4,
    );
    const result = await d.run('stats', '--no-stream');
    expect(result.status).toBe(0);
    const [header, row, ...rest] = result.out.split('\n');
    expect(header).toBe(
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS',
    );
    expect(rest).toEqual(['']);
    const id = (await idOf('busy')).slice(0, 12);
    const cells = row!.split(/ {2,}/);
    expect(cells).toHaveLength(8);
    expect(cells[0]).toBe(id);
    expect(cells[1]).toBe('busy');
    expect(cells[2]).toMatch(/^\d+\.\d\d%$/);
    expect(cells[3]).toMatch(/^[\d.]+(B|KiB|MiB|GiB) \/ 4GiB$/);
    expect(cells[4]).toMatch(/^\d+\.\d\d%$/);
    expect(cells.slice(5)).toEqual(['0B / 0B', '0B / 0B', '3']);
    const formatted = await d.run(
      'stats',
      '--no-stream',
      '--format',
      '{{.Name}} {{.PIDs}}',
      'busy',
    );
    expect(formatted).toEqual({ out: 'busy 3\n', err: '', status: 0 });
    await d.run('rm', '-f', 'busy');
  }, 30_000);
});

describe('docker rm right after an exit', () => {
  // The exit is dealt with (writable layer kept, record written) after the
  // process ends: a rm coming between used to be undone by that write, and
  // the container was listed again by the next command.
  it('removes a container for good as soon as inspect shows it exited', async () => {
    const names = ['gone1', 'gone2', 'gone3', 'gone4', 'gone5'];
    for (const name of names) {
      await d.run('run', '-d', '--name', name, 'box', 'sh', '-c', 'echo a > /a; echo b > /b');
      // Polled without delay, to rm within the first turn that shows the exit.
      const deadline = Date.now() + 30_000;
      while ((await stateOf(name)) !== 'exited false 0') {
        if (Date.now() > deadline) throw new Error(`${name} did not exit within 30 s`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await d.run('rm', name)).toEqual({ out: `${name}\n`, err: '', status: 0 });
      expect(await d.run('ps', '-a', '--format', '{{.Names}}')).toEqual({
        out: '',
        err: '',
        status: 0,
      });
    }
    // Nothing written after the removals brings one back.
    await d.engine.flush();
    expect((await d.run('ps', '-a', '--format', '{{.Names}}')).out).toBe('');
    const stored = await d.engine.images.backend.listRecords<{ Name: string }>('container');
    for (const name of names)
      expect(stored.map(({ value }) => value.Name)).not.toContain(`/${name}`);
  }, 60_000);

  it('rm -f of a container that is ending waits for its end and removes it', async () => {
    for (const name of ['ending1', 'ending2', 'ending3']) {
      await d.run('run', '-d', '--name', name, 'box', 'sh', '-c', 'echo a > /a; echo b > /b');
      // At once: its short run ends about when rm -f comes.
      expect(await d.run('rm', '-f', name)).toEqual({ out: `${name}\n`, err: '', status: 0 });
      expect((await d.run('ps', '-a', '--format', '{{.Names}}')).out).toBe('');
      await d.engine.flush();
      const stored = await d.engine.images.backend.listRecords<{ Name: string }>('container');
      expect(stored.map(({ value }) => value.Name)).not.toContain(`/${name}`);
    }
  }, 60_000);
});
