// engine.*: `docker run --rm box true` on bocal's engine (warm: kernel,
// store and compiled box ready, as a running dockerd is) against the same
// container on this machine's real runtimes, in the same run (issue #6:
// at least 10x faster than `runc run`, 50x faster than `docker run --rm`).
//   engine.run-rm-vs-runc    baseline: `runc run` of a bundle whose root holds /usr/bin/true and its libc
//   engine.run-rm-vs-docker  baseline: `docker run --rm` of that root imported as an image
// The real sides need root, runc and dockerd (started here when it is not
// running); a missing one makes its benchmark fail with the reason (never a
// silent skip).
//
// Where one warm run's time goes (a probe timing each phase, medians of 100
// runs on the loaded 2-core machine, load 10, 2026-11-28 05:25; 3.1 ms in
// all): CLI and image lookup 0.25 ms; engine create/start records 0.2;
// runtime.create (overlay root, init layer, /dev, the three network files
// and their binds) 0.34; kernel.spawn 1.2 of which namespaces and fork 0.2,
// the container init's set-up 0.15 (0.1 of it the new pid namespace's
// procfs), finding `true` in PATH 0.3, starting the worker and posting it
// the program 0.5; `true` itself 0.2; exit 0.45 (0.35 of it waking the
// worker from its proc_exit call); removal, cgroup and events 0.15. One run
// starts one program in one worker: the container's own (before this
// session, box's unshare ran first as pid 1, made the mount namespace,
// chrooted, mounted /proc and then searched PATH with six execve calls,
// each a round trip, before `true` started in a second program start).
//
// Measured (same process, the session-start tree 3a19801 and this one
// alternating run by run, 200 runs each, load 7-12): medians 7.44, 9.13,
// 8.71, 7.10, 7.69 ms -> 2.83, 3.39, 2.68, 2.43, 3.20 ms. In `npm run
// bench` (10 runs after 2 warm-ups), same-run ratios at load 6-11:
// engine.run-rm-vs-runc 0.05-0.13x (3.4-6.9 ms against runc's 37-88 ms;
// one run at 0.37x when a burst of the other helpers' work hit its ten
// samples), engine.run-rm-vs-docker 0.005-0.015x. Before: 0.19-0.27x and
// about 0.02x on the quiet morning. The bench's runs are slower than the
// steady state above: in the first dozen runs after start-up, some wait
// milliseconds for a worker (the program posted to a worker still busy or
// cold, or `true` run in a worker that is not ready), besides V8 not
// having optimized the engine's code yet.
// What it took: the kernel does runc's init work as the new process (no
// helper program, container-init.ts); records stat'ed synchronously; one
// shared accessor set for overlay inodes; small tmpfs files no longer take
// a 64 KiB chunk each; the init layer, the filtered resolv.conf and the
// host's resolv.conf kept between runs. Tried and left: nothing else in the
// engine costs over 0.1 ms; what remains is mostly kernel and worker
// hand-offs (posting the start message 0.3-0.4 ms in a run against 0.05 ms
// to a fresh worker, and the futex wake at exit), on the other helpers' side.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Benchmark, Measurement } from '../harness.ts';
import { median, nowNanoseconds } from '../baselines/statistics.ts';
import { dockerSetup } from '../../test/cli/docker-support.ts';
import { ensureDockerEngine } from '../../test/support/docker-engine.ts';

// Warm, as the issue words it: ten runs first (the same for the real
// runtimes), so that the pooled workers exist and V8 has optimised the
// engine's path. With two, the median of ten swung 2.7-8.3 ms on the quiet
// machine (a run that found a worker still busy or cold, code not yet
// optimised); the median of twenty after ten is the steady state.
const RUNS = 20;
const WARMUP = 10;

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
