// The kernel's console: one terminal (a Tty with the N_TTY discipline) that
// the kernel's host attaches to a screen and a keyboard — xterm.js in the
// page, the real terminal of `bocal wasi` in Node. The host feeds keystrokes
// with `input`, receives output through `onOutput`, reports its window size
// with `resize`; programs reach the same terminal as /dev/console, as
// /dev/tty when it is their controlling terminal, and as the fds the kernel
// gives a program started on the console.
import type { Winsize } from '../abi/termios.ts';
import type { DeviceOpener } from '../fs/device.ts';
import type { TerminalFactory } from '../fs/devfs/devices.ts';
import { makedev } from '../fs/filesystem.ts';
import type { OpenRequest } from '../fs/inode.ts';
import type { OpenFile } from '../fs/open-file.ts';
import { setsid } from '../proc/groups.ts';
import type { Process } from '../proc/process.ts';
import type { ProcessTable } from '../proc/process-table.ts';
import { CallingProcess } from '../tty/calling-process.ts';
import { acquireOnOpen, assignControllingTty, ttyOfCaller } from '../tty/controlling.ts';
import { ttyHooksOf } from '../tty/table-hooks.ts';
import { TtyFile } from '../tty/tty-file.ts';
import { Tty } from '../tty/tty.ts';

/** Output kept while no host listens, so a terminal attached late sees the start. */
const UNHEARD_OUTPUT_LIMIT = 64 * 1024;

export type OutputListener = (bytes: Uint8Array) => void;

export class KernelConsole {
  readonly tty: Tty;
  /** Who is calling into terminals: the kernel sets it around each syscall. */
  readonly callers: CallingProcess;
  private readonly listeners = new Set<OutputListener>();
  private unheard: Uint8Array[] = [];
  private unheardBytes = 0;

  constructor(private readonly table: ProcessTable) {
    this.callers = new CallingProcess(table);
    this.tty = new Tty(
      ttyHooksOf(table, (bytes) => this.emit(bytes)),
      { rdev: makedev(5, 1), winsize: { rows: 24, columns: 80, xpixel: 0, ypixel: 0 } },
    );
  }

  // ---- the host's side -------------------------------------------------------

  /** Bytes typed on the host's keyboard (raw: ^C is 0x03, Enter is \r). */
  input(bytes: Uint8Array): void {
    this.tty.input(bytes);
  }

  /** The host's window is now `rows` × `columns`: the foreground group gets SIGWINCH. */
  resize(rows: number, columns: number, pixels: Partial<Winsize> = {}): void {
    this.tty.resize({ rows, columns, xpixel: pixels.xpixel ?? 0, ypixel: pixels.ypixel ?? 0 });
  }

  /** The host's terminal went away: the session on the console gets SIGHUP. */
  hangup(): void {
    this.tty.hangup();
  }

  /**
   * Calls `listener` with every output of the console, starting with what
   * was written while nobody listened (at most the last 64 KiB of it).
   * Returns the function that stops listening.
   */
  onOutput(listener: OutputListener): () => void {
    const unheard = this.unheard;
    this.unheard = [];
    this.unheardBytes = 0;
    this.listeners.add(listener);
    for (const bytes of unheard) listener(bytes);
    return () => this.listeners.delete(listener);
  }

  // ---- the kernel's side -----------------------------------------------------

  /** The devfs factory: /dev/console is this terminal, /dev/tty the caller's controlling one. */
  readonly terminals: TerminalFactory = (name) =>
    name === 'tty' ? this.openTty : this.openConsole;

  /**
   * Makes `process` the leader of a new session whose controlling terminal
   * is the console, in the foreground, with fds 0, 1 and 2 on the console
   * (what getty and login do before starting a shell). The session that had
   * the console before loses it.
   */
  attach(process: Process): void {
    setsid(this.table, process);
    assignControllingTty(this.tty, process);
    const file = this.open(true, true);
    for (const fd of [0, 1, 2]) process.fds.set(fd, file);
  }

  /** A description of the console with no device node (for a host's own use). */
  open(readable: boolean, writable: boolean): TtyFile {
    return new TtyFile(this.tty, readable, writable, this.callers.accessor);
  }

  /**
   * Opens /dev/console. Where we differ: Linux never makes /dev/console a
   * controlling terminal; here it is the one terminal there is until
   * pseudo-terminals exist, so a session leader opening it acquires it as it
   * would acquire /dev/tty1. wasi-libc's O_NOCTTY is 0, so every open asks.
   */
  private readonly openConsole: DeviceOpener = (request) => {
    const process = this.caller(request);
    if (process) acquireOnOpen(this.tty, process, false);
    return this.openFile(this.tty, request);
  };

  /** Opens /dev/tty: the caller's controlling terminal, ENXIO without one (as Linux). */
  private readonly openTty: DeviceOpener = (request) =>
    this.openFile(ttyOfCaller(this.caller(request)), request);

  private openFile(tty: Tty, request: OpenRequest): OpenFile {
    const file = new TtyFile(
      tty,
      request.readable,
      request.writable,
      this.callers.accessor,
      request.dentry,
    );
    file.flags = request.flags;
    return file;
  }

  private caller(request: OpenRequest): Process | undefined {
    const pid = request.caller?.pid;
    return (pid !== undefined ? this.table.get(pid) : undefined) ?? this.callers.process;
  }

  private emit(bytes: Uint8Array): void {
    if (this.listeners.size > 0) {
      for (const listener of this.listeners) listener(bytes);
      return;
    }
    this.unheard.push(bytes.slice());
    this.unheardBytes += bytes.length;
    while (this.unheardBytes > UNHEARD_OUTPUT_LIMIT && this.unheard.length > 1) {
      this.unheardBytes -= (this.unheard.shift() as Uint8Array).length;
    }
  }
}
