// The real-Linux side of the isolation scenarios: /bin/sh (dash) runs the
// scenario as root with util-linux, iproute2 and procps from Debian and the
// native nsprobe (build/native/nsprobe) in PATH, in a scratch directory that
// is unmounted and removed afterwards. Real namespaces need root: the test
// fails loudly when it does not run as root or a tool is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativePath } from '../support/programs.ts';
import type { RunResult } from './normalise.ts';
import { BASE_LABEL } from './normalise.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratchParent = join(root, 'build', 'scratch');
/**
 * Where scenarios get their scratch directories: outside /tmp, because the
 * same path is made on bocal, whose /tmp is a tmpfs of its own, and a bind
 * mount there would then show another filesystem type than on Linux (where
 * a checkout under /tmp, as CI's may be, sits on the root disk).
 */
const scenarioScratchParent = '/var/tmp/bocal-isolation';

/** The Debian packages the real side uses, by a program each provides. */
const packages: Record<string, string> = {
  unshare: 'util-linux',
  nsenter: 'util-linux',
  lsns: 'util-linux',
  ip: 'iproute2',
  ps: 'procps',
};

/** Installs what is missing (the test machine is Debian, run as root). */
export function ensureRealTools(): void {
  if (process.getuid?.() !== 0) throw new Error('the real-Linux side needs root (real namespaces)');
  for (const [program, pkg] of Object.entries(packages)) {
    const found = spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
    if (!found) execFileSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit' });
  }
}

/** A directory with `nsprobe` only, first in PATH. */
function probeBin(): string {
  const dir = join(scratchParent, 'isolation-bin');
  mkdirSync(dir, { recursive: true });
  const link = join(dir, 'nsprobe');
  if (!existsSync(link)) symlinkSync(nativePath('nsprobe'), link);
  return dir;
}

/** The shared libraries `binary` loads, from ldd. */
function librariesOf(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  return [...out.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]!);
}

/** Copies `file` to the same path under `tree`. */
function copyInto(tree: string, file: string, as = file): void {
  mkdirSync(dirname(join(tree, as)), { recursive: true });
  copyFileSync(file, join(tree, as));
}

/**
 * $S/root for the chroot scenarios: /bin/sh (dash) and /bin/nsprobe with
 * their libraries, no /proc, and two symlinks that try to leave it.
 */
function makeChrootTree(scratch: string): void {
  const tree = join(scratch, 'root');
  for (const dir of ['bin', 'lib', 'lib64']) mkdirSync(join(tree, dir), { recursive: true });
  copyInto(tree, '/bin/dash', '/bin/sh');
  copyInto(tree, nativePath('nsprobe'), '/bin/nsprobe');
  for (const lib of [...librariesOf('/bin/dash'), ...librariesOf(nativePath('nsprobe'))]) {
    copyInto(tree, lib);
  }
  symlinkSync('/../..', join(tree, 'escape'));
  symlinkSync('/proc/1/root', join(tree, 'procroot'));
}

/** Unmounts whatever a failed scenario left under `scratch`, deepest first. */
function unmountUnder(scratch: string): void {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => !!point && point.startsWith(scratch));
  for (const point of mounts.reverse()) spawnSync('umount', ['-l', point]);
}

export function newScratch(): string {
  mkdirSync(scenarioScratchParent, { recursive: true });
  return mkdtempSync(join(scenarioScratchParent, 'isolation-'));
}

/** The shell line both sides run: the base report, the cgroup flavour, the scenario. */
export function wrapped(script: string): string {
  return (
    `[ -e /sys/fs/cgroup/cgroup.controllers ] && CG_V2=yes || CG_V2=no; ` +
    `nsprobe ${BASE_LABEL}; ${script}`
  );
}

export function runReal(script: string, scratch: string, chrootTree: boolean): RunResult {
  if (chrootTree) makeChrootTree(scratch);
  try {
    const result = spawnSync('/bin/sh', ['-c', wrapped(script)], {
      cwd: scratch,
      env: {
        PATH: `${probeBin()}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        S: scratch,
        LC_ALL: 'C',
        HOME: '/root',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.error) throw result.error;
    return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
  } finally {
    unmountUnder(scratch);
    for (const cgroup of ['pids/nsprobe-pids', 'memory/nsprobe-mem']) {
      const dir = `/sys/fs/cgroup/${cgroup}`;
      if (existsSync(dir)) spawnSync('rmdir', [dir]);
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}
