// Output post-processing of a terminal (Linux n_tty's do_output_char): what
// OPOST and its companions do to the bytes a program writes and to the echo
// of what the user types, and the cursor column the line discipline needs to
// erase a tab on screen.
//
// Where we differ: the column is tracked even without OPOST (Linux stops
// tracking it then); OFILL/OFDEL delays and the NL/CR/BS/VT/FF delay bits are
// ignored, as on every Linux terminal emulator.
import {
  IUTF8,
  OCRNL,
  OLCUC,
  ONLCR,
  ONLRET,
  ONOCR,
  OPOST,
  TAB3,
  TABDLY,
  type Termios,
} from '../abi/termios.ts';

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const TAB = 0x09;
const BACKSPACE = 0x08;
const SPACE = 0x20;

/** ASCII control characters, as the line discipline treats them (C0 and DEL). */
export function isControl(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f;
}

/** A UTF-8 continuation byte (10xxxxxx): it does not move the cursor. */
export function isContinuation(byte: number, termios: Termios): boolean {
  return (termios.iflag & IUTF8) !== 0 && (byte & 0xc0) === 0x80;
}

export class OutputProcessing {
  /** The cursor column as far as the terminal's output tells it. */
  column = 0;

  /** Applies the c_oflag translations to `bytes`; returns what the screen gets. */
  process(bytes: Uint8Array, termios: Termios): Uint8Array {
    if ((termios.oflag & OPOST) === 0) {
      for (const byte of bytes) this.track(byte, termios);
      return bytes;
    }
    const out: number[] = [];
    for (const byte of bytes) this.processByte(byte, termios, out);
    return Uint8Array.from(out);
  }

  /** Moves the column back one, for the line discipline's "\b" echoes. */
  moveBack(): void {
    if (this.column > 0) this.column--;
  }

  private processByte(byte: number, termios: Termios, out: number[]): void {
    const oflag = termios.oflag;
    switch (byte) {
      case NEWLINE:
        if (oflag & ONLRET) this.column = 0;
        if (oflag & ONLCR) {
          this.column = 0;
          out.push(RETURN, NEWLINE);
          return;
        }
        out.push(NEWLINE);
        return;
      case RETURN:
        if (oflag & ONOCR && this.column === 0) return;
        if (oflag & OCRNL) {
          if (oflag & ONLRET) this.column = 0;
          out.push(NEWLINE);
          return;
        }
        this.column = 0;
        out.push(RETURN);
        return;
      case TAB: {
        const spaces = 8 - (this.column % 8);
        this.column += spaces;
        if ((oflag & TABDLY) === TAB3) for (let i = 0; i < spaces; i++) out.push(SPACE);
        else out.push(TAB);
        return;
      }
      default:
        this.track(byte, termios);
        out.push(oflag & OLCUC && byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte);
    }
  }

  /** Follows the cursor over one byte sent as is. */
  private track(byte: number, termios: Termios): void {
    if (byte === RETURN) this.column = 0;
    else if (byte === TAB) this.column += 8 - (this.column % 8);
    else if (byte === BACKSPACE) this.moveBack();
    else if (!isControl(byte) && !isContinuation(byte, termios)) this.column++;
  }
}
