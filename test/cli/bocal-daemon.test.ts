// `bocal run -d` the Docker way: the command starts `bocal daemon` in the
// background, which owns the engine, so the container goes on after the
// command returns; later commands talk to that daemon over its socket
// (exec, top, logs, pause, stop), and the daemon stops by itself once idle
// with no container running.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bocalCommand } from '../support/bocal-cli.ts';

describe('bocal daemon', () => {
  it('keeps a detached container running between commands, then stops when idle', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bocal-daemon-'));
    // Outside the repository, as a user runs it.
    const bocal = bocalCommand(home, { cwd: home, env: { BOCAL_DAEMON_IDLE_MS: '2000' } });
    const run = bocal('run', '-d', '--name', 'bg', 'box', 'sh', '-c', 'echo hello; sleep 600');
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(existsSync(join(home, 'bocal.sock'))).toBe(true);
    expect(bocal('ps', '--format', '{{.Names}} {{.State}}').out).toBe('bg running\n');
    const exec = bocal('exec', 'bg', 'sh', '-c', 'echo $$; hostname; exit 3');
    expect(exec.status).toBe(3);
    expect(exec.out).toBe(`${Number(exec.out.split('\n')[0])}\n${run.out.slice(0, 12)}\n`);
    const top = bocal('top', 'bg');
    expect(top.out).toContain('sleep 600');
    expect(bocal('logs', 'bg')).toEqual({ out: 'hello\n', err: '', status: 0 });
    expect(bocal('pause', 'bg').out).toBe('bg\n');
    expect(bocal('ps', '--format', '{{.Status}}').out).toMatch(/\(Paused\)\n$/);
    expect(bocal('unpause', 'bg').out).toBe('bg\n');
    expect(bocal('kill', 'bg').out).toBe('bg\n');
    expect(bocal('ps', '-a', '--format', '{{.Names}} {{.Status}}').out).toMatch(
      /^bg Exited \(137\) /,
    );
    // Idle, nothing running: the daemon goes away and removes its socket.
    for (let i = 0; i < 200 && existsSync(join(home, 'bocal.sock')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(join(home, 'bocal.sock'))).toBe(false);
    expect(readFileSync(join(home, 'daemon.log'), 'utf8')).toContain('bocal daemon: idle, stopped');
    // The record and its logs stay for the next command (in this process now).
    expect(bocal('logs', 'bg')).toEqual({ out: 'hello\n', err: '', status: 0 });
    expect(bocal('rm', 'bg')).toMatchObject({ out: 'bg\n', status: 0 });
  }, 300_000);
});
