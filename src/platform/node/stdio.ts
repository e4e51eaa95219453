// The Node process's own stdin, stdout and stderr as open files for a
// program, so `bocal wasi` passes them through as wasmtime does.
import type { Readable, Writable } from 'node:stream';
import { HostStream } from '../../kernel/io/host-stream.ts';
import type { OpenFile } from '../../kernel/fs/open-file.ts';

const clock = () => BigInt(Date.now()) * 1_000_000n;

/** Reads from a Node stream on demand: bytes arrive as the program asks for them. */
export function readerOf(stream: Readable): (length: number) => Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let ended = false;
  let waiting: (() => void) | undefined;
  const wake = () => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.();
  };
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    stream.on('data', (chunk: Buffer) => {
      chunks.push(new Uint8Array(chunk));
      stream.pause();
      wake();
    });
    stream.on('end', () => {
      ended = true;
      wake();
    });
    stream.on('error', () => {
      ended = true;
      wake();
    });
  };
  return async (length) => {
    start();
    while (chunks.length === 0 && !ended) {
      stream.resume();
      await new Promise<void>((resolve) => (waiting = resolve));
    }
    const first = chunks[0];
    if (!first) return new Uint8Array(0);
    if (first.length <= length) {
      chunks.shift();
      return first;
    }
    chunks[0] = first.subarray(length);
    return first.subarray(0, length);
  };
}

function writerOf(stream: Writable): (bytes: Uint8Array) => Promise<void> {
  return (bytes) =>
    new Promise((resolve, reject) => {
      stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
}

/** fds 0, 1 and 2 of a program run from the command line. */
export function nodeStdio(): Map<number, OpenFile> {
  return new Map<number, OpenFile>([
    [0, new HostStream(readerOf(process.stdin), undefined, clock)],
    [1, new HostStream(undefined, writerOf(process.stdout), clock)],
    [2, new HostStream(undefined, writerOf(process.stderr), clock)],
  ]);
}

/**
 * The fds of a program whose stdin is the kernel's tty (stdin on a terminal):
 * stdout and stderr stay the host's where they are redirected.
 */
export function redirectedStdio(): Map<number, OpenFile> {
  const stdio = nodeStdio();
  const fds = new Map<number, OpenFile>();
  if (!process.stdout.isTTY) fds.set(1, stdio.get(1)!);
  if (!process.stderr.isTTY) fds.set(2, stdio.get(2)!);
  return fds;
}
