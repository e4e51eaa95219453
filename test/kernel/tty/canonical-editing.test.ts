// Does canonical mode edit a line, echo it and hand it to read(2) exactly as
// Linux's n_tty does? Each case states what the screen shows and what
// successive reads return, and is checked against a real Linux
// pseudo-terminal when this machine has one.
import { describe, expect, it } from 'vitest';
import {
  ECHO,
  ECHOE,
  ECHOKE,
  ECHONL,
  ICRNL,
  IUTF8,
  VEOL,
  type Termios,
} from '../../../src/kernel/abi/termios.ts';
import { encodeUtf8 } from '../../../src/kernel/utf8.ts';
import { Harness, readAll } from './harness.ts';
import { linuxPtyMissing, onLinux } from './linux-pty.ts';

interface Case {
  question: string;
  typed: string;
  screen: string;
  reads: string[];
  termios?: (termios: Termios) => void;
  /** Bytes per read (the program's buffer size). */
  length?: number;
}

const cases: Case[] = [
  {
    question: 'does erase (^?) remove the last character and rub it out on screen?',
    typed: 'ab\x7fc\n',
    screen: 'ab\b \bc\r\n',
    reads: ['ac\n'],
  },
  {
    question: 'does kill (^U) rub out the whole line character by character?',
    typed: 'foo bar\x15z\n',
    screen: 'foo bar' + '\b \b'.repeat(7) + 'z\r\n',
    reads: ['z\n'],
  },
  {
    question:
      'does word erase (^W) stop at the space before the word, taking trailing punctuation?',
    typed: 'foo bar-\x17x\n',
    screen: 'foo bar-' + '\b \b'.repeat(4) + 'x\r\n',
    reads: ['foo x\n'],
  },
  {
    question: 'does word erase (^W) take trailing blanks with the word?',
    typed: 'one two  \x17\n',
    screen: 'one two  ' + '\b \b'.repeat(5) + '\r\n',
    reads: ['one \n'],
  },
  {
    question: 'does erasing a tab move back to where the tab started?',
    typed: 'ac\tx\x7f\x7f\n',
    screen: 'ac\tx\b \b' + '\b'.repeat(6) + '\r\n',
    reads: ['ac\n'],
  },
  {
    question: 'is a control character echoed as ^X and rubbed out over two columns?',
    typed: 'a\x01\x7f\x01\n',
    screen: 'a^A\b \b\b \b^A\r\n',
    reads: ['a\x01\n'],
  },
  {
    question: 'does ^D at the start of a line make read return 0 (end of file)?',
    typed: '\x04',
    screen: '',
    reads: [''],
  },
  {
    question: 'does ^D in the middle of a line hand over the line without a newline, silently?',
    typed: 'abc\x04',
    screen: 'abc',
    reads: ['abc'],
  },
  {
    question: 'does a second ^D after a pending line then give end of file?',
    typed: 'abc\x04\x04',
    screen: 'abc',
    reads: ['abc', ''],
  },
  {
    question: 'does each read return at most one line?',
    typed: 'one\ntwo\n',
    screen: 'one\r\ntwo\r\n',
    reads: ['one\n', 'two\n'],
  },
  {
    question: 'does a short read leave the rest of the line for the next read?',
    typed: 'abcdef\n',
    screen: 'abcdef\r\n',
    reads: ['abcd', 'ef\n'],
    length: 4,
  },
  {
    question: 'does ^V make the next character literal (here an erase)?',
    typed: 'a\x16\x7f\n',
    screen: 'a^\b^?\r\n',
    reads: ['a\x7f\n'],
  },
  {
    question: 'does ^R reprint the line being typed on a new line?',
    typed: 'abc\x12d\n',
    screen: 'abc^R\r\nabcd\r\n',
    reads: ['abcd\n'],
  },
  {
    question: 'does ICRNL turn the Enter key (CR) into a newline?',
    typed: 'hi\r',
    screen: 'hi\r\n',
    reads: ['hi\n'],
  },
  {
    question: 'without ICRNL, is CR an ordinary character echoed as ^M?',
    typed: 'hi\r',
    screen: 'hi^M',
    reads: [],
    termios: (t) => (t.iflag &= ~ICRNL),
  },
  {
    question: 'with IUTF8, does erase remove a whole multibyte character, one column on screen?',
    typed: 'café\x7f\n',
    screen: 'café\b \b\r\n',
    reads: ['caf\n'],
  },
  {
    question: 'without IUTF8, does erase remove a single byte of a multibyte character?',
    typed: 'é\x7f\n',
    screen: 'é\b \b\r\n',
    reads: ['\ufffd\n'], // a lone 0xc3 byte, as text
    termios: (t) => (t.iflag &= ~IUTF8),
  },
  {
    question: 'without ECHOKE, is kill echoed as ^U and a newline?',
    typed: 'abc\x15d\n',
    screen: 'abc^U\r\nd\r\n',
    reads: ['d\n'],
    termios: (t) => (t.lflag &= ~ECHOKE),
  },
  {
    question: 'without ECHOE, is erase echoed as ^? instead of rubbing out?',
    typed: 'ab\x7f\n',
    screen: 'ab^?\r\n',
    reads: ['a\n'],
    termios: (t) => (t.lflag &= ~ECHOE),
  },
  {
    question: 'with ECHO off but ECHONL on, is only the newline echoed?',
    typed: 'secret\n',
    screen: '\r\n',
    reads: ['secret\n'],
    termios: (t) => {
      t.lflag &= ~ECHO;
      t.lflag |= ECHONL;
    },
  },
  {
    question: 'does VEOL end a line too, staying in it?',
    typed: 'ab!cd\n',
    screen: 'ab!cd\r\n',
    reads: ['ab!', 'cd\n'],
    termios: (t) => (t.cc[VEOL] = 0x21),
  },
];

async function runHere(c: Case): Promise<{ screen: string; reads: string[]; termios: Termios }> {
  const harness = new Harness();
  if (c.termios) harness.setTermios(c.termios);
  const file = harness.open();
  harness.type(c.typed);
  const screen = harness.takeScreen();
  const reads = await readAll(file, c.length ?? 1024);
  return { screen, reads, termios: harness.tty.termios };
}

describe('canonical line editing', () => {
  for (const c of cases) {
    it(c.question, async () => {
      const here = await runHere(c);
      expect(here.screen).toBe(c.screen);
      expect(here.reads).toEqual(c.reads);
    });
  }
});

describe('canonical line editing, compared with a real Linux pseudo-terminal', () => {
  const probe = onLinux(new Uint8Array(0), { iflag: ICRNL, oflag: 0, lflag: 0 });
  for (const c of cases) {
    it(c.question, async () => {
      if (probe === undefined) throw new Error(linuxPtyMissing);
      const here = await runHere(c);
      const cc: [number, number][] = [[VEOL, here.termios.cc[VEOL] ?? 0]];
      const linux = onLinux(
        encodeUtf8(c.typed),
        { iflag: here.termios.iflag, oflag: here.termios.oflag, lflag: here.termios.lflag, cc },
        c.length ?? 1024,
      );
      expect(linux).toBeDefined();
      expect(here.screen).toBe(linux?.screen);
      expect(here.reads).toEqual(linux?.reads);
    });
  }
});
