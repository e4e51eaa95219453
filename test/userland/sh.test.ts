// The shell (wasm/programs/box/sh*.c) against Debian's dash: every case of
// sh-cases.ts runs with dash on Linux (the reference), with our shell built
// natively, and with our shell as the box binary's sh applet on the bocal
// kernel; stdout, stderr and status must match dash's (or, for a case
// marked `reference: 'bash'`, those of bash in POSIX mode, where dash is not
// POSIX: dash reads a script on a pipe in blocks, so a `read` in it never
// sees the script's next lines).
import { capturedStdio } from '../support/captured-stdio.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '../../src/kernel/kernel.ts';
import { makeDirectories, writeFile } from '../../src/kernel/boot/kernel-files.ts';
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import { createNodeProcessHost } from '../../src/platform/node/process-host.ts';
import { nativePath, wasmPath } from '../support/programs.ts';
import { shellCases, type ShellCase } from './sh-cases.ts';

interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

const dash = '/usr/bin/dash';
const bash = '/usr/bin/bash';
/** The applets the cases use as external programs, besides sh. */
const applets = [
  'cat',
  'wc',
  'head',
  'tail',
  'printf',
  'rm',
  'mkdir',
  'ls',
  'touch',
  'kill',
  'sleep',
];

const root = mkdtempSync(join(tmpdir(), 'bocal-sh-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A bin directory whose `sh` is the given program, ahead of /usr/bin. */
function binDir(name: string, shell: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  symlinkSync(shell, join(dir, 'sh'));
  return dir;
}

/** The shell's arguments: the case's options, then -c SCRIPT ARGS unless
 * the script comes on stdin. */
const shellArgs = (c: ShellCase): string[] => [
  ...(c.options ?? []),
  ...(c.script === '' ? [] : ['-c', c.script, ...(c.args ?? [])]),
];

let caseNumber = 0;
function runNative(bin: string, c: ShellCase): Outcome {
  const dir = join(root, `case-${caseNumber++}`);
  mkdirSync(dir);
  const result = spawnSync(join(bin, 'sh'), shellArgs(c), {
    argv0: 'sh',
    cwd: dir,
    input: c.stdin ?? '',
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: '/home/student' },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
}

let kernel: Kernel;
async function runBocal(c: ShellCase): Promise<Outcome> {
  const dir = `/tmp/case-${caseNumber++}`;
  makeDirectories(kernel.init, dir);
  const stdio = capturedStdio(c.stdin);
  const fds = stdio.fds;
  const args = shellArgs(c);
  const { process, exited } = await kernel.spawn({
    program: { path: '/bin/sh' },
    argv: ['sh', ...args],
    env: ['PATH=/bin', 'HOME=/home/student'],
    fds,
    cwd: dir,
  });
  const timer = setTimeout(() => sendSignal(kernel.processes, process, Signal.SIGKILL), 10_000);
  const status = shellExitCode(await exited);
  clearTimeout(timer);
  return { stdout: stdio.stdout(), stderr: stdio.stderr(), status };
}

/** dash's "sh: 1: " becomes "sh: " (the message format), for any $0. */
const normalize = (o: Outcome): Outcome => ({
  ...o,
  stderr: o.stderr
    .replace(/^[^:\n]+: \d+: can't access tty; job control turned off\n/m, '')
    .replace(/^([^:\n]+): \d+: /gm, '$1: '),
});

function expectSame(actual: Outcome, reference: Outcome, c: ShellCase) {
  if (c.syntax) {
    expect(actual.status).toBe(reference.status);
    expect(actual.stdout).toBe(reference.stdout);
    expect(reference.stderr).toMatch(/Syntax error/);
    // An interactive shell's prompt may come first on the line.
    expect(actual.stderr).toMatch(/^(?:[#$] )*sh: line \d+: syntax error: /m);
    return;
  }
  expect(normalize(actual)).toEqual(normalize(reference));
}

let dashBin = '';
let nativeBin = '';
let bashBin = '';
const reference = (c: ShellCase): Outcome =>
  runNative(c.reference === 'bash' ? bashBin : dashBin, c);
beforeAll(async () => {
  if (!existsSync(dash)) throw new Error(`${dash} is missing: apt-get install dash`);
  const box = nativePath('box');
  const wasm = wasmPath('box');
  for (const file of [box, wasm])
    if (!existsSync(file))
      throw new Error(`${file} is missing: npm run build:wasm && npm run build:native`);
  if (!existsSync(bash)) throw new Error(`${bash} is missing: apt-get install bash`);
  dashBin = binDir('dash-bin', dash);
  bashBin = binDir('bash-bin', bash);
  nativeBin = binDir('native-bin', box);
  kernel = new Kernel(createNodeProcessHost(2));
  makeDirectories(kernel.init, '/bin');
  makeDirectories(kernel.init, '/tmp');
  makeDirectories(kernel.init, '/home/student');
  const bytes = readFileSync(wasm);
  for (const name of ['sh', ...applets]) await writeFile(kernel.init, `/bin/${name}`, bytes, 0o755);
});
afterAll(async () => kernel?.shutdown());

describe('sh', () => {
  describe.each(shellCases)('$name', (c) => {
    it('natively, as the reference shell does', () => {
      expectSame(runNative(nativeBin, c), reference(c), c);
    });
    it('on bocal, as the reference shell does', async () => {
      expectSame(await runBocal(c), reference(c), c);
    }, 15_000);
  });
});
