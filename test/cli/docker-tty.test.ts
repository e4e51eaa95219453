// `docker run -it box sh` on a real pseudo-terminal (python3's pty, as the
// tty tests use): in Node (`bocal run -it`) the container's shell gets the
// terminal; in the emulated host (`bocal shell`, then docker) the shell's
// terminal passes to the container and back.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const bin = `${root}bin/bocal.js`;

function session(steps: ({ expect: string } | { send: string })[], args: string[]) {
  const output = execFileSync(
    'python3',
    [`${root}test/tty/pty-session.py`, JSON.stringify(steps), process.execPath, bin, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, BOCAL_HOME: mkdtempSync(join(tmpdir(), 'bocal-tty-')) },
    },
  );
  return JSON.parse(output) as { screen: string; status: number; error: string | null };
}

beforeAll(() => {
  if (spawnSync('python3', ['--version']).status !== 0) {
    throw new Error('python3 is missing: install it (apt-get install python3)');
  }
});

describe('docker run -it', () => {
  it('gives the container shell the terminal in Node', () => {
    const result = session(
      [{ expect: '# ' }, { send: 'echo hi; hostname; exit 7\r' }, { expect: 'exit 7\r\n' }],
      ['run', '-it', 'box', 'sh'],
    );
    expect(result.error).toBeNull();
    expect(result.screen).toMatch(/exit 7\r\nhi\r\n[0-9a-f]{12}\r\n$/);
    expect(result.status).toBe(7);
  });

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
  });
});
