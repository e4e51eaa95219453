// What a program finds when it starts, now that the C library's start-up
// calls (moving the root preopen off fd 3, wasi-libc's look for a preopen
// there, the cwd) are answered by the worker from what the kernel said at
// the start, and the kernel makes the move at the program's first call of
// its own (worker/startup-answers.ts): fd 3 is free for the program and the
// cwd is the one it was started in. Each command runs in a process the
// shell started, so this also covers programs started one after another,
// each taking the syscall channel its predecessor gave back
// (exec/channel-pool.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from '../../../src/kernel/boot/kernel-files.ts';
import { BoxKernel } from '../../support/box.ts';

const APPLETS = ['sh', 'ls', 'cat', 'pwd', 'mkdir'];

let box: BoxKernel | undefined;
afterEach(async () => {
  await box?.shutdown();
  box = undefined;
});

async function run(script: string) {
  box = new BoxKernel();
  await box.install(APPLETS);
  return box.run(['sh', '-c', script], '/');
}

describe('a program at its start', () => {
  it('has fd 3 free: the first fd it opens is 3, and the root preopen is at 1023', async () => {
    // ls opens /proc/self/fd as its fd 3, as on Linux; bocal's preopen shows at 1023.
    const result = await run('ls /proc/self/fd; /bin/ls /proc/self/fd');
    expect(result).toEqual({ stdout: '0\n1\n1023\n2\n3\n'.repeat(2), stderr: '', status: 0 });
  });

  it('starts in the cwd it was given, relative paths resolving from there', async () => {
    const result = await run(
      'mkdir -p /tmp/a/b && echo here > /tmp/a/b/f && cd /tmp/a && /bin/pwd && cat b/f && cd b && sh -c "pwd; cat f"',
    );
    expect(result).toEqual({ stdout: '/tmp/a\nhere\n/tmp/a/b\nhere\n', stderr: '', status: 0 });
  });
});

/** A module whose start function (run at instantiation) calls proc_exit(7); its _start does nothing. */
function startFunctionExits(): Uint8Array {
  const text = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const section = (id: number, content: number[]) => [id, content.length, ...content];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00]),
    ...section(2, [0x01, ...text('wasi_snapshot_preview1'), ...text('proc_exit'), 0x00, 0x00]),
    ...section(3, [0x02, 0x01, 0x01]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, ...text('memory'), 0x02, 0x00, ...text('_start'), 0x00, 0x02]),
    ...section(8, [0x01]),
    ...section(10, [0x02, 0x06, 0x00, 0x41, 0x07, 0x10, 0x00, 0x0b, 0x02, 0x00, 0x0b]),
  ]);
}

describe('a module with a start function', () => {
  it('runs it at each start: one that calls proc_exit ends the program with its status', async () => {
    box = new BoxKernel();
    await box.install(APPLETS);
    await writeFile(box.kernel.init, '/bin/startexit', startFunctionExits(), 0o755);
    const result = await box.run(['sh', '-c', 'startexit; echo $?; startexit; echo $?'], '/');
    expect(result).toEqual({ stdout: '7\n7\n', stderr: '', status: 0 });
  });
});
