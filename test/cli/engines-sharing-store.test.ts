// Two engines on one store, as the bocal daemon and the engine of `bocal
// shell`'s docker are (two processes on one $BOCAL_HOME): what the first
// one changes after the second opened the store (a container made,
// renamed, stopped, removed) shows in the second's next command, and the
// second's own containers stay as it has them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../src/cli/docker/docker.ts';
import { BOX_WASM } from '../../src/cli/shell-command.ts';
import { Engine } from '../../src/engine/engine.ts';
import { Kernel } from '../../src/kernel/kernel.ts';
import {
  loadNodeBuiltinImages,
  openNodeImageStore,
} from '../../src/platform/node/image-store/open-store.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { EmulatedRuntime } from '../../src/runtime/emulated/emulated-runtime.ts';

const home = mkdtempSync(join(tmpdir(), 'bocal-two-engines-'));
const kernels: Kernel[] = [];

/** An engine of its own kernel on the store under `home` (another process's, in effect). */
async function engineOnStore(othersLive: boolean): Promise<Engine> {
  const store = openNodeImageStore(home);
  await loadNodeBuiltinImages(store);
  const kernel = new Kernel(createNodeProcessHost(1));
  kernels.push(kernel);
  const engine = new Engine(store, new EmulatedRuntime(kernel, readFileSync(BOX_WASM)));
  await engine.restore({ othersLive });
  return engine;
}

async function run(engine: Engine, ...args: string[]) {
  let out = '';
  let err = '';
  const text = (data: string | Uint8Array) =>
    typeof data === 'string' ? data : new TextDecoder().decode(data);
  const status = await docker(
    args,
    { out: (d) => void (out += text(d)), err: (d) => void (err += text(d)), now: Date.now },
    engine,
  );
  await engine.flush();
  return { out, err, status };
}

let daemon: Engine;
let shell: Engine;

beforeAll(async () => {
  daemon = await engineOnStore(false);
  expect((await run(daemon, 'run', '-d', '--name', 'first', 'box', 'sleep', '600')).status).toBe(0);
  shell = await engineOnStore(true);
}, 120_000);

afterAll(async () => {
  await run(daemon, 'rm', '-f', 'first', 'second', 'renamed');
  for (const kernel of kernels) await kernel.shutdown();
});

const names = async (engine: Engine) =>
  (await run(engine, 'ps', '-a', '--format', '{{.Names}} {{.State}}')).out
    .split('\n')
    .filter(Boolean)
    .sort();

describe('an engine beside the daemon', () => {
  it('sees what the daemon changed after it opened the store', async () => {
    expect(await names(shell)).toEqual(['first running']);
    expect((await run(daemon, 'run', '-d', '--name', 'second', 'box', 'sleep', '600')).status).toBe(
      0,
    );
    expect(await names(shell)).toEqual(['first running', 'second running']);
    expect((await run(daemon, 'rename', 'second', 'renamed')).status).toBe(0);
    expect((await run(daemon, 'stop', '-t', '0', 'first')).status).toBe(0);
    expect(await names(shell)).toEqual(['first exited', 'renamed running']);
    expect((await run(shell, 'inspect', '--format', '{{.State.ExitCode}}', 'first')).out).toBe(
      '137\n',
    );
    expect((await run(daemon, 'rm', '-f', 'renamed')).status).toBe(0);
    expect(await names(shell)).toEqual(['first exited']);
  }, 120_000);

  it('keeps its own containers as it runs them', async () => {
    expect((await run(shell, 'run', '-d', '--name', 'mine', 'box', 'sleep', '600')).status).toBe(0);
    expect((await run(daemon, 'run', '--rm', 'box', 'true')).status).toBe(0);
    expect(await names(shell)).toEqual(['first exited', 'mine running']);
    expect((await run(shell, 'rm', '-f', 'mine')).status).toBe(0);
    expect(await names(shell)).toEqual(['first exited']);
  }, 120_000);
});
