// The host terminal in the mode the docker CLI puts it in while it relays a
// container's terminal (moby/term's MakeRaw, cfmakeraw): no echo, no line
// editing, no signals from keys, and no output processing, since the
// container's terminal already turned its \n into \r\n. Node's raw mode
// (libuv's) keeps ONLCR on, which would show every line end as \r\r\n;
// `stty -opost` on the same terminal turns it off.
import { spawnSync } from 'node:child_process';
import type { ReadStream } from 'node:tty';

/** Makes `input`'s terminal raw; returns what gives it back its modes (safe to call twice). */
export function makeRaw(input: ReadStream): () => void {
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  disableOutputProcessing();
  let raw = true;
  const restore = (): void => {
    if (!raw) return;
    raw = false;
    process.off('exit', restore);
    // libuv gives back the modes it saved before its first change, OPOST included.
    input.setRawMode(wasRaw);
  };
  // A crash or process.exit must not leave the user's terminal raw.
  process.on('exit', restore);
  return restore;
}

/** `stty -opost` on our stdin (the terminal); false when stty is not there to do it. */
export function disableOutputProcessing(): boolean {
  const result = spawnSync('stty', ['-opost'], { stdio: ['inherit', 'ignore', 'ignore'] });
  return result.status === 0;
}
