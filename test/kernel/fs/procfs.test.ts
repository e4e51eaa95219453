// The procfs framework: /proc/self per caller, pid directories from a
// ProcfsSource, generated files, fd links and mounts, through syscalls.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { OFLAGS_DIRECTORY } from '../../../src/kernel/abi/wasi.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import { createProcfs } from '../../../src/kernel/fs/procfs/procfs.ts';
import type { ProcfsProcess, ProcfsSource } from '../../../src/kernel/fs/procfs/source.ts';
import { createSystemInfo } from '../../../src/kernel/boot/system-info.ts';
import { mkdir } from '../../../src/kernel/fs/vfs/create.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { parseDirents } from './support/kernel-adapter.ts';
import { check, makeSystem, sys } from './support/kernel.ts';

const READ = (1n << 1n) | (1n << 14n);

function view(process: Process): ProcfsProcess {
  return {
    pid: process.pid,
    ppid: 1,
    argv: process.argv,
    env: process.env,
    state: 'R',
    uid: process.credentials.uid,
    gid: process.credentials.gid,
    cwd: process.cwd,
    root: process.root,
    executable: '/bin/test',
    fds: () =>
      process.fds.fds().map((fd) => ({ fd, file: process.fds.get(fd), closeOnExec: false })),
    pgid: process.pid,
    sid: process.pid,
    nspid: [process.pid],
    nspgid: [process.pid],
    nssid: [process.pid],
    namespaces: process.namespaces,
    process,
    mayInspect: () => true,
    umask: process.umask,
    credentials: process.credentials,
    signals: { pending: 0, blocked: 0, ignored: 0, caught: 0 },
    fdLimit: process.fds.limit,
  };
}

function setup() {
  const system = makeSystem();
  const processes = new Map<number, Process>();
  // Every process sees every other one except `hidden`.
  let hidden = -1;
  const source: ProcfsSource = {
    caller: (pid) => processes.get(pid),
    pids: () => [...processes.keys()].filter((pid) => pid !== hidden).sort((a, b) => a - b),
    process: (_caller, pid) => (pid === hidden ? undefined : mapView(processes.get(pid))),
    self: (caller) => caller,
  };
  const mapView = (process: Process | undefined) => (process ? view(process) : undefined);
  const context = { root: system.root, credentials: rootCredentials(), umask: 0o022 };
  mkdir(context, system.root, 'proc', 0o555);
  const procfs = createProcfs(source, createSystemInfo({ now: () => 5000, bootTime: 0 }));
  system.mounts.mount(lookup(context, system.root, 'proc', true), procfs, procfs.root);
  const spawn = (argv: string[]) => {
    const process = system.spawn(0);
    process.argv = argv;
    processes.set(process.pid, process);
    return process;
  };
  const readFile = async (process: Process, path: string) => {
    const fd = Number((await check(process, Sys.PATH_OPEN, [3, 1, 0, READ, 0, 0], path)).value);
    const output = (await check(process, Sys.FD_READ, [fd, 65536])).output;
    await check(process, Sys.FD_CLOSE, [fd]);
    return new TextDecoder().decode(output);
  };
  const readlink = async (process: Process, path: string) =>
    new TextDecoder().decode((await check(process, Sys.PATH_READLINK, [3, 4096], path)).output);
  return { system, spawn, readFile, readlink, hide: (pid: number) => (hidden = pid) };
}

describe('procfs', () => {
  it('resolves /proc/self to the calling process', async () => {
    const { spawn, readFile, readlink } = setup();
    const a = spawn(['sh', '-c', 'x']);
    const b = spawn(['cat']);
    expect(await readlink(a, 'proc/self')).toBe(String(a.pid));
    expect(await readlink(b, 'proc/self')).toBe(String(b.pid));
    expect(await readFile(a, 'proc/self/cmdline')).toBe('sh\0-c\0x\0');
    expect(await readFile(b, 'proc/self/cmdline')).toBe('cat\0');
    // comm is the executable's base name, as Linux's exec sets it.
    const stat = (await readFile(a, `proc/${b.pid}/stat`)).trimEnd().split(' ');
    expect(stat.slice(0, 4)).toEqual([String(b.pid), '(test)', 'R', '1']);
    expect(stat).toHaveLength(52);
  });

  it('lists self, mounts and the visible pids', async () => {
    const { spawn, hide } = setup();
    const a = spawn(['a']);
    const b = spawn(['b']);
    const c = spawn(['c']);
    hide(c.pid);
    const fd = Number(
      (await check(a, Sys.PATH_OPEN, [3, 1, OFLAGS_DIRECTORY, READ, 0, 0], 'proc')).value,
    );
    const names = parseDirents((await check(a, Sys.FD_READDIR, [fd, 0, 4096])).output).map(
      (e) => e.name,
    );
    expect(names).toEqual([
      '.',
      '..',
      'self',
      'cpuinfo',
      'filesystems',
      'loadavg',
      'meminfo',
      'mounts',
      'net',
      'stat',
      'sys',
      'sysvipc',
      'uptime',
      'version',
      String(a.pid),
      String(b.pid),
    ]);
    expect((await sys(a, Sys.PATH_FILESTAT_GET, [3, 1], `proc/${c.pid}/cmdline`)).errno).toBe(
      Errno.ENOENT,
    );
  });

  it('links fds to what they opened, and cwd and root to paths', async () => {
    const { spawn, readlink } = setup();
    const a = spawn(['a']);
    const fd = (await check(a, Sys.PATH_OPEN, [3, 1, 1, 1n << 6n, 0, 0], 'file')).value;
    expect(await readlink(a, 'proc/self/fd/3')).toBe('/');
    expect(await readlink(a, `proc/self/fd/${fd}`)).toBe('/file');
    expect(await readlink(a, 'proc/self/cwd')).toBe('/');
    expect((await sys(a, Sys.PATH_FILESTAT_GET, [3, 1], 'proc/self/fd/9')).errno).toBe(
      Errno.ENOENT,
    );
  });

  it('shows the caller’s mounts', async () => {
    const { spawn, readFile } = setup();
    const a = spawn(['a']);
    expect(await readFile(a, 'proc/mounts')).toBe('tmpfs / tmpfs rw 0 0\nproc /proc proc rw 0 0\n');
  });

  it('refuses writes and new names', async () => {
    const { spawn } = setup();
    const a = spawn(['a']);
    const rw = (1n << 1n) | (1n << 6n);
    expect((await sys(a, Sys.PATH_OPEN, [3, 1, 0, rw, 0, 0], 'proc/self/cmdline')).errno).toBe(
      Errno.EACCES,
    );
    expect((await sys(a, Sys.PATH_CREATE_DIRECTORY, [3], 'proc/new')).errno).toBe(Errno.ENOENT);
  });
});
