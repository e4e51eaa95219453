// Runs a program on the kernel with no stdin and its stdout and stderr
// collected as text: what the kernel's worker uses for its own small jobs
// at boot (box --list) and what KernelService gives the page's spawns.
import { shellExitCode } from '../../kernel/abi/wait-status.ts';
import type { OpenFile } from '../../kernel/fs/open-file.ts';
import { HostStream } from '../../kernel/io/host-stream.ts';
import type { Kernel, SpawnSpec } from '../../kernel/kernel.ts';

export interface CapturedRun {
  stdout: string;
  stderr: string;
  /** As a shell shows it: 128 + n when killed by signal n. */
  status: number;
}

export async function runCaptured(
  kernel: Kernel,
  program: SpawnSpec['program'],
  argv: string[],
  env: string[] = [],
): Promise<CapturedRun> {
  const clock = (): bigint => BigInt(Math.round(kernel.host.now() * 1e6));
  const stdout = captureText();
  const stderr = captureText();
  const fds = new Map<number, OpenFile>([
    [0, new HostStream(async () => new Uint8Array(0), undefined, clock)],
    [1, new HostStream(undefined, stdout.sink, clock)],
    [2, new HostStream(undefined, stderr.sink, clock)],
  ]);
  const { exited } = await kernel.spawn({ program, argv, env, fds });
  const status = shellExitCode(await exited);
  return { stdout: stdout.text(), stderr: stderr.text(), status };
}

/** A sink for bytes and the text they decode to so far (UTF-8, split sequences kept). */
export function captureText(): { sink: (bytes: Uint8Array) => void; text: () => string } {
  const decoder = new TextDecoder();
  let text = '';
  return {
    sink: (bytes) => void (text += decoder.decode(bytes, { stream: true })),
    text: () => text + decoder.decode(),
  };
}
