// Programs on the bocal kernel's console driven like a user at a terminal:
// keys are typed into the console's tty (its line discipline decides what
// the program reads) and the raw output, escape sequences included, is
// watched for what should appear. Steps alternate `send` (keys) and
// `expect` (text or a pattern looked for after the previous expectation),
// as test/tty/pty-session.py does on a Linux pseudo-terminal.
import { shellExitCode } from '../../src/kernel/abi/wait-status.ts';
import { Signal } from '../../src/kernel/abi/signals.ts';
import { sendSignal } from '../../src/kernel/proc/signals.ts';
import { ENV, type BoxKernel } from './box.ts';

export type Step = { expect: string | RegExp } | { send: string };
/** On the console a step may also resize the window (SIGWINCH to the foreground group). */
export type ConsoleStep = Step | { resize: { rows: number; columns: number } };

export interface ConsoleRun {
  /** What the console showed while the program ran. */
  screen: string;
  status: number;
}

export class ConsoleSession {
  private screen = '';
  private readonly encoder = new TextEncoder();

  constructor(private readonly box: BoxKernel) {
    const decoder = new TextDecoder();
    box.kernel.console.onOutput(
      (bytes) => (this.screen += decoder.decode(bytes, { stream: true })),
    );
  }

  /** Waits until the screen (from `from` on) shows `wanted`; returns where it ends. */
  private async seen(wanted: string | RegExp, from: number, timeout: number): Promise<number> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const text = this.screen.slice(from);
      if (typeof wanted === 'string') {
        const at = text.indexOf(wanted);
        if (at >= 0) return from + at + wanted.length;
      } else {
        const match = wanted.exec(text);
        if (match) return from + match.index + match[0].length;
      }
      if (Date.now() > deadline)
        throw new Error(
          `never saw ${JSON.stringify(String(wanted))}; the console showed:\n${JSON.stringify(text)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs argv on the console in `cwd`, following `steps`; what it showed and its status. */
  async run(
    argv: string[],
    cwd: string,
    steps: ConsoleStep[],
    env: Record<string, string> = {},
    timeout = 30_000,
  ): Promise<ConsoleRun> {
    const start = this.screen.length;
    const { process, exited } = await this.box.kernel.spawn({
      program: { path: `/bin/${argv[0]}` },
      argv,
      env: Object.entries({ ...ENV, ...env }).map(([k, v]) => `${k}=${v}`),
      cwd,
      console: true,
    });
    let mark = start;
    try {
      for (const step of steps) {
        if ('send' in step) this.box.kernel.console.input(this.encoder.encode(step.send));
        else if ('resize' in step)
          this.box.kernel.console.resize(step.resize.rows, step.resize.columns);
        else mark = await this.seen(step.expect, mark, timeout);
      }
    } catch (error) {
      // Not left on the console for the next session to type into.
      sendSignal(this.box.kernel.processes, process, Signal.SIGKILL);
      await exited;
      throw error;
    }
    const status = shellExitCode(await exited);
    return { screen: this.screen.slice(start), status };
  }
}
