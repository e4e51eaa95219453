// A command on a real Linux pseudo-terminal of its own, typed into as a user
// at a terminal would: test/tty/pty-session.py (python3's pty) waits for
// text, types keys and reports what the terminal showed and how the
// command ended. One sync entry (a session on its own) and one async entry
// (sessions that must run at the same time: two clients of one container).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('../tty/pty-session.py', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What to wait for on the screen, what to type, or how long to go on reading. */
export type PtyStep = { expect: string } | { send: string } | { pause: number };

export interface PtySession {
  /** Everything the terminal showed. */
  screen: string;
  /** The command's exit status (128+N for signal N). */
  status: number;
  /** Why the steps stopped (an expected text never came, the command did not exit), or null. */
  error: string | null;
}

export interface PtyOptions {
  env?: NodeJS.ProcessEnv;
  /** The whole session's limit (the driver's --timeout); 90 s unless told. */
  timeoutSeconds?: number;
}

let pythonChecked = false;

/** python3 runs the driver: a machine without it fails loudly, never skips. */
function requirePython(): void {
  if (pythonChecked) return;
  if (spawnSync('python3', ['--version']).status !== 0) {
    throw new Error('python3 is missing: install it (apt-get install python3)');
  }
  pythonChecked = true;
}

function driverArgs(command: string[], steps: PtyStep[], options: PtyOptions): string[] {
  const timeout = String(options.timeoutSeconds ?? 90);
  return [DRIVER, '--timeout', timeout, JSON.stringify(steps), ...command];
}

/** The driver's own limit, and a margin for Node to get its report. */
const processTimeoutMs = (options: PtyOptions) => ((options.timeoutSeconds ?? 90) + 30) * 1000;

function parsed(output: string): PtySession {
  try {
    return JSON.parse(output) as PtySession;
  } catch {
    throw new Error(`pty-session.py printed ${JSON.stringify(output)}`);
  }
}

/** Runs `command` on a pseudo-terminal, playing `steps`; returns once it is over. */
export function ptySession(
  command: string[],
  steps: PtyStep[],
  options: PtyOptions = {},
): PtySession {
  requirePython();
  const output = execFileSync('python3', driverArgs(command, steps, options), {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: processTimeoutMs(options),
    env: options.env ?? process.env,
  });
  return parsed(output);
}

/** As ptySession, without blocking: resolves once the session is over. */
export function ptySessionAsync(
  command: string[],
  steps: PtyStep[],
  options: PtyOptions = {},
): Promise<PtySession> {
  requirePython();
  return new Promise((resolve, reject) => {
    const child = spawn('python3', driverArgs(command, steps, options), {
      cwd: ROOT,
      env: options.env ?? process.env,
      timeout: processTimeoutMs(options),
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(parsed(out));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
