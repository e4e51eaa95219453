// The prune verbs' question: the warning, "Are you sure you want to
// continue? [y/N] ", and one line of the caller's stdin; only y or yes
// (any case) goes on, as the docker CLI's PromptForConfirmation.
import type { DockerIO } from '../command.ts';

async function readLine(io: DockerIO): Promise<string> {
  if (!io.files) return '';
  const reader = io.files.stdin().getReader();
  const decoder = new TextDecoder();
  let line = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      line += decoder.decode(value, { stream: true });
      if (line.includes('\n')) break;
    }
  } finally {
    reader.releaseLock();
  }
  return line.split('\n')[0]!;
}

export async function confirm(io: DockerIO, warning: string): Promise<boolean> {
  await io.out(`${warning}Are you sure you want to continue? [y/N] `);
  const answer = (await readLine(io)).trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}
