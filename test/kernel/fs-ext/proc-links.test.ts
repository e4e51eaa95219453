// /proc magic links and formats: /proc/self/fd/N opens the file behind the
// fd (a pipe's other end included), readlink shows Linux's text, and
// /proc/<pid>/status keeps Linux's key order (compared with this machine's).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { O_CREAT, O_RDONLY, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { createSystemInfo } from '../../../src/kernel/boot/system-info.ts';
import { lookup } from '../../../src/kernel/fs/path-walk.ts';
import { createProcfs } from '../../../src/kernel/fs/procfs/procfs.ts';
import type { ProcfsProcess, ProcfsSource } from '../../../src/kernel/fs/procfs/source.ts';
import { mkdir } from '../../../src/kernel/fs/vfs/create.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { check, makeSystem } from '../fs/support/kernel.ts';

function view(process: Process): ProcfsProcess {
  return {
    pid: process.pid,
    ppid: 1,
    argv: process.argv,
    env: process.env,
    state: process.state,
    uid: process.credentials.uid,
    gid: process.credentials.gid,
    cwd: process.cwd,
    root: process.root,
    executable: '/bin/test',
    fds: () => process.fds.fds().map((fd) => ({ fd, ...process.fds.entry(fd) })),
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
  const source: ProcfsSource = {
    caller: (pid) => processes.get(pid),
    pids: () => [...processes.keys()],
    process: (_caller, pid) => {
      const process = processes.get(pid);
      return process ? view(process) : undefined;
    },
    self: (caller) => caller,
  };
  const context = { root: system.root, credentials: rootCredentials(), umask: 0o022 };
  mkdir(context, system.root, 'proc', 0o555);
  const procfs = createProcfs(source, createSystemInfo({ now: () => 12_340, bootTime: 0 }));
  system.mounts.mount(lookup(context, system.root, 'proc', true), procfs, procfs.root);
  const spawn = (uid = 0) => {
    const process = system.spawn(uid);
    processes.set(process.pid, process);
    return process;
  };
  return { system, spawn };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

async function read(p: Process, path: string): Promise<string> {
  const fd = Number((await check(p, Sys.OPENAT, [3, O_RDONLY, 0], path)).value);
  const out = text((await check(p, Sys.FD_READ, [fd, 65536])).output);
  await check(p, Sys.FD_CLOSE, [fd]);
  return out;
}

describe('/proc magic links', () => {
  it('/proc/self/fd/N of a pipe opens the same pipe; readlink says pipe:[ino]', async () => {
    const { spawn } = setup();
    const p = spawn(1000);
    const pipe = await check(p, Sys.PIPE2, [0]);
    const [r, w] = [Number(pipe.value), Number(pipe.results[1])];
    const link = text((await check(p, Sys.PATH_READLINK, [3, 100], `proc/self/fd/${r}`)).output);
    expect(link).toMatch(/^pipe:\[\d+\]$/);
    await check(p, Sys.FD_WRITE, [w], new TextEncoder().encode('hi\n'));
    expect(await read(p, `proc/self/fd/${r}`)).toBe('hi\n');
  });

  it('a file reopened through fd/N has its own offset; cwd and root lead to directories', async () => {
    const { spawn } = setup();
    const p = spawn();
    const fd = Number((await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'f')).value);
    await check(p, Sys.FD_WRITE, [fd], new TextEncoder().encode('data'));
    expect(text((await check(p, Sys.PATH_READLINK, [3, 100], `proc/self/fd/${fd}`)).output)).toBe(
      '/f',
    );
    expect(await read(p, `proc/self/fd/${fd}`)).toBe('data');
    await check(p, Sys.PATH_CREATE_DIRECTORY, [3], 'd');
    await check(p, Sys.CHDIR, [3], 'd');
    await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'proc/self/cwd/in-cwd');
    expect(await read(p, 'd/in-cwd')).toBe('');
    expect(text((await check(p, Sys.PATH_READLINK, [3, 100], 'proc/self/cwd')).output)).toBe('/d');
  });

  it('fdinfo shows pos, flags, mnt_id, ino', async () => {
    const { spawn } = setup();
    const p = spawn();
    const fd = Number((await check(p, Sys.OPENAT, [3, O_WRONLY | O_CREAT, 0o644], 'f')).value);
    expect(await read(p, `proc/self/fdinfo/${fd}`)).toMatch(
      /^pos:\t0\nflags:\t0100001\nmnt_id:\t\d+\nino:\t\d+\n$/,
    );
  });
});

describe('/proc formats', () => {
  it("status keys come in the order of this machine's /proc/self/status", async () => {
    const { spawn } = setup();
    const ours = (await read(spawn(), 'proc/self/status'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0]!);
    const linux = fs
      .readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0]!);
    const positions = ours.map((key) => linux.indexOf(key));
    expect(positions.filter((i) => i < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('stat has 52 fields; uptime, meminfo, version and mountinfo read like Linux', async () => {
    const { spawn } = setup();
    const p = spawn();
    const fields = (await read(p, 'proc/self/stat')).trimEnd().split(' ');
    expect(fields).toHaveLength(
      fs.readFileSync('/proc/self/stat', 'utf8').trimEnd().split(' ').length,
    );
    expect(await read(p, 'proc/uptime')).toBe('12.34 0.00\n');
    expect(await read(p, 'proc/meminfo')).toMatch(/^MemTotal: +2097152 kB\nMemFree: /);
    expect(await read(p, 'proc/version')).toMatch(/^Linux version 6\.1\.0-bocal /);
    expect(await read(p, 'proc/self/mountinfo')).toMatch(
      /^\d+ \d+ 0:\d+ \/ \/ rw - tmpfs tmpfs rw\n\d+ \d+ 0:\d+ \/ \/proc rw - proc proc rw\n$/,
    );
  });
});
