// Real Linux as the oracle for the line discipline: types bytes into a real
// pseudo-terminal (python3's pty module, no program attached) with given
// flags, and reports what the terminal showed and what reads of the slave
// returned. Undefined when this machine cannot do it.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import os, pty, sys, termios, time, select, json
request = json.loads(sys.argv[1])
m, s = pty.openpty()
attrs = termios.tcgetattr(s)
attrs[0], attrs[1], attrs[3] = request['iflag'], request['oflag'], request['lflag']
for index, value in request['cc']:
    attrs[6][index] = bytes([value])
termios.tcsetattr(s, termios.TCSANOW, attrs)
os.write(m, bytes.fromhex(request['input']))
time.sleep(0.05)
screen = b''
while select.select([m], [], [], 0.05)[0]:
    screen += os.read(m, 4096)
os.set_blocking(s, False)
reads = []
for _ in range(100):
    try:
        reads.append(os.read(s, request['length']).hex())
    except BlockingIOError:
        break
print(json.dumps({'screen': screen.hex(), 'reads': reads}))
`;

export interface Flags {
  iflag: number;
  oflag: number;
  lflag: number;
  /** Control characters to change, as [index, value]. */
  cc?: [number, number][];
}

export interface PtyResult {
  screen: string;
  reads: string[];
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const text = (hexText: string): string => Buffer.from(hexText, 'hex').toString('utf8');

export function onLinux(input: Uint8Array, flags: Flags, length = 1024): PtyResult | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const out = execFileSync(
      'python3',
      ['-c', SCRIPT, JSON.stringify({ cc: [], ...flags, input: hex(input), length })],
      { encoding: 'utf8', timeout: 10_000 },
    );
    const result = JSON.parse(out) as { screen: string; reads: string[] };
    return { screen: text(result.screen), reads: result.reads.map(text) };
  } catch {
    return undefined;
  }
}

/** The control characters `stty -g` reports for a fresh pseudo-terminal, or undefined. */
export function linuxDefaultControlCharacters(): number[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const out = execFileSync('script', ['-qc', 'stty -g', '/dev/null'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    // iflag:oflag:cflag:lflag:cc0:cc1:... in hex.
    const fields = out.trim().split(':');
    return fields.slice(4).map((field) => parseInt(field, 16));
  } catch {
    return undefined;
  }
}

/** The flags `stty -g` reports for a fresh pseudo-terminal, or undefined. */
export function linuxDefaultFlags(): (Flags & { cflag: number }) | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const out = execFileSync('script', ['-qc', 'stty -g', '/dev/null'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    const [iflag, oflag, cflag, lflag] = out
      .trim()
      .split(':')
      .map((field) => parseInt(field, 16));
    return { iflag: iflag ?? 0, oflag: oflag ?? 0, cflag: cflag ?? 0, lflag: lflag ?? 0 };
  } catch {
    return undefined;
  }
}

/** Why a comparison with Linux could not run: said loudly, never skipped. */
export const linuxPtyMissing =
  'comparing with a real Linux pty needs python3 and script(1) (util-linux): apt-get install python3 bsdutils';
