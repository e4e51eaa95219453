// Container records outlive the engine: each `bocal` command is a new
// engine on the same store ($BOCAL_HOME), as a page reload is in the
// browser, and finds the containers earlier ones left.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bocalCommand } from '../support/bocal-cli.ts';

describe('container records', () => {
  it('are kept across bocal invocations until removed', () => {
    const home = mkdtempSync(join(tmpdir(), 'bocal-persist-'));
    const bocal = bocalCommand(home);
    expect(bocal('run', '--name', 'keep', 'box', 'sh', '-c', 'exit 2').status).toBe(2);
    expect(bocal('run', '--rm', 'box', 'true').status).toBe(0);
    const listed = bocal('ps', '-a', '--format', '{{.Names}}|{{.Status}}|{{.Command}}');
    expect(listed.out).toMatch(/^keep\|Exited \(2\) .* ago\|"sh -c exit 2"\n$/);
    expect(bocal('inspect', '-f', '{{.Name}}', 'keep').out).toBe('/keep\n');
    const conflict = bocal('create', '--name', 'keep', 'box');
    // create passes dockerd's refusal on as it is, status 1.
    expect(conflict.status).toBe(1);
    expect(conflict.err).toContain('The container name "/keep" is already in use');
    expect(bocal('start', '-a', 'keep').status).toBe(2);
    expect(bocal('rm', 'keep')).toMatchObject({ out: 'keep\n', status: 0 });
    expect(bocal('ps', '-aq').out).toBe('');
    // Eight bocal processes, each booting a kernel: slow on a loaded machine.
  }, 300_000);
});
