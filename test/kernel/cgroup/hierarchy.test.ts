// The cgroup v2 hierarchy through cgroupfs at /sys/fs/cgroup, as root
// uses it with echo and cat: files, formats and errnos as Linux gives
// them (compared with a real cgroup2 mount of this machine's kernel and
// Documentation/admin-guide/cgroup-v2.rst).
import { afterEach, describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import type { Kernel } from '../../../src/kernel/kernel.ts';
import * as vfs from '../../../src/kernel/fs/vfs/create.ts';
import { unlink } from '../../../src/kernel/fs/vfs/remove.ts';
import { vfsContext } from '../../../src/kernel/syscalls/fs-context.ts';
import {
  ROOT,
  bootKernel,
  create,
  errnoOf,
  fork,
  mkdir,
  read,
  readdir,
  rmdir,
  write,
} from './support.ts';

let kernel: Kernel;
afterEach(async () => kernel?.shutdown());

function boot(): Kernel {
  kernel = bootKernel();
  return kernel;
}

describe('the root cgroup', () => {
  it('is mounted at /sys/fs/cgroup as cgroup2, with every controller available', async () => {
    const { init } = boot();
    expect(read(init, '/proc/mounts')).toContain(
      'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec',
    );
    expect(read(init, `${ROOT}/cgroup.controllers`)).toBe('cpu memory pids\n');
    expect(read(init, `${ROOT}/cgroup.subtree_control`)).toBe('\n');
    expect(read(init, `${ROOT}/cgroup.procs`)).toBe('1\n');
    expect(read(init, `${ROOT}/cgroup.max.depth`)).toBe('max\n');
    expect(readdir(init, ROOT)).toEqual([
      'cgroup.controllers',
      'cgroup.max.depth',
      'cgroup.max.descendants',
      'cgroup.procs',
      'cgroup.stat',
      'cgroup.subtree_control',
      'cgroup.threads',
      'cpu.stat',
    ]);
  });

  it('lists a forked child with its parent, and cgroup.stat counts cgroups per controller', () => {
    const { init } = boot();
    const child = fork(kernel);
    expect(read(init, `${ROOT}/cgroup.procs`)).toBe(`1\n${child.pid}\n`);
    expect(mkdir(init, `${ROOT}/a`)).toBe('ok');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '+pids')).toBe('ok');
    expect(read(init, `${ROOT}/cgroup.stat`)).toBe(
      [
        'nr_descendants 1',
        'nr_subsys_cpu 1',
        'nr_subsys_memory 1',
        'nr_subsys_pids 2',
        'nr_dying_descendants 0',
        'nr_dying_subsys_cpu 0',
        'nr_dying_subsys_memory 0',
        'nr_dying_subsys_pids 0',
        '',
      ].join('\n'),
    );
  });
});

