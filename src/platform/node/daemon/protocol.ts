// The wire between `bocal` and its daemon on a unix socket: frames of one
// type byte, a 32-bit big-endian length and the payload. The client sends
// one request (its argv, working directory and whether it is on a
// terminal), then its input; the daemon answers with output and, last,
// the exit status.
export const Frame = {
  /** client: the request, JSON `DaemonRequest`. */
  Request: 0x52,
  /** client: bytes of its stdin. */
  Input: 0x49,
  /** client: its stdin has ended. */
  InputEnd: 0x45,
  /** client: its terminal's size, JSON `[rows, columns]`. */
  Resize: 0x57,
  /** daemon: bytes for the client's stdout. */
  Stdout: 0x4f,
  /** daemon: bytes for the client's stderr. */
  Stderr: 0x65,
  /**
   * daemon: "1" while a terminal's bytes (already output-processed) are
   * relayed to the client: its terminal goes raw, as the docker CLI's does;
   * "0" gives it back its modes.
   */
  Raw: 0x54,
  /**
   * daemon: "1" while the command proxies the client's signals to a
   * container (--sig-proxy): the client catches them and sends them
   * (Frame.Signal); "0" lets them act on it again.
   */
  Proxy: 0x50,
  /** client: a signal it received while proxying, JSON number. */
  Signal: 0x53,
  /** daemon: the command's exit status, JSON number; the last frame. */
  Exit: 0x58,
} as const;

export type Frame = (typeof Frame)[keyof typeof Frame];

export interface DaemonRequest {
  argv: string[];
  cwd: string;
  /** stdin and stdout are a terminal: a -t container gets the client's terminal. */
  terminal: boolean;
  stdinTerminal: boolean;
  stdoutTerminal: boolean;
  size?: [rows: number, columns: number];
}

export function encodeFrame(type: Frame, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const frame = new Uint8Array(5 + body.length);
  frame[0] = type;
  new DataView(frame.buffer).setUint32(1, body.length);
  frame.set(body, 5);
  return frame;
}

/** Splits a byte stream into frames, whatever the chunks it arrives in. */
export class FrameReader {
  private buffer = new Uint8Array(0);

  constructor(private readonly onFrame: (type: Frame, payload: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    let at = 0;
    while (joined.length - at >= 5) {
      const length = new DataView(joined.buffer, joined.byteOffset + at + 1, 4).getUint32(0);
      if (joined.length - at - 5 < length) break;
      this.onFrame(joined[at] as Frame, joined.slice(at + 5, at + 5 + length));
      at += 5 + length;
    }
    this.buffer = joined.slice(at);
  }
}
