// vi (wasm/programs/box/vi*.c) against Debian's vim: the same keys are typed
// into our vi on the bocal console and into vim (-u NONE -N: no vimrc, not
// vi-compatible; in UTF-8, and Backspace joining lines as vim's defaults.vim
// and busybox vi have it) on a Linux pseudo-terminal (test/tty/pty-session.py),
// each on the same starting file; the files they leave and the messages they
// show (vim's wording: "f" 2L, 24B written, E37 ...) must be the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoxKernel, ENV, hostScratch } from '../support/box.ts';
import { ConsoleSession } from '../support/console-session.ts';

const VIM = '/usr/bin/vim';
const ESC = '\x1b';

interface Scenario {
  name: string;
  /** The file before (undefined: it does not exist). */
  before?: string;
  /** Keys, typed one piece after another. */
  keys: string[];
  /** Messages both editors show. */
  messages?: string[];
  /** Another file the keys write, compared too. */
  other?: string;
}

const scenarios: Scenario[] = [
  {
    name: 'creates a file: insert, Enter, ESC, :wq',
    keys: ['ihello world\rsecond line', ESC, ':wq\r'],
    messages: ['"notes.txt" [New]', '"notes.txt" [New] 2L, 24B written'],
  },
  {
    name: 'reopens a file, dd, :wq',
    before: 'one\ntwo\nthree\n',
    keys: ['jdd', ':wq\r'],
    messages: ['"notes.txt" 3L, 14B', '"notes.txt" 2L, 10B written'],
  },
  {
    name: 'refuses :q on a modified buffer; :q! leaves the file as it was',
    before: 'keep\nthis\n',
    keys: ['ddx', ':q\r', ':q!\r'],
    messages: ['E37: No write since last change (add ! to override)'],
  },
  {
    name: 'motions and changes: w dw j 0 x $ G yy p A gg / D u e a b i',
    before: 'alpha beta gamma\ndelta epsilon\nzeta\n',
    keys: [
      'wdw',
      'j0x$x',
      'Gyyp',
      'ggA!',
      ESC,
      '/zet\r',
      'D',
      'u',
      ':2\r',
      'ea+',
      ESC,
      'bi-',
      ESC,
      ':wq\r',
    ],
  },
  {
    name: 'searches wrap around with n and N; r replaces',
    before: 'x foo\nbar\nfoo y\nbaz\n',
    keys: ['G/foo\r', 'rF', 'n', 'rG', 'N', 'x', ':wq\r'],
    messages: ['search hit BOTTOM, continuing at TOP'],
  },
  {
    name: 'counts, p P J X o and 3G, ZZ',
    before: 'abcdef\n123\n456\n789\n',
    keys: ['3xp', 'jyyP', 'kJ', 'X', 'oline', ESC, '3Gdd', '2x', '$P', 'ZZ'],
  },
  {
    name: ':w FILE writes another file; :q! leaves the buffer',
    before: 'first\n',
    keys: ['Aand more', ESC, ':w other.txt\r', ':q!\r'],
    other: 'other.txt',
    messages: ['"other.txt" [New] 1L, 14B written'],
  },
  {
    name: 'Backspace joins lines in insert mode; x on a multi-byte character',
    before: 'héllo\nwörld\n',
    keys: ['jI', '\x7f', ESC, '0lx', ':x\r'],
  },
  {
    name: '. repeats the last change: an insert, x, dd, with counts',
    before: 'a1\nb2\nc3\nd4\ne5\nf6\n',
    keys: ['A!', ESC, 'j', '.', 'x', 'j', '.', '2dd', '.', 'k', 'ox', ESC, 'k', '.', ':wq\r'],
  },
  {
    name: 'a file with NUL bytes and no last newline is written back whole',
    before: 'a\0b\nc\0\0d',
    keys: ['A!', ESC, ':wq\r'],
    messages: ['"notes.txt" [noeol] 2L, 8B', '"notes.txt" 2L, 10B written'],
  },
];

function ensureVim(): void {
  if (existsSync(VIM)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=240'];
  execFileSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'pipe', env, timeout: 300_000 });
  execFileSync('apt-get', [...lock, 'install', '-y', '-qq', 'vim'], {
    stdio: 'pipe',
    env,
    timeout: 300_000,
  });
  if (!existsSync(VIM)) throw new Error('vim is missing: apt-get install vim');
}

/** vim on a Linux pty in `dir`, typing `keys`; what it showed. */
function vimSession(dir: string, keys: string[]): string {
  const driver = fileURLToPath(new URL('../tty/pty-session.py', import.meta.url));
  const steps = [{ expect: 'notes.txt' }, ...keys.map((send) => ({ send }))];
  const output = spawnSync(
    'python3',
    [
      driver,
      JSON.stringify(steps),
      VIM,
      ...['-u', 'NONE', '-N', '-i', 'NONE', '--cmd', 'set backspace=indent,eol,start'],
      'notes.txt',
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...ENV, LC_ALL: 'C.UTF-8', TERM: 'xterm' },
      timeout: 60_000,
    },
  );
  const session = JSON.parse(output.stdout) as { screen: string; error: string | null };
  if (session.error) throw new Error(`vim: ${session.error}:\n${session.screen}`);
  return session.screen;
}

describe('vi on the console, against vim on a Linux pty', { timeout: 120_000 }, () => {
  const box = new BoxKernel();
  let session: ConsoleSession;
  const dirs: string[] = [];

  beforeAll(async () => {
    ensureVim();
    await box.install(['vi', 'sh', 'cat']);
    session = new ConsoleSession(box);
  });
  afterAll(async () => {
    await box.shutdown();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const linux = hostScratch();
      const ours = hostScratch();
      dirs.push(linux, ours);
      const entries =
        scenario.before === undefined ? [] : [{ file: 'notes.txt', content: scenario.before }];
      if (scenario.before !== undefined) writeFileSync(join(linux, 'notes.txt'), scenario.before);
      await box.prepare(ours, entries);

      const vimScreen = vimSession(linux, scenario.keys);
      const run = await session.run(
        ['vi', 'notes.txt'],
        ours,
        [{ expect: 'notes.txt' }, ...scenario.keys.map((send) => ({ send }))],
        { TERM: 'xterm' },
      );
      expect(run.status).toBe(0);

      const read = async (name: string) => {
        const result = await box.run(['cat', name], ours);
        return result.status === 0 ? result.stdout : undefined;
      };
      const linuxFile = (name: string) =>
        existsSync(join(linux, name)) ? readFileSync(join(linux, name), 'utf8') : undefined;
      expect(await read('notes.txt')).toBe(linuxFile('notes.txt'));
      if (scenario.other) expect(await read(scenario.other)).toBe(linuxFile(scenario.other));
      for (const message of scenario.messages ?? []) {
        expect(vimScreen, 'vim').toContain(message);
        expect(run.screen, 'our vi').toContain(message);
      }
      // The terminal is given back: the alternate screen is left.
      expect(run.screen.endsWith('\x1b[?1049l')).toBe(true);
    });
  }
});
