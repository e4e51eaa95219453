// Stdin from a string and stdout/stderr collected as text: the fds 0, 1, 2
// a test gives a program it runs on the kernel.
import { HostStream } from '../../src/kernel/io/host-stream.ts';
import type { OpenFile } from '../../src/kernel/fs/open-file.ts';

export interface CapturedStdio {
  fds: Map<number, OpenFile>;
  stdout(): string;
  stderr(): string;
}

const clock = () => BigInt(Date.now()) * 1_000_000n;

/** `mergeStderr`: fd 2 writes into stdout too, interleaved as a terminal would show them. */
export function capturedStdio(stdin = '', mergeStderr = false): CapturedStdio {
  let input = new TextEncoder().encode(stdin);
  const collected = { stdout: '', stderr: '' };
  const out = new TextDecoder();
  const err = new TextDecoder();
  const fds = new Map<number, OpenFile>([
    [
      0,
      new HostStream(
        async (length) => {
          const chunk = input.subarray(0, length);
          input = input.subarray(chunk.length);
          return chunk;
        },
        undefined,
        clock,
      ),
    ],
    [
      1,
      new HostStream(
        undefined,
        (b) => void (collected.stdout += out.decode(b, { stream: true })),
        clock,
      ),
    ],
    [
      2,
      new HostStream(
        undefined,
        mergeStderr
          ? (b) => void (collected.stdout += out.decode(b, { stream: true }))
          : (b) => void (collected.stderr += err.decode(b, { stream: true })),
        clock,
      ),
    ],
  ]);
  return { fds, stdout: () => collected.stdout, stderr: () => collected.stderr };
}
