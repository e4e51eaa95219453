// Is struct termios laid out as Linux's kernel one, and does a fresh tty
// start with the settings a fresh Linux terminal has?
import { describe, expect, it } from 'vitest';
import {
  B38400,
  CREAD,
  CS8,
  ECHO,
  ECHOCTL,
  ECHOE,
  ECHOK,
  ECHOKE,
  ICANON,
  ICRNL,
  IEXTEN,
  ISIG,
  IUTF8,
  IXON,
  NCCS,
  ONLCR,
  OPOST,
  TERMIOS_SIZE,
  VEOF,
  VERASE,
  VINTR,
  VMIN,
  VTIME,
  decodeTermios,
  decodeWinsize,
  defaultTermios,
  encodeTermios,
  encodeWinsize,
} from '../../../src/kernel/abi/termios.ts';
import { linuxDefaultControlCharacters, linuxDefaultFlags, linuxPtyMissing } from './linux-pty.ts';

describe('termios ABI', () => {
  it('does encode then decode give back the same settings, in 36 bytes?', () => {
    const termios = defaultTermios();
    termios.iflag = 0xdeadbeef;
    termios.cc[VMIN] = 7;
    const bytes = encodeTermios(termios);
    expect(bytes).toHaveLength(TERMIOS_SIZE);
    expect(decodeTermios(bytes)).toEqual(termios);
  });

  it('are the fields where the kernel puts them (flags as u32 LE, c_line, c_cc)?', () => {
    const bytes = encodeTermios(defaultTermios());
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(ICRNL | IXON | IUTF8);
    expect(view.getUint32(4, true)).toBe(OPOST | ONLCR);
    expect(view.getUint32(8, true)).toBe(B38400 | CS8 | CREAD);
    expect(view.getUint32(12, true)).toBe(0x8a3b);
    expect(bytes[16]).toBe(0);
    expect(bytes[17 + VINTR]).toBe(3);
    expect(bytes[17 + VERASE]).toBe(0x7f);
    expect(bytes[17 + VEOF]).toBe(4);
    expect(NCCS + 17).toBe(TERMIOS_SIZE);
  });

  it('are the default local flags isig icanon iexten echo echoe echok echoctl echoke?', () => {
    expect(defaultTermios().lflag).toBe(
      ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE,
    );
  });

  it('is a winsize four u16 with rows first?', () => {
    const size = { rows: 24, columns: 80, xpixel: 640, ypixel: 480 };
    const bytes = encodeWinsize(size);
    expect([...bytes]).toEqual([24, 0, 80, 0, 128, 2, 224, 1]);
    expect(decodeWinsize(bytes)).toEqual(size);
  });
});

describe('termios defaults, compared with this machine’s Linux', () => {
  const linuxCc = linuxDefaultControlCharacters();
  const linuxFlags = linuxDefaultFlags();

  it('are the control characters those stty -g shows on a fresh pty?', () => {
    if (linuxCc === undefined) throw new Error(linuxPtyMissing);
    const ours = [...defaultTermios().cc];
    expect(ours).toEqual(linuxCc?.slice(0, NCCS));
    expect(ours[VMIN]).toBe(1);
    expect(ours[VTIME]).toBe(0);
  });

  it('are the flags those of a fresh pty, but for IUTF8 (set, as on a UTF-8 console)?', () => {
    if (linuxFlags === undefined) throw new Error(linuxPtyMissing);
    const ours = defaultTermios();
    expect(ours.iflag & ~IUTF8).toBe(linuxFlags?.iflag);
    expect(ours.oflag).toBe(linuxFlags?.oflag);
    expect(ours.cflag).toBe(linuxFlags?.cflag);
    expect(ours.lflag).toBe(linuxFlags?.lflag);
  });
});
