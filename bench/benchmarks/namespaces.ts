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
//
// Where unshare-all's time went, and what was done (session of 2026-11-28,
// machine loaded by other work, load average 6-10 on 2 cores; Linux's side
// measured 3.2-15 ms in the same runs, so ratios moved with the load):
// the two program starts (unshare, then `true`) were most of it. Each
// started with four round trips made before main (MEMORY_REPORT,
// ROOT_PREOPEN, wasi-libc's fd_prestat_get(3), GETCWD), about 0.1 ms each
// because the kernel had gone back to its event loop between them; a new
// 1.3 MiB syscall channel (allocation and first-touch page faults, about
// 0.15 ms); instantiating box in the worker (0.15-0.2 ms); and the start
// message through the worker's event loop (0.1-0.3 ms). Now the worker
// answers those four calls from facts in the start message and side words
// of the channel (worker/startup-answers.ts, exec/program-runner.ts),
// channels are reused (exec/channel-pool.ts), an idle worker instantiates
// the program it ran again, bound to its channel (worker/program-instance.ts),
// and a start for it is rung on a futex with the start written into that
// channel (worker/start-bell.ts). Median of 100 runs in one process, the
// previous code and this alternating 5 times: 3.5-6.6 ms before, 2.45-2.86 ms
// after (one outlier 4.8); fastest run 2.2-2.4 ms before, 1.3-1.7 ms after.
// What is left: the kernel's work for the spawns (about 0.2 ms each: fork,
// namespaces, the proc mount, finding the program), the wasm before main
// (about 0.1 ms), waking the worker's thread (0.1-0.3 ms loaded), and the
// exits (about 0.3 ms). Tried on the way: pairing a worker with its
// channel by taking both last-given-back first missed a third of the time
// under load (a program started before the previous one's worker had
// finished), so the host now names the channel its next worker used
// (ProcessHost.preferredChannel); a start posted while the worker is
// still making its next instance waits for it (0.3-1 ms loaded), which
// the bell does not fix: about one start in ten still goes that way.
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
