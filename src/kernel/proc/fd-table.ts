// A process's file descriptor table: small integers to open file
// descriptions, each entry with its own close-on-exec flag.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { OpenFile } from '../fs/open-file.ts';

export interface FdEntry {
  file: OpenFile;
  closeOnExec: boolean;
}

/** Linux's default RLIMIT_NOFILE soft limit. */
export const DEFAULT_FD_LIMIT = 1024;

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();
  /** Told of every fd installed or closed (a worker's map of pipe rings follows it). */
  onChange: ((fd: number, file: OpenFile | undefined) => void) | undefined;

  constructor(public limit = DEFAULT_FD_LIMIT) {}

  /** The description behind `fd`, or EBADF. */
  get(fd: number): OpenFile {
    return this.entry(fd).file;
  }

  entry(fd: number): FdEntry {
    return this.entries.get(fd) ?? fail(Errno.EBADF);
  }

  has(fd: number): boolean {
    return this.entries.has(fd);
  }

  /** Installs `file` at the lowest free fd ≥ `minimum` (open(2), dup(2), F_DUPFD). */
  add(file: OpenFile, closeOnExec = false, minimum = 0): number {
    for (let fd = minimum; fd < this.limit; fd++) {
      if (!this.entries.has(fd)) {
        this.set(fd, file, closeOnExec);
        return fd;
      }
    }
    return fail(Errno.EMFILE);
  }

  /** Installs `file` at exactly `fd`, closing what was there (dup2(2)). */
  set(fd: number, file: OpenFile, closeOnExec = false): void {
    if (fd < 0 || fd >= this.limit) fail(Errno.EBADF);
    file.references++;
    const previous = this.entries.get(fd);
    this.entries.set(fd, { file, closeOnExec });
    this.onChange?.(fd, file);
    if (previous) release(previous.file);
  }

  /** Implements close(2). */
  close(fd: number): void {
    const entry = this.entry(fd);
    this.entries.delete(fd);
    this.onChange?.(fd, undefined);
    release(entry.file);
  }

  /** Implements fd_renumber: moves `from` onto `to`, closing what `to` held. */
  renumber(from: number, to: number): void {
    const entry = this.entry(from);
    this.entry(to);
    if (from === to) return;
    this.set(to, entry.file, entry.closeOnExec);
    this.close(from);
  }

  /**
   * A copy for a child: the same descriptions, shared (fork(2)). As on
   * Linux, fds at or above a lowered RLIMIT_NOFILE are copied too: the limit
   * bounds only the fds a process allocates.
   */
  clone(): FdTable {
    const copy = new FdTable(this.limit);
    for (const [fd, entry] of this.entries) {
      entry.file.references++;
      copy.entries.set(fd, { file: entry.file, closeOnExec: entry.closeOnExec });
    }
    return copy;
  }

  /** Closes the close-on-exec entries (execve(2)). */
  closeOnExec(): void {
    for (const [fd, entry] of this.entries) if (entry.closeOnExec) this.close(fd);
  }

  /** Closes everything (process exit). */
  closeAll(): void {
    for (const fd of [...this.entries.keys()]) this.close(fd);
  }

  /** Open fds in ascending order, for /proc/<pid>/fd. */
  fds(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b);
  }
}

function release(file: OpenFile): void {
  file.references--;
  if (file.references === 0) file.release();
}
