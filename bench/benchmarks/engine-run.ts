// engine.*: `docker run --rm box true` on bocal's engine (warm: kernel,
// store and compiled box ready, as a running dockerd is) against the same
// container on this machine's real runtimes, in the same run (issue #6:
// at least 10x faster than `runc run`, 50x faster than `docker run --rm`).
//   engine.run-rm-vs-runc    baseline: `runc run` of a bundle whose root holds /usr/bin/true and its libc
//   engine.run-rm-vs-docker  baseline: `docker run --rm` of that root imported as an image
// The real sides need root, runc and dockerd (started here when it is not
// running); a missing one makes its benchmark fail with the reason (never a
// silent skip).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Benchmark, Measurement } from '../harness.ts';
import { median, nowNanoseconds } from '../baselines/statistics.ts';
import { dockerSetup } from '../../test/cli/docker-support.ts';
import { ensureDockerEngine } from '../../test/support/docker-engine.ts';

const RUNS = 10;
const WARMUP = 2;

async function timeRuns(run: () => Promise<void> | void): Promise<number> {
  const samples: number[] = [];
  for (let i = -WARMUP; i < RUNS; i++) {
    const start = nowNanoseconds();
    await run();
    if (i >= 0) samples.push(nowNanoseconds() - start);
  }
  return median(samples) / 1e6;
}

async function measureBocal(): Promise<Measurement> {
  const d = await dockerSetup();
  try {
    const value = await timeRuns(async () => {
      const result = await d.run('run', '--rm', 'box', 'true');
      if (result.status !== 0) throw new Error(`docker run --rm box true: ${result.err}`);
    });
    return { value, unit: 'ms' };
  } finally {
    await d.close();
  }
}

/** A root with /usr/bin/true and the libraries ldd names. */
function trueRootfs(): string {
  const root = mkdtempSync(join(tmpdir(), 'bocal-bench-rootfs-'));
  const files = ['/usr/bin/true'];
  for (const line of execFileSync('ldd', ['/usr/bin/true'], { encoding: 'utf8' }).split('\n')) {
    const path = /(\/\S+) \(0x/.exec(line)?.[1];
    if (path) files.push(path);
  }
  for (const file of files) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    copyFileSync(file, join(root, file));
  }
  return root;
}

function runcBundle(): string {
  const bundle = mkdtempSync(join(tmpdir(), 'bocal-bench-bundle-'));
  const rootfs = trueRootfs();
  execFileSync('runc', ['spec', '--bundle', bundle]);
  const spec = JSON.parse(
    execFileSync('cat', [join(bundle, 'config.json')], { encoding: 'utf8' }),
  ) as { root: { path: string }; process: { args: string[]; terminal: boolean } };
  spec.root.path = rootfs;
  spec.process.args = ['/usr/bin/true'];
  spec.process.terminal = false;
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
  return bundle;
}

async function measureRunc(): Promise<Measurement> {
  const bundle = runcBundle();
  let n = 0;
  const value = await timeRuns(() => {
    const result = spawnSync('runc', [
      'run',
      '--bundle',
      bundle,
      `bocal-bench-${process.pid}-${n++}`,
    ]);
    if (result.status !== 0) throw new Error(`runc run: ${result.stderr.toString()}`);
  });
  return { value, unit: 'ms' };
}

async function measureDocker(): Promise<Measurement> {
  const docker = '/usr/bin/docker';
  // As the tests do: install docker.io and start dockerd when they are not there.
  await ensureDockerEngine();
  const rootfs = trueRootfs();
  const tar = execFileSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 256 << 20 });
  execFileSync(docker, ['import', '-', 'bocal-bench-true:latest'], { input: tar });
  const value = await timeRuns(() => {
    const result = spawnSync(docker, ['run', '--rm', 'bocal-bench-true', '/usr/bin/true']);
    if (result.status !== 0) throw new Error(`docker run: ${result.stderr.toString()}`);
  });
  return { value, unit: 'ms' };
}

export const engineRunVsRunc: Benchmark = {
  name: 'engine.run-rm-vs-runc',
  baseline: 'runc run of a bundle with /usr/bin/true (same machine)',
  measure: measureBocal,
  measureBaseline: measureRunc,
};

export const engineRunVsDocker: Benchmark = {
  name: 'engine.run-rm-vs-docker',
  baseline: 'docker run --rm of that root imported into dockerd',
  measure: measureBocal,
  measureBaseline: measureDocker,
};
