// The WASI conformance suite: each C program under wasm/tests/wasi_*.c runs
// natively on Linux (the oracle) and under every WASI runner, each in a fresh
// scratch directory. Every run must exit as expected and print the same
// lines as Linux, except the known differences listed below, each with its
// reason. Lines starting with "wasi-only " exist only in WASI builds (there
// is no POSIX call to compare with): they must not report a failure.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  nativeRunner,
  nodeWasiRunner,
  type RunResult,
  type WasiRunner,
} from '../support/wasi-runners.ts';
import { bocalRunner } from '../support/bocal-runner.ts';
import { conformanceCases, type ConformanceCase } from '../support/conformance-cases.ts';
import { bocalHostfsRunner } from '../support/bocal-hostfs-runner.ts';

/** WASI runners under test; the bocal kernel's runner joins this list. */
const runners: WasiRunner[] = [nodeWasiRunner, bocalRunner, bocalHostfsRunner];

type Case = ConformanceCase;
const cases = conformanceCases;

/** `runner` is a runner name, or 'wasi' for every WASI runner (a wasi-libc trait). */
interface KnownDifference {
  runner: string;
  program: string;
  /** The check name: the text before ": " on the line. */
  check: string;
  reason: string;
}

const uvwasiTimes = 'uvwasi sets file times through libuv as float seconds, losing nanoseconds';
const uvwasiFlags = 'uvwasi fd_fdstat_get reports the fdflags given at open, not those set later';
const uvwasiDots = 'uvwasi lists a directory with scandir, which leaves out . and ..';
const uvwasiPoll = 'uvwasi poll_oneoff fails with EPERM for fd subscriptions on regular files';
const uvwasiSock = 'uvwasi checks socket rights before the file type, and has no sock_shutdown';

const knownDifferences: KnownDifference[] = [
  ...[
    'poll waited at least 30ms',
    'select waited at least 20ms',
    'it waited for the timeout',
    'wasi-only after its timeout',
  ].map(
    (check) => ({
      runner: 'node:wasi',
      program: 'wasi_poll',
      check,
      reason:
        "uvwasi's poll timers count whole milliseconds from libuv's cached loop time, so on a busy machine they can return up to a millisecond early",
    }),
  ),
  {
    runner: 'node:wasi',
    program: 'wasi_time',
    check: 'nanosleep slept at least 20ms',
    reason:
      "uvwasi sleeps through a libuv timer in whole milliseconds from the loop's cached time, so on a busy machine it can wake up to a millisecond early (seen twice in about ten full runs)",
  },
  ...[
    'atime set exactly',
    'mtime set exactly',
    'OMIT kept atime',
    'futimens atime exact',
    'futimens mtime exact',
    'futimens OMIT kept mtime',
  ].map((check) => ({ runner: 'node:wasi', program: 'wasi_files', check, reason: uvwasiTimes })),
  ...['F_GETFL shows O_APPEND', 'F_GETFL shows O_NONBLOCK'].map((check) => ({
    runner: 'node:wasi',
    program: 'wasi_files',
    check,
    reason: uvwasiFlags,
  })),
  {
    runner: 'node:wasi',
    program: 'wasi_files',
    check: 'read a directory fd',
    reason: 'uvwasi answers EBADF (no FD_READ right on a directory) where Linux says EISDIR',
  },
  {
    runner: 'node:wasi',
    program: 'wasi_files',
    check: 'ftruncate O_RDONLY fd',
    reason: 'uvwasi checks the FD_FILESTAT_SET_SIZE right first: ENOTCAPABLE, not EINVAL',
  },
  {
    runner: 'node:wasi',
    program: 'wasi_files',
    check: 'posix_fallocate zero length',
    reason: 'uvwasi fd_allocate accepts a zero length; Linux rejects it with EINVAL',
  },
  ...[
    'readdir sees . and ..',
    'entries from the telldir mark to the end',
    'fresh opendir sees the change',
    'empty directory lists . and ..',
  ].map((check) => ({ runner: 'node:wasi', program: 'wasi_dirs', check, reason: uvwasiDots })),
  {
    runner: 'wasi',
    program: 'wasi_dirs',
    check: 'rmdir dir/.',
    reason: 'wasi-libc resolves "dir/." to "dir" before path_remove_directory, so it succeeds',
  },
  ...[
    'readlink into a 3-byte buffer',
    'cut-off readlink has no NUL',
    'readlink into a 6-byte buffer',
  ].map((check) => ({
    runner: 'node:wasi',
    program: 'wasi_links',
    check,
    reason: 'uvwasi path_readlink fails with ENOBUFS instead of truncating the target',
  })),
  {
    runner: 'node:wasi',
    program: 'wasi_links',
    check: 'open O_NOFOLLOW on a symlink',
    reason: 'uvwasi path_open ignores a cleared symlink_follow lookup flag',
  },
  ...['symlink with ../ in target', "relative target resolves from the link's directory"].map(
    (check) => ({
      runner: 'node:wasi',
      program: 'wasi_links',
      check,
      reason: 'uvwasi refuses symlink targets with .. components even inside the preopen',
    }),
  ),
  {
    runner: 'wasi',
    program: 'wasi_time',
    check: 'nanosleep negative',
    reason: 'wasi-libc clock_nanosleep does not reject a negative tv_sec',
  },
  ...[
    'poll a regular file',
    'regular file is readable',
    'regular file is writable',
    'regular file is both',
    'poll a regular file at EOF',
    'file at EOF is still readable',
    'poll ignores a negative fd',
    'negative fd gets revents 0',
    'select a regular file',
    'select marks it readable and writable',
    'wasi-only poll_oneoff clock and readable file',
    'wasi-only file event comes first',
  ].map((check) => ({ runner: 'node:wasi', program: 'wasi_poll', check, reason: uvwasiPoll })),
  ...['poll a closed fd', 'closed fd gets POLLNVAL'].map((check) => ({
    runner: 'node:wasi',
    program: 'wasi_poll',
    check,
    reason: 'a closed fd makes the whole poll_oneoff fail under uvwasi, and wasi-libc reports 0',
  })),
  {
    runner: 'node:wasi',
    program: 'wasi_poll',
    check: 'wasi-only absolute deadline fires first',
    reason: 'uvwasi reads an absolute clock subscription as a relative timeout',
  },
  ...[
    'recv on a regular file',
    'send on a regular file',
    'shutdown a regular file',
    'accept on a regular file',
    'shutdown a closed fd',
  ].map((check) => ({ runner: 'node:wasi', program: 'wasi_proc', check, reason: uvwasiSock })),
  {
    runner: 'node:wasi',
    program: 'wasi_proc',
    check: 'wasi-only fd_prestat_get on stdout',
    reason: 'uvwasi answers EINVAL for a descriptor that is not a preopen; wasi-libc expects EBADF',
  },
  {
    runner: 'wasi',
    program: 'wasi_errno',
    check: 'open empty path ENOENT',
    reason: 'wasi-libc joins an empty path to the current directory, which then opens',
  },
  ...['read dir EISDIR', 'pread dir EISDIR'].map((check) => ({
    runner: 'node:wasi',
    program: 'wasi_errno',
    check,
    reason: 'uvwasi answers EBADF (no FD_READ right on a directory) where Linux says EISDIR',
  })),
  ...['ftruncate dir EINVAL', 'openat on a file fd ENOTDIR'].map((check) => ({
    runner: 'node:wasi',
    program: 'wasi_errno',
    check,
    reason: 'uvwasi checks rights before the file type: ENOTCAPABLE',
  })),
  {
    runner: 'wasi',
    program: 'wasi_errno',
    check: 'rmdir . EINVAL',
    reason:
      'wasi-libc resolves "." to the current directory by name, so rmdir sees the (non-empty) directory itself',
  },
  {
    runner: 'node:wasi',
    program: 'wasi_errno',
    check: 'open O_NOFOLLOW link ELOOP',
    reason: 'uvwasi path_open ignores a cleared symlink_follow lookup flag',
  },
];

