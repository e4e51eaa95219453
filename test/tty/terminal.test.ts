// `bocal wasi` on a real terminal: a pseudo-terminal (python3's pty module)
// types at the program as a user would. Each transcript is compared with
// the same C program built natively and run on the same kind of terminal
// on Linux: what is echoed, what read() returns, ^D, ^C and exit status 130.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativePath, wasmPath } from '../support/programs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const driver = fileURLToPath(new URL('./pty-session.py', import.meta.url));
const bocal = `${root}bin/bocal.js`;

type Step = { expect: string } | { send: string };

interface Session {
  screen: string;
  status: number;
  error: string | null;
}

function python(): string {
  const found = spawnSync('python3', ['--version']);
  if (found.status !== 0)
    throw new Error('python3 is missing: install it (apt-get install python3)');
  return 'python3';
}

/** Runs `command` on a new pseudo-terminal, following `steps`. */
function session(steps: Step[], command: string[]): Session {
  const output = execFileSync(python(), [driver, JSON.stringify(steps), ...command], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(output) as Session;
}

/** The same steps on Linux (native build) and on bocal. */
function both(steps: Step[]): { linux: Session; bocal: Session } {
  return {
    linux: session(steps, [nativePath('tty_echo')]),
    bocal: session(steps, [bocal, 'wasi', wasmPath('tty_echo')]),
  };
}

describe('bocal wasi on a terminal', { timeout: 90_000 }, () => {
  it('echoes a typed line, edits it, delivers it to read(), and ends at ^D, as Linux', () => {
    const steps: Step[] = [
      { expect: '> ' },
      { send: 'helo\x7flo world\r' },
      { expect: '> ' },
      { send: 'partial\x04' },
      { expect: '> ' },
      { send: '\x04' },
    ];
    const { linux, bocal: ours } = both(steps);
    expect(linux.error).toBeNull();
    expect(ours.error).toBeNull();
    expect(ours.screen).toContain('isatty 1 1 1\r\n');
    expect(ours.screen).toContain('read 12: "hello world\\n"');
    expect(ours.screen).toContain('read 7: "partial"');
    expect(ours).toEqual(linux);
    expect(ours.status).toBe(0);
  });

  it('^C at a program blocked in read() kills it with SIGINT: exit status 130, as Linux', () => {
    // Waiting for the echo first: ^C flushes output, so Linux may drop an unread echo.
    const steps: Step[] = [{ expect: '> ' }, { send: 'abc' }, { expect: 'abc' }, { send: '\x03' }];
    const { linux, bocal: ours } = both(steps);
    expect(ours.error).toBeNull();
    expect(ours.status).toBe(130);
    expect(ours.screen.endsWith('> abc^C')).toBe(true);
    expect(ours).toEqual(linux);
  });

  it('gives the terminal back in its own mode when the program ends', () => {
    const script = `${bocal} wasi ${wasmPath('tty_echo')}; stty -a`;
    const ours = session([{ expect: '> ' }, { send: '\x04' }], ['sh', '-c', script]);
    expect(ours.error).toBeNull();
    const settings = ours.screen.slice(ours.screen.indexOf('eof'));
    for (const flag of ['icanon', 'echo', 'isig', 'opost', 'icrnl']) {
      expect(settings).toMatch(new RegExp(`(^|\\s)${flag}(\\s|$)`));
    }
  });
});
