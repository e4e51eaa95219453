// The Node process's real terminal attached to a kernel's console: raw mode
// on the host terminal (so ^C, ^Z and line editing reach the kernel's own
// line discipline, not the host's), keystrokes in, output out, the window
// size followed on SIGWINCH, and the host terminal restored on detach or
// when Node exits.
import type { ReadStream, WriteStream } from 'node:tty';
import type { KernelConsole } from '../../kernel/boot/console.ts';
import { disableOutputProcessing } from './raw-terminal.ts';

export interface NodeTerminal {
  /** Stops forwarding and restores the host terminal's mode. Safe to call twice. */
  detach(): void;
}

/**
 * Attaches `input` (a TTY stdin) and `output` (stdout) to `console`.
 * Output is written as the kernel produced it: the console's line
 * discipline already did the output processing (\n to \r\n).
 */
export function attachNodeTerminal(
  console: KernelConsole,
  input: ReadStream,
  output: WriteStream,
): NodeTerminal {
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  const translate = !disableOutputProcessing();
  const onData = (chunk: Buffer): void => console.input(new Uint8Array(chunk));
  const onResize = (): void => {
    if (output.isTTY) console.resize(output.rows, output.columns);
  };
  onResize();
  input.on('data', onData);
  output.on('resize', onResize);
  input.resume();
  const stopOutput = console.onOutput((bytes) =>
    output.write(translate ? withoutCarriageReturns(bytes) : bytes),
  );
  let attached = true;
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    stopOutput();
    input.off('data', onData);
    output.off('resize', onResize);
    process.off('exit', detach);
    // Restores the mode libuv saved before its first change, OPOST included.
    input.setRawMode(wasRaw);
    input.pause();
  };
  // A crash or process.exit must not leave the user's terminal raw.
  process.on('exit', detach);
  return { detach };
}

/** Without stty: \r\n becomes \n, which the host's ONLCR makes \r\n again. */
function withoutCarriageReturns(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === 0x0d && bytes[i + 1] === 0x0a) continue;
    out.push(byte);
  }
  return Uint8Array.from(out);
}
