// Test support for the mount calls: a real Kernel (boot root, /dev, /proc,
// /tmp) on a host that runs no programs, processes forked from init, and
// `sys` running one call through the kernel's dispatcher and table.
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { O_CREAT, O_DIRECTORY, O_RDONLY, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { fail } from '../../../src/kernel/errors.ts';
import type { ProcessHost } from '../../../src/kernel/host.ts';
import { Kernel } from '../../../src/kernel/kernel.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { decodeUtf8, encodeUtf8 } from '../../../src/kernel/utf8.ts';

const idleHost: ProcessHost = {
  load: () => fail(Errno.ENOEXEC, 'this test host runs no programs'),
  start: () => fail(Errno.ENOEXEC, 'this test host runs no programs'),
  random: (bytes) => bytes.fill(4),
  now: () => Date.now(),
  bootTime: Date.now(),
  close: async () => {},
};

export interface Outcome {
  errno: Errno;
  value: bigint;
  output: string;
}

export const AT_FDCWD = -100;

export function boot() {
  const kernel = new Kernel(idleHost);
  const spawn = (uid = 0, parent = kernel.init): Process => {
    const child = forkProcess(kernel.processes, parent);
    if (uid !== 0) {
      child.credentials = {
        ...rootCredentials(),
        uid,
        gid: uid,
        euid: uid,
        egid: uid,
        suid: uid,
        sgid: uid,
      };
    }
    return child;
  };
  const sys = async (
    process: Process,
    number: Sys,
    args: (number | bigint)[] = [],
    input: string | string[] = '',
  ): Promise<Outcome> => {
    const bytes = encodeUtf8(Array.isArray(input) ? input.join('\0') : input);
    const reply = await dispatch(kernel.syscalls, process, {
      number,
      args: BigInt64Array.from(args, (a) => BigInt.asIntN(64, BigInt(a))),
      input: bytes,
    });
    return {
      errno: reply.errno,
      value: reply.results?.[0] ?? 0n,
      output: reply.output ? decodeUtf8(reply.output) : '',
    };
  };
  const errno = async (...args: Parameters<typeof sys>) => (await sys(...args)).errno;
  const mount = (p: Process, source: string, target: string, type: string, flags = 0, data = '') =>
    errno(p, Sys.MOUNT, [flags], [source, target, type, data]);
  const mkdir = (p: Process, path: string) => errno(p, Sys.PATH_CREATE_DIRECTORY, [3], path);
  /** Opens `path` (relative to the cwd) as openat(2) would; returns the fd or throws the errno. */
  const open = async (p: Process, path: string, flags = O_RDONLY, mode = 0o644) => {
    const outcome = await sys(p, Sys.OPENAT, [AT_FDCWD, flags, mode], path);
    if (outcome.errno !== Errno.SUCCESS) return -outcome.errno;
    return Number(outcome.value);
  };
  const create = async (p: Process, path: string) => {
    const fd = await open(p, path, O_WRONLY | O_CREAT);
    if (fd < 0) return -fd;
    await sys(p, Sys.FD_CLOSE, [fd]);
    return Errno.SUCCESS;
  };
  const read = async (p: Process, path: string) => {
    const fd = await open(p, path);
    if (fd < 0) throw new Error(`open ${path}: errno ${-fd}`);
    const outcome = await sys(p, Sys.FD_READ, [fd, 65536]);
    await sys(p, Sys.FD_CLOSE, [fd]);
    return outcome.output;
  };
  const list = async (p: Process, path: string) => {
    const fd = await open(p, path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) throw new Error(`open ${path}: errno ${-fd}`);
    const outcome = await dispatch(kernel.syscalls, p, {
      number: Sys.FD_READDIR,
      args: BigInt64Array.from([BigInt(fd), 0n, 4096n]),
      input: new Uint8Array(),
    });
    await sys(p, Sys.FD_CLOSE, [fd]);
    return direntNames(outcome.output ?? new Uint8Array()).filter((n) => n !== '.' && n !== '..');
  };
  const cwd = async (p: Process) => (await sys(p, Sys.GETCWD)).output;
  return { kernel, spawn, sys, errno, mount, mkdir, open, create, read, list, cwd };
}

/** Names in WASI dirents (24-byte header, then the name). */
function direntNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let at = 0; at + 24 <= bytes.length;) {
    const length = view.getUint32(at + 16, true);
    if (at + 24 + length > bytes.length) break;
    names.push(decodeUtf8(bytes.subarray(at + 24, at + 24 + length)));
    at += 24 + length;
  }
  return names.sort();
}
