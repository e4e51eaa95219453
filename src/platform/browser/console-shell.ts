// Keeps a shell running on the kernel's console, as init keeps a getty on
// a Linux console: when the shell exits (the user typed `exit` or ^D), a
// new one starts. Like init's "respawning too fast", a shell that keeps
// ending right after it starts is given up on, with a message on the
// console, rather than restarted forever.
import type { Kernel } from '../../kernel/kernel.ts';
import { cloneCredentials, type Credentials } from '../../kernel/proc/credentials.ts';
import { encodeUtf8 } from '../../kernel/utf8.ts';

/** A shell that ran for less than this was not used: its end counts toward giving up. */
const QUICK_EXIT_MS = 1000;
/** Quick exits in a row after which the shell is not started again. */
const QUICK_EXIT_LIMIT = 3;

export interface ConsoleShellOptions {
  /** Where it starts: the user's home. */
  cwd?: string;
  /** Whose shell it is (root when not given). */
  credentials?: Credentials;
}

export class ConsoleShell {
  /** The running shell's pid; undefined before start and after giving up. */
  pid: number | undefined;
  /** Shells started so far (1 after start, one more per respawn). */
  starts = 0;
  private quickExits = 0;
  private stopped = false;

  constructor(
    private readonly kernel: Kernel,
    /** argv of the shell; /bin/<argv[0]> is run. */
    readonly argv: string[],
    private readonly env: string[],
    private readonly options: ConsoleShellOptions = {},
  ) {}

  /** Starts the first shell; later ones start as each one exits. */
  start(): void {
    void this.run();
  }

  /** No shell is started after the running one ends. */
  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const started = this.kernel.host.now();
      let status: number;
      try {
        const spawned = await this.kernel.spawn({
          // A login shell's argv[0] is "-sh": the program is still /bin/sh.
          program: { path: `/bin/${this.argv[0]!.replace(/^-/, '')}` },
          argv: this.argv,
          env: this.env,
          cwd: this.options.cwd ?? '/root',
          credentials: this.options.credentials && cloneCredentials(this.options.credentials),
          console: true,
        });
        this.starts++;
        this.pid = spawned.process.pid;
        status = await spawned.exited;
      } catch (error) {
        await this.say(`bocal: cannot start /bin/${this.argv[0]}: ${String(error)}\n`);
        break;
      }
      this.pid = undefined;
      this.quickExits = this.kernel.host.now() - started < QUICK_EXIT_MS ? this.quickExits + 1 : 0;
      if (this.quickExits >= QUICK_EXIT_LIMIT) {
        await this.say(
          `bocal: /bin/${this.argv[0]} exited ${QUICK_EXIT_LIMIT} times in a row right after` +
            ` starting (last wait status ${status}); not starting it again\n`,
        );
        break;
      }
    }
    this.stopped = true;
  }

  /** Writes `text` on the console as the kernel (through the line discipline: \n is \r\n). */
  private async say(text: string): Promise<void> {
    const file = this.kernel.console.open(false, true);
    try {
      await file.write(encodeUtf8(text));
    } finally {
      file.release();
    }
  }
}
