// /usr/bin/docker's terminal (a kernel tty) made raw while it relays a -t
// container's own terminal, as the docker CLI does with cfmakeraw: no
// echo, no line editing, no signals from keys, no output processing. Keys
// are taken from the tty directly rather than by read(2) on fd 0, so that
// the last read can be given up when the session ends: a read left waiting
// would take the next key typed to the caller's shell.
import {
  BRKINT,
  CS8,
  CSIZE,
  ECHO,
  ECHONL,
  ICANON,
  ICRNL,
  IEXTEN,
  IGNBRK,
  IGNCR,
  INLCR,
  ISIG,
  ISTRIP,
  IXON,
  OPOST,
  PARENB,
  PARMRK,
  VMIN,
  VTIME,
} from '../../kernel/abi/termios.ts';
import type { Tty } from '../../kernel/tty/tty.ts';
import type { RawTerminal } from './command.ts';

export function kernelRawTerminal(tty: Tty): RawTerminal {
  const saved = tty.termios;
  const raw = { ...saved, cc: saved.cc.slice() };
  raw.iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  raw.oflag &= ~OPOST;
  raw.lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  raw.cflag = (raw.cflag & ~(CSIZE | PARENB)) | CS8;
  raw.cc[VMIN] = 1;
  raw.cc[VTIME] = 0;
  tty.setTermios(raw);
  let restored = false;
  const giveUp = new Set<() => void>();
  return {
    restore() {
      if (restored) return;
      restored = true;
      tty.setTermios(saved);
      for (const wake of giveUp) wake();
    },
    async read(length) {
      for (;;) {
        if (restored) return new Uint8Array(0);
        if (tty.discipline.queue.hasInput) return tty.take(length);
        await new Promise<void>((wake) => {
          const end = (): void => {
            cancel();
            giveUp.delete(end);
            wake();
          };
          const cancel = tty.waitChange(end);
          giveUp.add(end);
        });
      }
    },
  };
}
