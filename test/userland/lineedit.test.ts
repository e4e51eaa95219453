// The interactive shell's line editor (wasm/programs/box/lineedit*.c), typed
// into as a user would: on the bocal console, where keys go through the
// kernel's tty, and natively on a Linux pseudo-terminal
// (test/tty/pty-session.py), where Linux's line discipline is the one the
// editor sets to raw mode and gives back. What the commands print shows
// what the shell received. Each line is typed only after its prompt appears
// (the prompt shows once the terminal is in raw mode).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoxKernel, ENV, hostScratch, prepareHost, type ScratchEntry } from '../support/box.ts';
import { ConsoleSession, type ConsoleRun, type Step } from '../support/console-session.ts';
import { nativePath } from '../support/programs.ts';

const PROMPT = 'le$ ';
const ESC = '\x1b';
const LEFT = `${ESC}[D`;
const UP = `${ESC}[A`;
const DOWN = `${ESC}[B`;
const HOME = `${ESC}[H`;
const END = `${ESC}[F`;
const DELETE = `${ESC}[3~`;
const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) & 0x1f);

/** Types `keys` at a prompt and waits for what the command prints, then the next prompt. */
const line = (keys: string, output: string): Step[] => [
  { send: keys },
  { expect: output },
  { expect: PROMPT },
];

const APPLETS = ['sh', 'cat', 'echo', 'ls', 'sed', 'seq', 'stty', 'uname', 'grep'];
const FILES: ScratchEntry[] = [
  { file: 'beta.txt', content: 'beta contents\n' },
  { file: 'alpha-file.txt', content: 'a\n' },
  { file: 'alpine/inner.txt', content: 'inner\n' },
  { dir: 'home' },
];

/** Where the shell runs: started in `dir`, typed into, its files read back. */
interface Terminal {
  dir: string;
  start(): Promise<void>;
  run(argv: string[], steps: Step[], env: Record<string, string>): Promise<ConsoleRun>;
  read(path: string): Promise<string>;
  stop(): Promise<void>;
}

function bocalConsole(): Terminal {
  const box = new BoxKernel();
  let session: ConsoleSession;
  return {
    dir: '',
    async start() {
      await box.install(APPLETS);
      this.dir = hostScratch();
      await box.prepare(this.dir, FILES);
      session = new ConsoleSession(box);
    },
    run(argv, steps, env) {
      return session.run(argv, this.dir, steps, env);
    },
    async read(path) {
      return (await box.run(['cat', path], this.dir)).stdout;
    },
    async stop() {
      await box.shutdown();
      rmSync(this.dir, { recursive: true, force: true });
    },
  };
}

