// A container's root is an overlay of its image and its own writable layer,
// and that layer outlives the bocal process: each `bocal` command below is
// a new kernel and engine on the same store ($BOCAL_HOME), as a page reload
// is in the browser. diff, export, commit and cp read it, running or not;
// rm deletes it. Tar output is checked with GNU tar.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BOCAL = new URL('../../bin/bocal.js', import.meta.url).pathname;
const TIMEOUT = 300_000;

function bocalIn(home: string) {
  return (args: string[], input?: Uint8Array) => {
    const result = spawnSync(BOCAL, args, {
      env: { ...process.env, BOCAL_HOME: home },
      input,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      bytes: result.stdout,
      out: result.stdout.toString('utf8'),
      err: result.stderr.toString('utf8'),
      status: result.status,
    };
  };
}

/** `tar -tv`-like listing of a tar's names (GNU tar reads what we write). */
function tarNames(tar: Uint8Array): string[] {
  const result = spawnSync('tar', ['-t'], { input: tar });
  expect(result.status).toBe(0);
  return result.stdout.toString('utf8').split('\n').filter(Boolean);
}

function tarFile(tar: Uint8Array, name: string): string {
  const result = spawnSync('tar', ['-xO', name], { input: tar });
  expect(result.status).toBe(0);
  return result.stdout.toString('utf8');
}

describe('writable layer', () => {
  it(
    'keeps a container’s changes across bocal invocations; diff, export, commit; rm deletes it',
    () => {
      const home = mkdtempSync(join(tmpdir(), 'bocal-layer-'));
      const bocal = bocalIn(home);
      const script = 'cat /f 2>/dev/null; echo hi > /f; rm -f /bin/ls; echo x > /etc/new';
      const first = bocal(['run', '--name', 'keep', 'box', 'sh', '-c', script]);
      expect(first).toMatchObject({ out: '', status: 0 });
      // A new process, a new kernel: the layer comes back from the store.
      expect(bocal(['start', '-a', 'keep'])).toMatchObject({ out: 'hi\n', status: 0 });
      expect(bocal(['diff', 'keep'])).toMatchObject({
        out: 'C /bin\nD /bin/ls\nC /etc\nA /etc/new\nA /f\n',
        status: 0,
      });
      // Another container of the same image does not see it.
      expect(bocal(['run', '--rm', 'box', 'ls', '/bin/ls'])).toMatchObject({
        out: '/bin/ls\n',
        status: 0,
      });

      const exported = bocal(['export', 'keep']);
      expect(exported.status).toBe(0);
      const names = tarNames(exported.bytes);
      expect(names).toContain('f');
      expect(names).toContain('etc/new');
      expect(names).toContain('bin/sh');
      expect(names).not.toContain('bin/ls');
      expect(tarFile(exported.bytes, 'f')).toBe('hi\n');
      const file = join(home, 'out.tar');
      expect(bocal(['export', '-o', file, 'keep']).status).toBe(0);
      expect(tarNames(readFileSync(file))).toEqual(names);

      const committed = bocal([
        'commit',
        '-m',
        'with f',
        '-a',
        'A. Teacher',
        '-c',
        'CMD ["cat", "/f"]',
        'keep',
        'snap:1',
      ]);
      expect(committed.status).toBe(0);
      expect(committed.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      const images = bocal(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
      expect(images.out).toContain(`snap:1 ${committed.out.slice(7, 19)}\n`);
      expect(bocal(['run', '--rm', 'snap:1'])).toMatchObject({ out: 'hi\n', status: 0 });
      expect(bocal(['run', '--rm', 'snap:1', 'ls', '/bin/ls']).status).not.toBe(0);
      expect(bocal(['inspect', '-f', '{{.Author}}', 'snap:1']).out).toBe('A. Teacher\n');

      expect(bocal(['rm', 'keep'])).toMatchObject({ out: 'keep\n', status: 0 });
      const records = JSON.parse(readFileSync(join(home, 'images', 'records.json'), 'utf8')) as {
        layer?: Record<string, unknown>;
      };
      expect(Object.keys(records.layer ?? {})).toEqual([]);
      expect(bocal(['diff', 'keep'])).toMatchObject({
        err: 'Error response from daemon: No such container: keep\n',
        status: 1,
      });
    },
    TIMEOUT,
  );

  it(
    'copies files in and out of a stopped container, kept in its layer (docker cp)',
    () => {
      const home = mkdtempSync(join(tmpdir(), 'bocal-cp-'));
      const bocal = bocalIn(home);
      expect(
        bocal(['create', '--name', 'box1', 'box', 'cat', '/in/hello', '/etc/hostname']).status,
      ).toBe(0);
      const local = join(home, 'hello');
      writeFileSync(local, 'from the host\n');
      expect(bocal(['cp', local, 'box1:/in/hello']).status).not.toBe(0);
      expect(bocal(['cp', local, 'box1:/etc/']).status).toBe(0);
      expect(bocal(['cp', local, 'box1:/etc/renamed']).status).toBe(0);
      const tar = spawnSync('tar', ['-c', '-C', home, 'hello'], { encoding: 'buffer' }).stdout;
      expect(bocal(['cp', '-', 'box1:/tmp'], tar).status).toBe(0);
      expect(bocal(['diff', 'box1']).out).toBe(
        'C /etc\nA /etc/hello\nA /etc/renamed\nC /tmp\nA /tmp/hello\n',
      );
      const out = bocal(['cp', 'box1:/etc/renamed', '-']);
      expect(tarNames(out.bytes)).toEqual(['renamed']);
      expect(tarFile(out.bytes, 'renamed')).toBe('from the host\n');
      const back = join(home, 'back');
      expect(bocal(['cp', 'box1:/etc/hello', back]).status).toBe(0);
      expect(readFileSync(back, 'utf8')).toBe('from the host\n');
      const tree = bocal(['cp', 'box1:/etc', '-']);
      expect(tarNames(tree.bytes)).toEqual(
        expect.arrayContaining(['etc/', 'etc/hello', 'etc/passwd']),
      );
      expect(bocal(['cp', 'box1:/nope', '-'])).toMatchObject({
        err: 'Error: No such container:path: box1:/nope\n',
        status: 1,
      });
    },
    TIMEOUT,
  );
});
