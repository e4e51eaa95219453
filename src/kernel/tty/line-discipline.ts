// The terminal line discipline (Linux's n_tty, N_TTY): turns the bytes typed
// on a terminal into what a program reads, and echoes them the way Linux
// does. Input translations (ISTRIP, IUCLC, IGNCR, ICRNL, INLCR), flow
// control (IXON, IXANY), signal characters (ISIG), canonical line editing
// (VERASE, VKILL, VWERASE, VLNEXT, VREPRINT, VEOF, VEOL, VEOL2) and echo
// (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL). Blocking, VMIN/VTIME and
// job control belong to the tty (tty.ts), which owns one of these.
//
// Where we differ from Linux:
// - a c_cc entry of 0 (VDISABLE) never matches, so NUL is an ordinary byte;
// - ECHOPRT (hardcopy erase) is not supported and behaves as if clear;
//   VDISCARD and VSWTC do nothing (Linux does not implement them either);
// - "control character" means C0 or DEL, and VWERASE counts every byte from
//   0x80 up as part of a word (Linux asks its Latin-1 ctype table).
import { Signal } from '../abi/signals.ts';
import {
  ECHO,
  ECHOCTL,
  ECHOE,
  ECHOK,
  ECHOKE,
  ECHONL,
  ICANON,
  ICRNL,
  IEXTEN,
  IGNCR,
  IMAXBEL,
  INLCR,
  ISIG,
  ISTRIP,
  IUCLC,
  IXANY,
  IXON,
  NOFLSH,
  VDISABLE,
  VEOF,
  VEOL,
  VEOL2,
  VERASE,
  VINTR,
  VKILL,
  VLNEXT,
  VQUIT,
  VREPRINT,
  VSTART,
  VSTOP,
  VSUSP,
  VWERASE,
  copyTermios,
  type Termios,
} from '../abi/termios.ts';
import { InputQueue } from './input-queue.ts';
import { OutputProcessing, isContinuation, isControl } from './output-processing.ts';

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const TAB = 0x09;
const BACKSPACE = 0x08;
const BELL = 0x07;

/** What the line discipline asks of its tty. */
export interface LineDisciplineHooks {
  /** Echo for the screen, already output-processed. */
  output(bytes: Uint8Array): void;
  /**
   * A signal character was typed (ISIG): send `signal` to the foreground
   * process group. `flush` is true unless NOFLSH: the tty then also drops
   * output it holds back (input is already flushed).
   */
  signal(signal: Signal, flush: boolean): void;
  /** Output was stopped (VSTOP) or restarted (VSTART, IXANY, signal characters). */
  flowChanged(): void;
}

const enum EraseKind {
  Character,
  Word,
  Line,
}

export class LineDiscipline {
  readonly queue = new InputQueue();
  readonly outputProcessing = new OutputProcessing();
  /** Output stopped by VSTOP (IXON); the tty holds output back while set. */
  stopped = false;
  private termios: Termios;
  /** The previous byte was VLNEXT: the next one is taken literally. */
  private literalNext = false;
  /** The cursor column where the line being edited started, to erase tabs. */
  private lineColumn = 0;
  /** Echo produced by the current `receive`, output-processed. */
  private echoes: number[] = [];

  constructor(
    termios: Termios,
    private readonly hooks: LineDisciplineHooks,
  ) {
    this.termios = copyTermios(termios);
    this.queue.setCanonical(this.canonical);
  }

  get canonical(): boolean {
    return (this.termios.lflag & ICANON) !== 0;
  }

  /** The settings in force (a copy). */
  getTermios(): Termios {
    return copyTermios(this.termios);
  }

  /** Installs new settings, switching canonical and raw mode as n_tty_set_termios does. */
  setTermios(termios: Termios): void {
    const wasIxon = (this.termios.iflag & IXON) !== 0;
    const wasCanonical = this.canonical;
    this.termios = copyTermios(termios);
    if (this.canonical !== wasCanonical) {
      this.queue.setCanonical(this.canonical);
      this.literalNext = false;
    }
    if (wasIxon && (termios.iflag & IXON) === 0) this.start();
  }