/** The native build on a Linux pty, with the same applets alone on its PATH. */
function linuxPty(): Terminal {
  let bin = '';
  return {
    dir: '',
    start() {
      this.dir = hostScratch();
      prepareHost(this.dir, FILES);
      bin = hostScratch();
      for (const name of APPLETS) symlinkSync(nativePath('box'), join(bin, name));
      mkdirSync(join(this.dir, 'home'), { recursive: true });
      return Promise.resolve();
    },
    run(argv, steps, env) {
      const driver = fileURLToPath(new URL('../tty/pty-session.py', import.meta.url));
      const output = spawnSync('/usr/bin/python3', [driver, JSON.stringify(steps), ...argv], {
        cwd: this.dir,
        encoding: 'utf8',
        env: { ...ENV, ...env, PATH: bin },
        timeout: 60_000,
      });
      if (output.error) throw output.error;
      const session = JSON.parse(output.stdout) as ConsoleRun & { error: string | null };
      if (session.error)
        throw new Error(
          `${session.error}; the terminal showed:\n${JSON.stringify(session.screen)}`,
        );
      return Promise.resolve({ screen: session.screen, status: session.status });
    },
    read(path) {
      return Promise.resolve(readFileSync(path, 'utf8'));
    },
    stop() {
      rmSync(this.dir, { recursive: true, force: true });
      rmSync(bin, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

describe.each([
  ['on the bocal console', bocalConsole],
  ['natively on a Linux pty', linuxPty],
])('sh line editing %s', { timeout: 120_000 }, (_where, make) => {
  const terminal = make();
  let dir = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    await terminal.start();
    dir = terminal.dir;
    env = { PS1: PROMPT, HOME: `${dir}/home` };
  });
  afterAll(async () => {
    await terminal.stop();
  });

  const shell = (steps: Step[], extra: Record<string, string> = {}) =>
    terminal.run(['sh'], [{ expect: PROMPT }, ...steps], { ...env, ...extra });

  it('moves the cursor and edits: ^A ^E ^B ^F, arrows, Home/End, Backspace, Delete, ^D, ^K ^U ^W ^Y', async () => {
    const run = await shell([
      // Insert at the start and in the middle.
      ...line(`cho wrld${ctrl('A')}e${ctrl('E')}${LEFT}${LEFT}${LEFT}o\r`, '\r\nworld\r\n'),
      ...line(`echo 123${ctrl('B')}${ctrl('B')}${ctrl('D')}\r`, '\r\n13\r\n'),
      ...line(`echo abcd\x7f\x7fXY\r`, '\r\nabXY\r\n'),
      ...line(`xecho home${HOME}${DELETE}${END} end\r`, '\r\nhome end\r\n'),
      ...line(`echo one two three${ctrl('W')}${ctrl('W')}four\r`, '\r\none four\r\n'),
      ...line(`echo keep gone${LEFT.repeat(4)}${ctrl('K')}kept\r`, '\r\nkeep kept\r\n'),
      ...line(
        `garbage${ctrl('U')}echo clean${ctrl('A')}${ctrl('F')}${ctrl('F')}${ctrl('F')}${ctrl('F')}${ctrl('F')}${ctrl('K')}${ctrl('Y')}${ctrl('Y')}\r`,
        '\r\ncleanclean\r\n',
      ),
      { send: ctrl('D') },
    ]);
    expect(run.status).toBe(0);
    // Nothing but the edited lines ran.
    expect(run.screen).not.toMatch(/not found/);
  });

  it('keeps multi-byte UTF-8 characters whole when moving and deleting', async () => {
    const run = await shell([
      ...line(`echo héllo${ctrl('B').repeat(4)}${ctrl('D')}ü\r`, '\r\nhüllo\r\n'),
      ...line(`echo 日本語${ctrl('B')}\x7f\r`, '\r\n日語\r\n'),
      { send: 'exit\r' },
    ]);
    expect(run.status).toBe(0);
  });

  it('^C abandons the line and prompts again; the shell lives on', async () => {
    const run = await shell([
      { send: 'echo abandoned' },
      { expect: 'echo abandoned' },
      { send: ctrl('C') },
      { expect: `^C\r\n${PROMPT}` },
      ...line('echo after\r', '\r\nafter\r\n'),
      { send: 'exit 3\r' },
    ]);
    expect(run.status).toBe(3);
    expect(run.screen).not.toContain('\r\nabandoned\r\n');
  });

  it('runs commands with the terminal as it was before the line was edited', async () => {
    // stty lists the settings that differ from sane ones: before the
    // interactive shell starts, and from a command typed into it.
    const run = await terminal.run(
      ['sh', '-c', 'stty; echo ===; exec sh'],
      [{ expect: PROMPT }, ...line('stty; echo ===\r', '===\r\n'), { send: 'exit\r' }],
      env,
    );
    const before = run.screen.slice(0, run.screen.indexOf('===\r\n'));
    const typed = run.screen.indexOf('stty; echo ===\r\n');
    const during = run.screen.slice(
      typed + 'stty; echo ===\r\n'.length,
      run.screen.lastIndexOf('===\r\n'),
    );
    expect(during).toBe(before);
    expect(during).not.toMatch(/-icanon|-echo\b|-isig|-icrnl/);
  });

  it('recalls history with up/down and ^P/^N, and keeps it in $HISTFILE for the next shell', async () => {
    const histfile = `${dir}/home/history`;
    const first = await shell(
      [
        ...line('echo first\r', '\r\nfirst\r\n'),
        ...line('echo second\r', '\r\nsecond\r\n'),
        ...line(`${UP}${UP}\r`, '\r\nfirst\r\n'),
        // Up twice, down once: "first" was just added, so the one before it is "second".
        ...line(`${ctrl('P')}${ctrl('P')}${ctrl('N')}\r`, '\r\nfirst\r\n'),
        // Down past the newest gives the line being typed back.
        ...line(`echo draft${UP}${DOWN}\r`, '\r\ndraft\r\n'),
        { send: 'exit\r' },
      ],
      { HISTFILE: histfile },
    );
    expect(first.status).toBe(0);
    const file = await terminal.read(histfile);
    expect(file).toBe('echo first\necho second\necho first\necho draft\nexit\n');
    // A new shell starts from the file: up shows the last line before its own.
    const second = await shell([...line(`${UP}${UP}\r`, '\r\ndraft\r\n'), { send: 'exit\r' }], {
      HISTFILE: histfile,
    });
    expect(second.status).toBe(0);
  });

  it('keeps history in ~/.ash_history by default, as busybox ash', async () => {
    await shell([...line('echo remembered\r', '\r\nremembered\r\n'), { send: 'exit\r' }]);
    const file = await terminal.read(`${dir}/home/.ash_history`);
    expect(file).toContain('echo remembered\n');
  });

  it('^R searches the history backwards as the user types', async () => {
    const run = await shell([
      ...line('echo alpha\r', '\r\nalpha\r\n'),
      ...line('echo beta\r', '\r\nbeta\r\n'),
      ...line('echo alps\r', '\r\nalps\r\n'),
      { send: `${ctrl('R')}al` },
      { expect: "(reverse-i-search)`al': echo alps" },
      // ^R again: the older match.
      { send: `${ctrl('R')}` },
      { expect: "(reverse-i-search)`al': echo alpha" },
      ...line('\r', '\r\nalpha\r\n'),
      // A key other than Enter ends the search and edits the found line.
      { send: `${ctrl('R')}bet` },
      { expect: "(reverse-i-search)`bet': echo beta" },
      ...line(`${ctrl('E')}ter\r`, '\r\nbetater\r\n'),
      { send: `${ctrl('R')}zzz` },
      { expect: "(failed reverse-i-search)`zzz'" },
      { send: ctrl('G') },
      { send: ctrl('C') },
      { expect: PROMPT },
      { send: 'exit\r' },
    ]);
    expect(run.status).toBe(0);
  });

  it('completes command names and paths with Tab; a second Tab lists the matches', async () => {
    const run = await shell([
      // One command: completed with a space.
      ...line('unam\t\r', '\r\nLinux\r\n'),
      // Several (the builtin set, the programs sed and seq): a second Tab lists them.
      { send: 'se\t\t' },
      { expect: 'sed  seq  set\r\n' },
      { expect: `${PROMPT}se` },
      { send: ctrl('U') },
      // One file: completed with a space.
      ...line('cat be\t\r', '\r\nbeta contents\r\n'),
      // A shared prefix, then a listing, then a directory gets its slash.
      { send: 'ls al\t' },
      { expect: 'ls alp' },
      { send: '\t' },
      { expect: 'alpha-file.txt  alpine/\r\n' },
      { send: 'i\t' },
      { expect: 'ls alpine/' },
      ...line('\t\r', '\r\nalpine/inner.txt\r\n'),
      { send: 'exit\r' },
    ]);
    expect(run.status).toBe(0);
  });

  it('completes function and alias names as commands, as bash and busybox ash', async () => {
    const run = await shell([
      { send: "sayhello() { echo hello; }; alias sayalias='echo aliased'\r" },
      { expect: `\r\n${PROMPT}` },
      ...line('sayh\t\r', '\r\nhello\r\n'),
      ...line('saya\t\r', '\r\naliased\r\n'),
      { send: 'say\t\t' },
      { expect: 'sayalias  sayhello\r\n' },
      { expect: `${PROMPT}say` },
      { send: ctrl('U') },
      { send: 'exit\r' },
    ]);
    expect(run.status).toBe(0);
  });

  it('wraps a line longer than the terminal and edits it across rows', async () => {
    const long = 'x'.repeat(90);
    const run = await shell([
      // 4 + 5 + 90 columns: the text wraps once on an 80-column console.
      ...line(
        `echo ${long}${ctrl('A')}${ctrl('F').repeat(5)}y${ctrl('E')}z\r`,
        `\r\ny${long}z\r\n`,
      ),
      { send: 'exit\r' },
    ]);
    expect(run.status).toBe(0);
    // Moving to the start of the wrapped line goes up a row.
    expect(run.screen).toContain(`${ESC}[1A\r${PROMPT}echo`);
  });
});

describe('sh line editing on a console that is resized', { timeout: 120_000 }, () => {
  const box = new BoxKernel();
  let dir = '';
  beforeAll(async () => {
    await box.install(APPLETS);
    dir = hostScratch();
    await box.prepare(dir, FILES);
  });
  afterAll(async () => {
    await box.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the line again at the new width on SIGWINCH', async () => {
    const text = `echo ${'x'.repeat(60)}`;
    const run = await new ConsoleSession(box).run(
      ['sh'],
      dir,
      [
        { expect: PROMPT },
        { send: text },
        { expect: text },
        // 4 + 65 columns: one row at 80; at 40, the end is on the second row, column 29.
        { resize: { rows: 24, columns: 40 } },
        { expect: `\r${PROMPT}${text}${ESC}[J\r${ESC}[29C` },
        { send: '\r' },
        { expect: `\r\n${'x'.repeat(60)}\r\n` },
        { expect: PROMPT },
        { send: 'exit\r' },
      ],
      { PS1: PROMPT, HOME: `${dir}/home` },
    );
    expect(run.status).toBe(0);
  });
});
