// namespaces.*: creating and entering namespaces with box's unshare and
// nsenter on bocal, against util-linux's on the real Linux kernel of the
// same machine, in the same run (issue #5: "no slower than real Linux").
//   namespaces.unshare-all       unshare -p -f -m -u -i -n --mount-proc true
//   namespaces.create-KIND       unshare -FLAG true (-f too for pid and time)
//   namespaces.enter-KIND        nsenter -t P --KIND=/proc/P/ns/LINK true, P an
//                                `unshare -FLAG -f sleep` started beforehand (`-r` for user)
// Each value is the median time from spawn to exit status. On bocal the
// kernel is warm (pooled workers, compiled box) and the command is spawned
// from init; on Linux the command (see timeOnLinux)
// is run by dash in a loop, so each run costs a fork and exec from a shell).
// The real side needs root, as the isolation tests do.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Benchmark, Measurement } from '../harness.ts';
import { median, nowNanoseconds } from '../baselines/statistics.ts';
import { builtWasm } from '../baselines/programs.ts';
import { withBenchKernel, type BenchKernel } from '../kernel-support/bench-kernel.ts';
import * as vfs from '../../src/kernel/fs/vfs/create.ts';
import { vfsContext } from '../../src/kernel/syscalls/fs-context.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';

const RUNS = 15;
const WARMUP = 3;
const APPLETS = ['unshare', 'nsenter', 'true', 'sleep', 'sh'];

interface Kind {
  name: string;
  flag: string;
  /** The /proc/P/ns entry nsenter enters (pid and time: the target's children's). */
  link: string;
}

const kinds: Kind[] = [
  { name: 'mnt', flag: '-m', link: 'mnt' },
  { name: 'uts', flag: '-u', link: 'uts' },
  { name: 'ipc', flag: '-i', link: 'ipc' },
  { name: 'net', flag: '-n', link: 'net' },
  { name: 'pid', flag: '-p', link: 'pid_for_children' },
  { name: 'user', flag: '-U', link: 'user' },
  { name: 'cgroup', flag: '-C', link: 'cgroup' },
  { name: 'time', flag: '-T', link: 'time_for_children' },
];

/**
 * How the target is started: with a child for pid and time (whose
 * namespaces are the children's); a user namespace with root mapped, so
 * nsenter may become root there, and no child (none is needed to write
 * the map).
 */
const targetFlags = (kind: Kind) => (kind.name === 'user' ? ['-r'] : [kind.flag, '-f']);

/** nsenter's long option for a kind (its --mount is unshare's -m). */
const enterOption = (kind: Kind) => (kind.name === 'mnt' ? 'mount' : kind.name);

async function installBox(bench: BenchKernel): Promise<void> {
  const init = bench.kernel.init;
  makeDirectories(init, '/bin');
  await writeFile(init, '/bin/box', readFileSync(builtWasm('box')), 0o755);
  for (const name of APPLETS) vfs.symlink(vfsContext(init), 'box', init.root, `/bin/${name}`);
}

/** Runs /bin/argv[0] on bocal to its end; its shell status. */
async function runOnBocal(bench: BenchKernel, argv: string[]): Promise<number> {
  const fds = new Map([
    [1, bench.discard()],
    [2, bench.discard()],
  ]);
  const spawned = await bench.kernel.spawn({
    program: { path: `/bin/${argv[0]}` },
    argv,
    fds,
    env: ['PATH=/bin'],
  });
  return bench.waitFor(spawned);
}

async function timeRuns(run: () => Promise<number> | number, what: string): Promise<number> {
  const samples: number[] = [];
  for (let i = -WARMUP; i < RUNS; i++) {
    const start = nowNanoseconds();
    const status = await run();
    const duration = nowNanoseconds() - start;
    if (status !== 0) throw new Error(`${what} exited with ${status}`);
    if (i >= 0) samples.push(duration);
  }
  return median(samples) / 1e6;
}

/**
 * Median ms of one run of `argv` on Linux: dash runs it RUNS times in a loop
 * (a fork and exec each, as bocal spawns from init), timed as a whole;
 * spawning each run from Node would add Node's own fork cost (~20 ms here).
 */
function timeOnLinux(argv: string[]): number {
  const quoted = argv.map((a) => `'${a}'`).join(' ');
  const loop = `i=0; while [ $i -lt ${RUNS} ]; do ${quoted} || exit 1; i=$((i+1)); done`;
  const samples: number[] = [];
  for (let round = -1; round < 5; round++) {
    const start = nowNanoseconds();
    const result = spawnSync('/bin/sh', ['-c', loop], { stdio: 'ignore' });
    const duration = nowNanoseconds() - start;
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${argv.join(' ')} failed on Linux`);
    if (round >= 0) samples.push(duration / RUNS);
  }
  return median(samples) / 1e6;
}

/** Median ms of `argv` on bocal; for `kind`, with the pid of a target in new namespaces. */
function measureBocal(argv: (target: number) => string[], kind?: Kind): Promise<Measurement> {
  return withBenchKernel(async (bench) => {
    await installBox(bench);
    let target = 0;
    if (kind) {
      const spawned = await bench.kernel.spawn({
        program: { path: '/bin/unshare' },
        argv: ['unshare', ...targetFlags(kind), 'sleep', '1000'],
        fds: new Map([
          [1, bench.discard()],
          [2, bench.discard()],
        ]),
        env: ['PATH=/bin'],
      });
      target = spawned.process.pid;
      // Its namespaces exist once unshare has run: wait for the child to start.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The target goes with the kernel, which withBenchKernel shuts down.
    const line = argv(target);
    return { value: await timeRuns(() => runOnBocal(bench, line), line.join(' ')), unit: 'ms' };
  });
}

async function measureLinux(argv: (target: number) => string[], kind?: Kind): Promise<Measurement> {
  // --kill-child: the sleeping child dies with unshare when the bench is done.
  const child = kind
    ? spawn('unshare', ['--kill-child', ...targetFlags(kind), 'sleep', '1000'], {
        stdio: 'ignore',
      })
    : undefined;
  try {
    if (child) await new Promise((resolve) => setTimeout(resolve, 200));
    return { value: timeOnLinux(argv(child?.pid ?? 0)), unit: 'ms' };
  } finally {
    child?.kill('SIGKILL');
  }
}

function benchmark(name: string, argv: (target: number) => string[], kind?: Kind): Benchmark {
  return {
    name,
    baseline: 'the same command on real Linux (util-linux)',
    measure: () => measureBocal(argv, kind),
    measureBaseline: () => measureLinux(argv, kind),
  };
}

export const namespacesUnshareAll = benchmark('namespaces.unshare-all', () =>
  'unshare -p -f -m -u -i -n --mount-proc true'.split(' '),
);

export const namespacesCreate: Benchmark[] = kinds.map((kind) =>
  benchmark(`namespaces.create-${kind.name}`, () =>
    kind.name === 'pid' || kind.name === 'time'
      ? ['unshare', kind.flag, '-f', 'true']
      : ['unshare', kind.flag, 'true'],
  ),
);

export const namespacesEnter: Benchmark[] = kinds.map((kind) =>
  benchmark(
    `namespaces.enter-${kind.name}`,
    (target) => [
      'nsenter',
      '-t',
      String(target),
      `--${enterOption(kind)}=/proc/${target}/ns/${kind.link}`,
      'true',
    ],
    kind,
  ),
);
