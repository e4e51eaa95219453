// A terminal of the container's own, for a container made with -t: what
// runc's console socket hands containerd, a pseudo-terminal whose master
// side the daemon keeps. Here it is a kernel Tty (N_TTY line discipline,
// job control) whose output goes to the engine (its logs, and whoever is
// attached: `run -it`'s caller and any `docker attach`) and whose input the
// engine types when a caller's keys arrive. The container's first process
// is the leader of a new session with it as its controlling terminal and
// fds 0, 1, 2 on it, as runc's setsid and TIOCSCTTY do.
import { makedev } from '../../kernel/fs/filesystem.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { setsid } from '../../kernel/proc/groups.ts';
import type { Process } from '../../kernel/proc/process.ts';
import { assignControllingTty } from '../../kernel/tty/controlling.ts';
import { ttyHooksOf } from '../../kernel/tty/table-hooks.ts';
import { TtyFile } from '../../kernel/tty/tty-file.ts';
import { Tty } from '../../kernel/tty/tty.ts';
import type { OwnTerminal } from '../runtime.ts';

/** Unix 98 pty slaves are major 136; each container's gets the next minor. */
let nextMinor = 0;

export class ContainerTerminal {
  readonly tty: Tty;
  /** One open description on it, the container's fds 0, 1 and 2 (as a pty slave opened once). */
  readonly file: TtyFile;

  constructor(
    private readonly kernel: Kernel,
    terminal: OwnTerminal,
  ) {
    this.tty = new Tty(
      ttyHooksOf(kernel.processes, (bytes) => terminal.output(bytes)),
      {
        rdev: makedev(136, nextMinor++),
        winsize: {
          rows: terminal.size?.[0] ?? 24,
          columns: terminal.size?.[1] ?? 80,
          xpixel: 0,
          ypixel: 0,
        },
      },
    );
    this.file = new TtyFile(this.tty, true, true, kernel.console.callers.accessor);
    terminal.input = (bytes) => this.tty.input(bytes);
    terminal.resize = (rows, columns) => this.tty.resize({ rows, columns, xpixel: 0, ypixel: 0 });
  }

  /** Makes `process` (just spawned, no call made yet) the session leader on this terminal. */
  attach(process: Process): void {
    setsid(this.kernel.processes, process);
    assignControllingTty(this.tty, process);
  }
}
