// The input buffer of a terminal's line discipline (Linux n_tty's read_buf):
// bytes a read may take, and in canonical mode the boundaries of the complete
// lines among them plus the line still being edited, which no read sees.
//
// A line ended by VEOF is kept without its VEOF byte, so an empty one is a
// zero-length line: the read that takes it returns 0, end of file.

/** Linux's N_TTY_BUF_SIZE: the most input a terminal holds. */
export const INPUT_CAPACITY = 4096;

export class InputQueue {
  /** Committed bytes, oldest first. */
  private ready: number[] = [];
  /** Canonical mode: lengths of the complete lines in `ready`, oldest first. */
  private lines: number[] = [];
  /** Canonical mode: the line being edited. */
  readonly line: number[] = [];
  private canonical = true;

  /** Bytes held, committed or not. */
  get size(): number {
    return this.ready.length + this.line.length;
  }

  /** Committed bytes (FIONREAD). */
  get readableBytes(): number {
    return this.ready.length;
  }

  /** Room left before the buffer is full (one byte is kept free, as Linux does). */
  get room(): number {
    return INPUT_CAPACITY - 1 - this.size;
  }

  /** True when a read would not wait: a complete line (canonical) or any byte (raw). */
  get hasInput(): boolean {
    return this.canonical ? this.lines.length > 0 : this.ready.length > 0;
  }

  /** Raw mode: a byte a read may take at once. Canonical mode: a byte of the line being edited. */
  push(byte: number): void {
    if (this.canonical) this.line.push(byte);
    else this.ready.push(byte);
  }

  /** Canonical mode: makes the edited line readable, with `terminator` at its end if given. */
  commitLine(terminator: number | undefined): void {
    if (terminator !== undefined) this.line.push(terminator);
    this.lines.push(this.line.length);
    this.ready.push(...this.line);
    this.line.length = 0;
  }

  /**
   * Takes up to `length` committed bytes: in canonical mode never past the end
   * of the first line. Precondition: `hasInput`.
   */
  take(length: number): Uint8Array {
    if (!this.canonical) return Uint8Array.from(this.ready.splice(0, length));
    const lineLength = this.lines[0] ?? 0;
    const count = Math.min(length, lineLength);
    if (count === lineLength) this.lines.shift();
    else this.lines[0] = lineLength - count;
    return Uint8Array.from(this.ready.splice(0, count));
  }

  /** Discards everything, committed or not (TCIFLUSH, signal characters). */
  flush(): void {
    this.ready.length = 0;
    this.lines.length = 0;
    this.line.length = 0;
  }

  /**
   * Switches mode as Linux does on an ICANON change: to raw, everything held
   * (the edited line too) becomes readable; to canonical, what was readable
   * becomes one complete line.
   */
  setCanonical(canonical: boolean): void {
    if (canonical === this.canonical) return;
    this.canonical = canonical;
    if (canonical) {
      this.lines = this.ready.length > 0 ? [this.ready.length] : [];
      return;
    }
    this.ready.push(...this.line);
    this.line.length = 0;
    this.lines.length = 0;
  }
}
