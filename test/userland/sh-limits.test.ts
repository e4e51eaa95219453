// Runaway recursion in the shell: each function call nests the interpreter
// on the C stack (1 MiB in wasm), so without a limit `f() { f; }; f` trapped
// and took the whole shell down (dash crashes the same way natively). The
// limit gives bash's FUNCNEST message, status 1, and the script goes on; a
// deep but bounded recursion still works. Natively and on bocal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoxKernel, hostScratch, runHost } from '../support/box.ts';

const runaway = 'f() { f; }; f; echo "status $?"';
const bounded =
  'g() { if [ $1 -lt 500 ]; then case x in x) g $(($1 + 1));; esac; else echo "depth $1"; fi; }; g 0';

describe('sh: runaway recursion', () => {
  const kernel = new BoxKernel();
  let dir: string;
  beforeAll(async () => {
    await kernel.install(['sh', '[', 'echo']);
    dir = hostScratch();
    await kernel.prepare(dir, []);
  });
  afterAll(() => kernel.shutdown());

  const expected = {
    stdout: 'status 1\n',
    stderr: 'sh: f: maximum function nesting level exceeded (512)\n',
    status: 0,
  };

  it('is stopped with a message, natively', () => {
    expect(runHost('native', ['sh', '-c', runaway], dir)).toEqual(expected);
    expect(runHost('native', ['sh', '-c', bounded], dir).stdout).toBe('depth 500\n');
  });

  it('is stopped with a message on bocal, and the shell survives', async () => {
    expect(await kernel.run(['sh', '-c', runaway], dir)).toEqual(expected);
    expect((await kernel.run(['sh', '-c', bounded], dir)).stdout).toBe('depth 500\n');
  });
});
