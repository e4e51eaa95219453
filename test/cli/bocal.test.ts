// The installed `bocal` command, run as a user would run it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/bocal.js', import.meta.url));
const bocal = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('bocal', () => {
  it('prints its version', () => {
    const result = bocal('--version');
    expect(result.stdout).toMatch(/^bocal version \d+\.\d+\.\d+\n$/);
    expect(result.status).toBe(0);
  });

  it('rejects an unknown command as docker does', () => {
    const result = bocal('frobnicate');
    expect(result.stderr).toBe("bocal: 'frobnicate' is not a bocal command.\nSee 'bocal --help'\n");
    expect(result.status).toBe(1);
  });
});