/** Programs a runner cannot run at all, with the reason. */
const skipped: { runner: string; program: string; reason: string }[] = [
  {
    runner: 'node:wasi',
    program: 'wasi_abstime',
    reason: 'uvwasi reads an absolute deadline as a relative timeout: the sleep never ends',
  },
];

const appliesTo = (entry: { runner: string }, runner: WasiRunner): boolean =>
  entry.runner === runner.name || (entry.runner === 'wasi' && runner.wasi);

const checkName = (line: string): string => line.slice(0, Math.max(0, line.indexOf(': ')));

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function runIn(runner: WasiRunner, test: Case): Promise<RunResult & { lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), `bocal-${test.program}-`));
  scratchDirs.push(dir);
  const result = await runner.run(test.program, [dir, ...(test.args ?? [])], {
    dir,
    env: test.env,
    stdin: test.stdin,
  });
  const stdout = result.stdout.split(dir).join('<scratch>');
  return { ...result, stdout, lines: stdout.split('\n').filter((line) => line !== '') };
}

/** Compares one WASI run with the native run, known differences set aside. */
function compare(runner: WasiRunner, test: Case, native: RunResult & { lines: string[] }) {
  const known = new Set(
    knownDifferences
      .filter((d) => d.program === test.program && appliesTo(d, runner))
      .map((d) => d.check),
  );
  const keep = (line: string) => !known.has(checkName(line));
  return {
    expected: native.lines.filter(keep),
    comparable: (lines: string[]) => lines.filter((l) => keep(l) && !l.startsWith('wasi-only ')),
    knownFailing: (lines: string[]) =>
      lines.some((l) => l.includes(' -- expected ') && !keep(l)),
    keep,
  };
}

const title = (test: Case) => [test.program, ...(test.args ?? [])].join(' ');

describe.each(cases)('$program', (test) => {
  it(`${title(test)}: native run meets every expectation`, async () => {
    const native = await runIn(nativeRunner, test);
    expect(native.lines.filter((l) => l.includes(' -- expected '))).toEqual([]);
    expect(native.stderr.includes('setup ')).toBe(false);
    expect(native.status).toBe(test.status ?? 0);
    expect(native.lines.length).toBeGreaterThan(0);
  });

  for (const runner of runners) {
    const skip = skipped.find((s) => s.program === test.program && appliesTo(s, runner));
    const name = `${title(test)}: ${runner.name} prints what Linux prints`;
    if (skip) {
      it.skip(`${name} (${skip.reason})`, () => {});
      continue;
    }
    it(name, async () => {
      const [native, wasi] = await Promise.all([runIn(nativeRunner, test), runIn(runner, test)]);
      const { expected, comparable, knownFailing, keep } = compare(runner, test, native);
      expect(comparable(wasi.lines)).toEqual(expected);
      // WASI-only lines carry their own expectations.
      const unexpected = wasi.lines.filter((l) => l.includes(' -- expected ') && keep(l));
      expect(unexpected).toEqual([]);
      // A known difference that shows up makes the program exit 1.
      expect(wasi.status).toBe(knownFailing(wasi.lines) ? 1 : (test.status ?? 0));
      expect(wasi.stderr).toBe(native.stderr);
    });
  }
});
