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
