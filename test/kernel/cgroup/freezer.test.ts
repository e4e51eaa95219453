// The cgroup v2 freezer: cgroup.freeze stops a cgroup's processes (and its
// descendants'), cgroup.events shows `frozen`, writing 0 lets them go on,
// and SIGKILL still ends a frozen process. A process is parked at its next
// system call (kernel/cgroup/freezer.ts): the loop here makes one per turn.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from '../../../src/kernel/boot/kernel-files.ts';
import { BoxKernel } from '../../support/box.ts';
import { ROOT, errnoOf, read, write } from './support.ts';

const APPLETS = ['sh', 'cat', 'mkdir', 'sleep', 'true', 'echo'];

let box: BoxKernel | undefined;
afterEach(async () => {
  await box?.shutdown();
  box = undefined;
});

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('cgroup.freeze', () => {
  it('is absent from the root, 0 by default, and takes only 0 or 1', async () => {
    box = new BoxKernel();
    await box.install(APPLETS);
    const init = box.kernel.init;
    expect(errnoOf(() => read(init, `${ROOT}/cgroup.freeze`))).toBe('ENOENT');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '+pids')).toBe('ok');
    const made = await box.run(['mkdir', `${ROOT}/ice`], '/');
    expect(made.status).toBe(0);
    expect(read(init, `${ROOT}/ice/cgroup.freeze`)).toBe('0\n');
    expect(read(init, `${ROOT}/ice/cgroup.events`)).toBe('populated 0\nfrozen 0\n');
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '2')).toBe('ERANGE');
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, 'x')).toBe('EINVAL');
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '1')).toBe('ok');
    expect(read(init, `${ROOT}/ice/cgroup.events`)).toBe('populated 0\nfrozen 1\n');
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '0')).toBe('ok');
    expect(read(init, `${ROOT}/ice/cgroup.freeze`)).toBe('0\n');
  }, 60_000);

  it('stops a looping shell and its children until thawed; a parent frozen freezes the child cgroup', async () => {
    box = new BoxKernel();
    await box.install(APPLETS);
    const { kernel } = box;
    const init = kernel.init;
    const setup = await box.run(['sh', '-c', `mkdir ${ROOT}/ice ${ROOT}/ice/inner`], '/');
    expect(setup.status).toBe(0);
    const looper = box.run(
      [
        'sh',
        '-c',
        `echo $$ > ${ROOT}/ice/inner/cgroup.procs; n=0; while [ $n -lt 100000 ]; do n=$((n+1)); echo $n > /tmp/count; done`,
      ],
      '/',
    );
    const count = async () => {
      try {
        return Number(new TextDecoder().decode(await readFile(init, '/tmp/count')));
      } catch {
        return 0;
      }
    };
    await until(async () => (await count()) > 10);
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '1')).toBe('ok');
    expect(read(init, `${ROOT}/ice/inner/cgroup.events`)).toBe('populated 1\nfrozen 1\n');
    expect(read(init, `${ROOT}/ice/inner/cgroup.freeze`)).toBe('0\n');
    // Parked at its next call: the count settles and stays.
    let settled = await count();
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await count();
      if (now !== settled) {
        settled = now;
        i = 0;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toBe(settled);
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '0')).toBe('ok');
    await until(async () => (await count()) > settled);
    expect(read(init, `${ROOT}/ice/inner/cgroup.events`)).toBe('populated 1\nfrozen 0\n');
    // Frozen again, it still dies of SIGKILL (cgroup.kill).
    expect(write(init, `${ROOT}/ice/cgroup.freeze`, '1')).toBe('ok');
    expect(write(init, `${ROOT}/ice/inner/cgroup.kill`, '1')).toBe('ok');
    expect((await looper).status).toBe(137);
  }, 60_000);
});