  /**
   * Processes bytes typed on the terminal; returns how many were taken. It
   * takes fewer when the input buffer is full: the rest waits for a reader
   * (Linux throttles the sender the same way). In canonical mode with no
   * complete line, a full buffer drops ordinary bytes instead, so that the
   * user can still erase or end the line.
   */
  receive(bytes: Uint8Array): number {
    let taken = 0;
    for (const byte of bytes) {
      const full = this.queue.room <= 0;
      if (full && !(this.canonical && !this.queue.hasInput)) break;
      this.receiveByte(byte, full);
      taken++;
    }
    this.flushEchoes();
    return taken;
  }

  /** Output post-processing of a program's write. */
  write(bytes: Uint8Array): Uint8Array {
    return this.outputProcessing.process(bytes, this.termios);
  }

  private receiveByte(input: number, full: boolean): void {
    const { iflag, lflag } = this.termios;
    let byte = iflag & ISTRIP ? input & 0x7f : input;
    if (iflag & IUCLC && lflag & IEXTEN && byte >= 0x41 && byte <= 0x5a) byte += 0x20;
    if (this.literalNext) {
      this.literalNext = false;
      this.ordinary(byte, full);
      return;
    }
    if (iflag & IXON) {
      if (this.is(byte, VSTART)) return this.start();
      if (this.is(byte, VSTOP)) return this.stop();
    }
    if (lflag & ISIG) {
      if (this.is(byte, VINTR)) return this.signalCharacter(Signal.SIGINT, byte);
      if (this.is(byte, VQUIT)) return this.signalCharacter(Signal.SIGQUIT, byte);
      if (this.is(byte, VSUSP)) return this.signalCharacter(Signal.SIGTSTP, byte);
    }
    if (this.stopped && iflag & IXON && iflag & IXANY) this.start();
    if (byte === RETURN) {
      if (iflag & IGNCR) return;
      if (iflag & ICRNL) byte = NEWLINE;
    } else if (byte === NEWLINE && iflag & INLCR) {
      byte = RETURN;
    }
    if (this.canonical && this.special(byte)) return;
    this.ordinary(byte, full);
  }

  /** Canonical-mode editing and line ends; false for an ordinary byte. */
  private special(byte: number): boolean {
    const lflag = this.termios.lflag;
    const extended = (lflag & IEXTEN) !== 0;
    const echo = (lflag & ECHO) !== 0;
    if (this.is(byte, VERASE)) this.erase(EraseKind.Character);
    else if (this.is(byte, VKILL)) this.erase(EraseKind.Line);
    else if (extended && this.is(byte, VWERASE)) this.erase(EraseKind.Word);
    else if (extended && this.is(byte, VLNEXT)) {
      this.literalNext = true;
      if (echo && lflag & ECHOCTL) this.echoRaw(0x5e, BACKSPACE);
    } else if (extended && echo && this.is(byte, VREPRINT)) {
      this.echoCharacter(byte);
      this.echoRaw(NEWLINE);
      for (const held of this.queue.line) this.echoCharacter(held);
    } else if (byte === NEWLINE) {
      if (echo || lflag & ECHONL) this.echoRaw(NEWLINE);
      this.queue.commitLine(NEWLINE);
    } else if (this.is(byte, VEOF)) {
      // The VEOF byte ends the line but is not part of it, and is not echoed.
      this.queue.commitLine(undefined);
    } else if (this.is(byte, VEOL) || (extended && this.is(byte, VEOL2))) {
      if (echo) {
        this.markLineStart();
        this.echoCharacter(byte);
      }
      this.queue.commitLine(byte);
    } else {
      return false;
    }
    return true;
  }

  /** A byte that goes into the buffer as is (echoed if ECHO). */
  private ordinary(byte: number, full: boolean): void {
    if (full) {
      if (this.termios.iflag & IMAXBEL) this.echoRaw(BELL);
      return;
    }
    if (this.termios.lflag & ECHO) {
      if (byte === NEWLINE) {
        this.echoRaw(NEWLINE);
      } else {
        this.markLineStart();
        this.echoCharacter(byte);
      }
    }
    this.queue.push(byte);
  }