describe('a child cgroup', () => {
  it('has the core files, and a controller files once its parent enables it', () => {
    const { init } = boot();
    expect(mkdir(init, `${ROOT}/x`)).toBe('ok');
    expect(mkdir(init, `${ROOT}/x`)).toBe('EEXIST');
    expect(readdir(init, `${ROOT}/x`)).not.toContain('pids.max');
    expect(read(init, `${ROOT}/x/cgroup.type`)).toBe('domain\n');
    expect(read(init, `${ROOT}/x/cgroup.events`)).toBe('populated 0\nfrozen 0\n');
    expect(read(init, `${ROOT}/x/cgroup.controllers`)).toBe('\n');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '+pids +memory')).toBe('ok');
    expect(read(init, `${ROOT}/cgroup.subtree_control`)).toBe('memory pids\n');
    expect(read(init, `${ROOT}/x/cgroup.controllers`)).toBe('memory pids\n');
    expect(readdir(init, `${ROOT}/x`)).toEqual(
      expect.arrayContaining([
        'memory.current',
        'memory.events',
        'memory.high',
        'memory.max',
        'memory.peak',
        'pids.current',
        'pids.events',
        'pids.max',
        'pids.peak',
      ]),
    );
    expect(read(init, `${ROOT}/x/pids.max`)).toBe('max\n');
    expect(read(init, `${ROOT}/x/pids.events`)).toBe('max 0\n');
    expect(read(init, `${ROOT}/x/memory.max`)).toBe('max\n');
    expect(read(init, `${ROOT}/x/memory.events`)).toBe(
      'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\nsock_throttled 0\n',
    );
  });

  it('parses limits as Linux does: max, numbers, suffixes, EINVAL and ERANGE', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/x`);
    write(init, `${ROOT}/cgroup.subtree_control`, '+pids +memory +cpu');
    const x = `${ROOT}/x`;
    expect(write(init, `${x}/pids.max`, '5')).toBe('ok');
    expect(read(init, `${x}/pids.max`)).toBe('5\n');
    expect(write(init, `${x}/pids.max`, 'garbage')).toBe('EINVAL');
    expect(write(init, `${x}/pids.max`, '-1')).toBe('EINVAL');
    expect(write(init, `${x}/pids.max`, '4194305')).toBe('EINVAL');
    expect(write(init, `${x}/pids.max`, '  max ')).toBe('ok');
    expect(read(init, `${x}/pids.max`)).toBe('max\n');
    expect(write(init, `${x}/memory.max`, '10M')).toBe('ok');
    expect(read(init, `${x}/memory.max`)).toBe('10485760\n');
    expect(write(init, `${x}/memory.max`, '1000')).toBe('ok');
    expect(read(init, `${x}/memory.max`)).toBe('0\n');
    expect(write(init, `${x}/memory.max`, '1x')).toBe('EINVAL');
    expect(write(init, `${x}/memory.max`, '-5')).toBe('EINVAL');
    expect(write(init, `${x}/memory.high`, '1G')).toBe('ok');
    expect(read(init, `${x}/memory.high`)).toBe('1073741824\n');
    expect(write(init, `${x}/cgroup.max.depth`, 'garbage')).toBe('EINVAL');
    expect(write(init, `${x}/cgroup.max.depth`, '-5')).toBe('ERANGE');
    expect(write(init, `${x}/cgroup.max.descendants`, '2147483648')).toBe('ERANGE');
    expect(write(init, `${x}/cgroup.max.descendants`, '0x10')).toBe('ok');
    expect(read(init, `${x}/cgroup.max.descendants`)).toBe('16\n');
    expect(read(init, `${x}/cpu.max`)).toBe('max 100000\n');
    expect(write(init, `${x}/cpu.max`, '50000')).toBe('ok');
    expect(read(init, `${x}/cpu.max`)).toBe('50000 100000\n');
    expect(write(init, `${x}/cpu.max`, '50000 x')).toBe('EINVAL');
    expect(write(init, `${x}/cgroup.type`, 'domain')).toBe('EINVAL');
    expect(write(init, `${x}/cgroup.controllers`, 'pids')).toBe('EINVAL');
    expect(write(init, `${x}/cgroup.kill`, '2')).toBe('ERANGE');
  });

  it('cgroup.subtree_control: EINVAL without a sign or for an unknown name, ENOENT when not available', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/x`);
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '+nosuch')).toBe('EINVAL');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, 'pids')).toBe('EINVAL');
    expect(write(init, `${ROOT}/x/cgroup.subtree_control`, '+pids')).toBe('ENOENT');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '+pids -pids')).toBe('ok');
    expect(read(init, `${ROOT}/cgroup.subtree_control`)).toBe('\n');
  });

  it('moves processes with cgroup.procs (0 is the writer), and cannot be removed while populated', () => {
    const { init } = boot();
    const child = fork(kernel);
    mkdir(init, `${ROOT}/x`);
    expect(write(init, `${ROOT}/x/cgroup.procs`, String(child.pid))).toBe('ok');
    expect(read(init, `${ROOT}/x/cgroup.procs`)).toBe(`${child.pid}\n`);
    expect(read(init, `${ROOT}/cgroup.procs`)).toBe('1\n');
    expect(read(init, `${ROOT}/x/cgroup.events`)).toBe('populated 1\nfrozen 0\n');
    expect(write(init, `${ROOT}/x/cgroup.procs`, 'abc')).toBe('EINVAL');
    expect(write(init, `${ROOT}/x/cgroup.procs`, '')).toBe('EINVAL');
    expect(write(init, `${ROOT}/x/cgroup.procs`, '99999')).toBe('ESRCH');
    expect(write(init, `${ROOT}/x/cgroup.procs`, '1\n2')).toBe('EINVAL');
    expect(rmdir(init, `${ROOT}/x`)).toBe('EBUSY');
    expect(rmdir(init, `${ROOT}/x/cgroup.procs`)).toBe('ENOTDIR');
    expect(write(child, `${ROOT}/cgroup.procs`, '0')).toBe('ok');
    expect(read(init, `${ROOT}/cgroup.procs`)).toBe(`1\n${child.pid}\n`);
    expect(read(init, `${ROOT}/x/cgroup.events`)).toBe('populated 0\nfrozen 0\n');
    expect(rmdir(init, `${ROOT}/x`)).toBe('ok');
    expect(readdir(init, ROOT)).not.toContain('x');
  });

  it('keeps processes out of cgroups that enable controllers for children (no internal processes)', () => {
    const { init } = boot();
    const child = fork(kernel);
    write(init, `${ROOT}/cgroup.subtree_control`, '+pids');
    mkdir(init, `${ROOT}/a`);
    mkdir(init, `${ROOT}/a/b`);
    write(init, `${ROOT}/a/cgroup.procs`, String(child.pid));
    expect(write(init, `${ROOT}/a/cgroup.subtree_control`, '+pids')).toBe('EBUSY');
    write(init, `${ROOT}/a/b/cgroup.procs`, String(child.pid));
    expect(write(init, `${ROOT}/a/cgroup.subtree_control`, '+pids')).toBe('ok');
    expect(write(init, `${ROOT}/a/cgroup.procs`, String(child.pid))).toBe('EBUSY');
    expect(write(init, `${ROOT}/cgroup.subtree_control`, '-pids')).toBe('EBUSY');
    expect(rmdir(init, `${ROOT}/a`)).toBe('EBUSY');
  });

  it('enforces cgroup.max.depth and cgroup.max.descendants on mkdir with EAGAIN', () => {
    const { init } = boot();
    mkdir(init, `${ROOT}/a`);
    write(init, `${ROOT}/a/cgroup.max.depth`, '1');
    expect(mkdir(init, `${ROOT}/a/b`)).toBe('ok');
    expect(mkdir(init, `${ROOT}/a/b/c`)).toBe('EAGAIN');
    write(init, `${ROOT}/cgroup.max.descendants`, '2');
    expect(mkdir(init, `${ROOT}/d`)).toBe('EAGAIN');
  });

  it('refuses to create files or links in cgroupfs, as kernfs does', () => {
    const { init } = boot();
    expect(create(init, `${ROOT}/newfile`)).toBe('EACCES');
    expect(errnoOf(() => vfs.symlink(vfsContext(init), 'x', init.root, `${ROOT}/l`))).toBe('EPERM');
    expect(errnoOf(() => unlink(vfsContext(init), init.root, `${ROOT}/cgroup.procs`))).toBe(
      'EPERM',
    );
  });
});

