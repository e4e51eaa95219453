// Terminal ABI: Linux's kernel `struct termios` (the layout TCGETS/TCSETS
// copy, not glibc's larger user-space one), `struct winsize`, the flag bits,
// the c_cc indexes and the tty ioctl request numbers, with the defaults a
// fresh Linux terminal has. Values are the asm-generic ones (x86, arm, riscv).
// Nothing here has behaviour beyond encoding.

// ---- c_iflag ----------------------------------------------------------------
export const IGNBRK = 0o1;
export const BRKINT = 0o2;
export const IGNPAR = 0o4;
export const PARMRK = 0o10;
export const INPCK = 0o20;
export const ISTRIP = 0o40;
export const INLCR = 0o100;
export const IGNCR = 0o200;
export const ICRNL = 0o400;
export const IUCLC = 0o1000;
export const IXON = 0o2000;
export const IXANY = 0o4000;
export const IXOFF = 0o10000;
export const IMAXBEL = 0o20000;
export const IUTF8 = 0o40000;

// ---- c_oflag ----------------------------------------------------------------
export const OPOST = 0o1;
export const OLCUC = 0o2;
export const ONLCR = 0o4;
export const OCRNL = 0o10;
export const ONOCR = 0o20;
export const ONLRET = 0o40;
export const OFILL = 0o100;
export const OFDEL = 0o200;
export const TABDLY = 0o14000;
/** TAB3, also called XTABS: expand tabs to spaces on output. */
export const TAB3 = 0o14000;

// ---- c_cflag ----------------------------------------------------------------
export const CBAUD = 0o10017;
export const B0 = 0o0;
export const B9600 = 0o15;
export const B38400 = 0o17;
export const CSIZE = 0o60;
export const CS5 = 0o0;
export const CS6 = 0o20;
export const CS7 = 0o40;
export const CS8 = 0o60;
export const CSTOPB = 0o100;
export const CREAD = 0o200;
export const PARENB = 0o400;
export const PARODD = 0o1000;
export const HUPCL = 0o2000;
export const CLOCAL = 0o4000;

// ---- c_lflag ----------------------------------------------------------------
export const ISIG = 0o1;
export const ICANON = 0o2;
export const XCASE = 0o4;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHONL = 0o100;
export const NOFLSH = 0o200;
export const TOSTOP = 0o400;
export const ECHOCTL = 0o1000;
export const ECHOPRT = 0o2000;
export const ECHOKE = 0o4000;
export const FLUSHO = 0o10000;
export const PENDIN = 0o40000;
export const IEXTEN = 0o100000;
export const EXTPROC = 0o200000;

// ---- c_cc indexes -------------------------------------------------------------
export const VINTR = 0;
export const VQUIT = 1;
export const VERASE = 2;
export const VKILL = 3;
export const VEOF = 4;
export const VTIME = 5;
export const VMIN = 6;
export const VSWTC = 7;
export const VSTART = 8;
export const VSTOP = 9;
export const VSUSP = 10;
export const VEOL = 11;
export const VREPRINT = 12;
export const VDISCARD = 13;
export const VWERASE = 14;
export const VLNEXT = 15;
export const VEOL2 = 16;
/** Number of control characters in the kernel's struct termios. */
export const NCCS = 19;
/** A c_cc entry with this value is disabled (POSIX _POSIX_VDISABLE; Linux's is NUL). */
export const VDISABLE = 0;

// ---- tty ioctl requests --------------------------------------------------------
export const TCGETS = 0x5401;
export const TCSETS = 0x5402;
export const TCSETSW = 0x5403;
export const TCSETSF = 0x5404;
export const TCFLSH = 0x540b;
export const TIOCSCTTY = 0x540e;
export const TIOCGPGRP = 0x540f;
export const TIOCSPGRP = 0x5410;
export const TIOCOUTQ = 0x5411;
export const TIOCGWINSZ = 0x5413;
export const TIOCSWINSZ = 0x5414;
export const FIONREAD = 0x541b;
/** Same request as FIONREAD. */
export const TIOCINQ = 0x541b;
export const TIOCNOTTY = 0x5422;
export const TIOCGSID = 0x5429;