  private signalCharacter(signal: Signal, byte: number): void {
    const flush = (this.termios.lflag & NOFLSH) === 0;
    if (flush) {
      this.queue.flush();
      this.literalNext = false;
    }
    this.hooks.signal(signal, flush);
    if (this.termios.iflag & IXON) this.start();
    if (this.termios.lflag & ECHO) this.echoCharacter(byte);
  }

  /** VERASE, VWERASE and VKILL, echoed as Linux's eraser() does. */
  private erase(kind: EraseKind): void {
    const line = this.queue.line;
    if (line.length === 0) return;
    const lflag = this.termios.lflag;
    if (kind === EraseKind.Line) {
      if ((lflag & ECHO) === 0) {
        line.length = 0;
        return;
      }
      if (!(lflag & ECHOK) || !(lflag & ECHOKE) || !(lflag & ECHOE)) {
        line.length = 0;
        this.echoCharacter(this.termios.cc[VKILL] ?? 0);
        if (lflag & ECHOK) this.echoRaw(NEWLINE);
        return;
      }
    }
    let seenWord = false;
    while (line.length > 0) {
      let start = line.length - 1;
      while (start > 0 && isContinuation(line[start] ?? 0, this.termios)) start--;
      const byte = line[start] ?? 0;
      if (isContinuation(byte, this.termios)) break;
      if (kind === EraseKind.Word) {
        if (isWordByte(byte)) seenWord = true;
        else if (seenWord) break;
      }
      line.length = start;
      if (lflag & ECHO) this.echoErase(byte, kind);
      if (kind === EraseKind.Character) break;
    }
  }

  /** Removes one erased character from the screen. */
  private echoErase(byte: number, kind: EraseKind): void {
    const lflag = this.termios.lflag;
    const rubout = [BACKSPACE, 0x20, BACKSPACE];
    if (kind === EraseKind.Character && !(lflag & ECHOE)) {
      this.echoCharacter(this.termios.cc[VERASE] ?? 0);
    } else if (byte === TAB) {
      this.echoRaw(...new Array<number>(this.tabWidth()).fill(BACKSPACE));
    } else if (isControl(byte)) {
      if (lflag & ECHOCTL) this.echoRaw(...rubout, ...rubout);
    } else {
      this.echoRaw(...rubout);
    }
  }

  /** How many columns the tab just erased covered, from what precedes it on the line. */
  private tabWidth(): number {
    const line = this.queue.line;
    let columns = 0;
    let afterTab = false;
    for (let i = line.length - 1; i >= 0; i--) {
      const byte = line[i] ?? 0;
      if (byte === TAB) {
        afterTab = true;
        break;
      }
      if (isControl(byte)) {
        if (this.termios.lflag & ECHOCTL) columns += 2;
      } else if (!isContinuation(byte, this.termios)) {
        columns++;
      }
    }
    if (!afterTab) columns += this.lineColumn;
    return 8 - (columns % 8);
  }

  private start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.hooks.flowChanged();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hooks.flowChanged();
  }

  /** Records where a new line's echo starts on screen. */
  private markLineStart(): void {
    if (this.canonical && this.queue.line.length === 0) {
      this.lineColumn = this.outputProcessing.column;
    }
  }

  /** Echoes a byte as typed: a control character as ^X when ECHOCTL. */
  private echoCharacter(byte: number): void {
    if (this.termios.lflag & ECHOCTL && isControl(byte) && byte !== TAB) {
      this.echoRaw(0x5e, byte ^ 0x40);
    } else {
      this.echoRaw(byte);
    }
  }

  private echoRaw(...bytes: number[]): void {
    const out = this.outputProcessing.process(Uint8Array.from(bytes), this.termios);
    for (const byte of out) this.echoes.push(byte);
  }

  private flushEchoes(): void {
    if (this.echoes.length === 0) return;
    const bytes = Uint8Array.from(this.echoes);
    this.echoes = [];
    this.hooks.output(bytes);
  }

  /** `byte` is the enabled control character `index`. */
  private is(byte: number, index: number): boolean {
    const value = this.termios.cc[index];
    return value !== undefined && value !== VDISABLE && value === byte;
  }
}

/** A byte of a word for VWERASE: letters, digits, underscore, and non-ASCII. */
function isWordByte(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x5f ||
    byte >= 0x80
  );
}
