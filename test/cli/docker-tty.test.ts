// `docker run -it box sh` on a real pseudo-terminal (python3's pty, as the
// tty tests use): in Node (`bocal run -it`) the container's shell gets the
// terminal; in the emulated host (`bocal shell`, then docker) the shell's
// terminal passes to the container and back, raw while it is relayed to
// the container's own; ^P ^Q detaches and `docker attach` takes it again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ptySession, type PtyStep } from '../support/pty-session.ts';

const bin = new URL('../../bin/bocal.js', import.meta.url).pathname;

/** `bocal ARGS` on a pseudo-terminal, typing `steps`, with a store of its own. */
const session = (steps: PtyStep[], args: string[]) =>
  ptySession([process.execPath, bin, ...args], steps, {
    env: { ...process.env, BOCAL_HOME: mkdtempSync(join(tmpdir(), 'bocal-tty-')) },
  });

// Each session may take up to the driver's 90 s on a busy machine (the default is 30 s).
describe('docker run -it', () => {
  it('gives the container shell the terminal in Node', () => {
    const result = session(
      [{ expect: '# ' }, { send: 'echo hi; hostname; exit 7\r' }, { expect: 'exit 7\r\n' }],
      ['run', '-it', 'box', 'sh'],
    );
    expect(result.error).toBeNull();
    expect(result.screen).toMatch(/exit 7\r\nhi\r\n[0-9a-f]{12}\r\n$/);
    expect(result.status).toBe(7);
  }, 120_000);

  it('runs from the emulated host and gives the terminal back', () => {
    const result = session(
      [
        { expect: 'root@bocal:~# ' },
        { send: 'docker run -it box sh\r' },
        { expect: '\r\n# ' },
        { send: 'echo hi; exit 3\r' },
        { expect: 'root@bocal:~# ' },
        { send: 'echo back=$?\r' },
        { expect: 'back=3\r\n' },
        { send: 'exit\r' },
      ],
      ['shell'],
    );
    expect(result.error).toBeNull();
    expect(result.screen).toContain('# echo hi; exit 3\r\nhi\r\nroot@bocal:~# ');
    expect(result.status).toBe(0);
  }, 120_000);

  it('detaches with ^P ^Q in the emulated host, and attach takes the terminal again', () => {
    const result = session(
      [
        { expect: 'root@bocal:~# ' },
        { send: 'docker run -it --name ctr box sh\r' },
        { expect: '\r\n# ' },
        { send: 'echo in $((2+3))\r' },
        { expect: 'in 5\r\n' },
        { send: '\x10\x11' },
        { expect: 'root@bocal:~# ' },
        // run -it detached: status 0, the container still running.
        { send: 'echo st=$?; docker ps --format "{{.Names}} {{.State}}"\r' },
        { expect: 'st=0\r\nctr running\r\n' },
        { send: 'docker attach ctr\r' },
        { pause: 2 },
        { send: 'echo again\r' },
        { expect: 'again\r\n' },
        { send: '\x10\x11' },
        { expect: 'read escape sequence\r\n' },
        // The host shell gets every key again (no read of the caller's terminal is left behind).
        { send: 'echo back\r' },
        { expect: 'back\r\n' },
        { send: 'docker rm -f ctr; exit\r' },
      ],
      ['shell'],
    );
    expect(result.error).toBeNull();
    expect(result.status).toBe(0);
  }, 120_000);
});