/** TCFLSH arguments (tcflush(3) queue selectors). */
export const TCIFLUSH = 0;
export const TCOFLUSH = 1;
export const TCIOFLUSH = 2;

/** Linux's kernel `struct termios`: four u32 flag words, c_line, c_cc[NCCS]. */
export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  /** Line discipline number; 0 is N_TTY. */
  line: number;
  /** NCCS control characters, indexed by VINTR... */
  cc: Uint8Array;
}

/** sizeof(struct termios) in the kernel: 4 × 4 + 1 + 19. */
export const TERMIOS_SIZE = 36;

export function encodeTermios(termios: Termios): Uint8Array {
  const bytes = new Uint8Array(TERMIOS_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, termios.iflag >>> 0, true);
  view.setUint32(4, termios.oflag >>> 0, true);
  view.setUint32(8, termios.cflag >>> 0, true);
  view.setUint32(12, termios.lflag >>> 0, true);
  view.setUint8(16, termios.line);
  bytes.set(termios.cc.subarray(0, NCCS), 17);
  return bytes;
}

/** Decodes the first TERMIOS_SIZE bytes of `bytes`; the caller checks the length. */
export function decodeTermios(bytes: Uint8Array): Termios {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    iflag: view.getUint32(0, true),
    oflag: view.getUint32(4, true),
    cflag: view.getUint32(8, true),
    lflag: view.getUint32(12, true),
    line: view.getUint8(16),
    cc: bytes.slice(17, 17 + NCCS),
  };
}

export function copyTermios(termios: Termios): Termios {
  return { ...termios, cc: termios.cc.slice() };
}

/** The byte that Control+`key` sends: control('C') is ^C (3). */
const control = (key: string): number => key.charCodeAt(0) & 0x1f;

/**
 * The termios of a freshly opened Linux terminal, as `stty -a` shows it on a
 * pseudo-terminal: 38400 baud, cs8 cread, icrnl ixon, opost onlcr, isig icanon
 * iexten echo echoe echok echoctl echoke; ^C ^\ ^? ^U ^D, min 1 time 0, ^Q ^S
 * ^Z ^R ^O ^W ^V, eol/eol2/swtch undefined.
 *
 * Where we differ: IUTF8 is set, as the Linux console sets it when it runs in
 * UTF-8 (our terminals always do), so that erase removes a whole multibyte
 * character. HUPCL is clear, as on a pseudo-terminal (a serial line sets it).
 */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc[VINTR] = control('C');
  cc[VQUIT] = control('\\');
  cc[VERASE] = 0x7f;
  cc[VKILL] = control('U');
  cc[VEOF] = control('D');
  cc[VTIME] = 0;
  cc[VMIN] = 1;
  cc[VSWTC] = VDISABLE;
  cc[VSTART] = control('Q');
  cc[VSTOP] = control('S');
  cc[VSUSP] = control('Z');
  cc[VEOL] = VDISABLE;
  cc[VREPRINT] = control('R');
  cc[VDISCARD] = control('O');
  cc[VWERASE] = control('W');
  cc[VLNEXT] = control('V');
  cc[VEOL2] = VDISABLE;
  return {
    iflag: ICRNL | IXON | IUTF8,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD,
    lflag: ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE,
    line: 0,
    cc,
  };
}

/** `struct winsize`: four u16, rows first. */
export interface Winsize {
  rows: number;
  columns: number;
  /** Pixel sizes: unused by the kernel, kept for programs that read them. */
  xpixel: number;
  ypixel: number;
}

export const WINSIZE_SIZE = 8;

export function encodeWinsize(size: Winsize): Uint8Array {
  const bytes = new Uint8Array(WINSIZE_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, size.rows, true);
  view.setUint16(2, size.columns, true);
  view.setUint16(4, size.xpixel, true);
  view.setUint16(6, size.ypixel, true);
  return bytes;
}

/** Decodes the first WINSIZE_SIZE bytes of `bytes`; the caller checks the length. */
export function decodeWinsize(bytes: Uint8Array): Winsize {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    rows: view.getUint16(0, true),
    columns: view.getUint16(2, true),
    xpixel: view.getUint16(4, true),
    ypixel: view.getUint16(6, true),
  };
}