describe('the pids controller', () => {
  it('fails a fork past pids.max anywhere up the tree with EAGAIN and counts it in pids.events', () => {
    const { init } = boot();
    const first = fork(kernel);
    write(init, `${ROOT}/cgroup.subtree_control`, '+pids');
    mkdir(init, `${ROOT}/x`);
    write(init, `${ROOT}/x/cgroup.subtree_control`, '+pids');
    mkdir(init, `${ROOT}/x/y`);
    write(init, `${ROOT}/x/pids.max`, '2');
    write(init, `${ROOT}/x/y/cgroup.procs`, String(first.pid));
    expect(read(init, `${ROOT}/x/pids.current`)).toBe('1\n');
    fork(kernel, first);
    expect(read(init, `${ROOT}/x/pids.current`)).toBe('2\n');
    expect(read(init, `${ROOT}/x/y/pids.current`)).toBe('2\n');
    expect(() => fork(kernel, first)).toThrow(expect.objectContaining({ errno: Errno.EAGAIN }));
    expect(read(init, `${ROOT}/x/pids.events`)).toBe('max 1\n');
    expect(read(init, `${ROOT}/x/pids.events.local`)).toBe('max 1\n');
    expect(read(init, `${ROOT}/x/y/pids.events`)).toBe('max 0\n');
    expect(read(init, `${ROOT}/x/pids.peak`)).toBe('2\n');
    // Migration is not limited, as on Linux.
    const other = fork(kernel);
    expect(write(init, `${ROOT}/x/y/cgroup.procs`, String(other.pid))).toBe('ok');
    expect(read(init, `${ROOT}/x/pids.current`)).toBe('3\n');
  });
});
