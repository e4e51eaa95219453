// Test support for namespaces: the mount tests' booted kernel (a real
// Kernel on a host that runs no programs), plus the calls namespace tests
// use: unshare, setns through an opened /proc/<pid>/ns link, readlink,
// writes to /proc files, uname, and the pid calls as the caller sees them.
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { O_RDONLY, O_WRONLY } from '../../../src/kernel/abi/open-flags.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { boot as bootKernel } from '../mount/support.ts';

export function boot() {
  const k = bootKernel();
  const encoder = new TextEncoder();
  const unshare = (p: Process, flags: number) => k.errno(p, Sys.UNSHARE, [flags]);
  const readlink = async (p: Process, path: string) => {
    const outcome = await k.sys(p, Sys.PATH_READLINK, [-100, 4096], path);
    if (outcome.errno !== Errno.SUCCESS) return `errno ${outcome.errno}`;
    return outcome.output;
  };
  /** Opens `path` and calls setns on it; returns setns's errno (or the open's, negated). */
  const setns = async (p: Process, path: string, nstype = 0) => {
    const fd = await k.open(p, path, O_RDONLY);
    if (fd < 0) return fd;
    const errno = await k.errno(p, Sys.SETNS, [fd, nstype]);
    await k.sys(p, Sys.FD_CLOSE, [fd]);
    return errno;
  };
  /** One write(2) of `text` to `path`: its errno. */
  const write = async (p: Process, path: string, text: string) => {
    const fd = await k.open(p, path, O_WRONLY);
    if (fd < 0) return -fd;
    const outcome = await dispatch(k.kernel.syscalls, p, {
      number: Sys.FD_WRITE,
      args: BigInt64Array.from([BigInt(fd)]),
      input: encoder.encode(text),
    });
    await k.sys(p, Sys.FD_CLOSE, [fd]);
    return outcome.errno;
  };
  /** stat(2) of `path` (following links): st_dev and st_ino, or the errno. */
  const stat = async (p: Process, path: string) => {
    const reply = await dispatch(k.kernel.syscalls, p, {
      number: Sys.STAT,
      args: BigInt64Array.from([-100n, 1n, 0n]),
      input: encoder.encode(path),
    });
    if (reply.errno !== Errno.SUCCESS || !reply.output)
      return { errno: reply.errno, dev: 0, ino: 0 };
    const view = new DataView(reply.output.buffer, reply.output.byteOffset);
    return {
      errno: 0,
      dev: Number(view.getBigUint64(0, true)),
      ino: Number(view.getBigUint64(8, true)),
      uid: Number(view.getBigUint64(32, true)),
      gid: Number(view.getBigUint64(40, true)),
    };
  };
  const hostname = async (p: Process) => {
    const out = await k.sys(p, Sys.UNAME);
    return out.output.slice(65, 130).replace(/\0+$/, '');
  };
  const value = async (p: Process, number: Sys, args: number[] = []) =>
    Number((await k.sys(p, number, args)).value);
  const getpid = (p: Process) => value(p, Sys.GETPID);
  const getppid = (p: Process) => value(p, Sys.GETPPID);
  const getuid = (p: Process) => value(p, Sys.GETUID);
  const getgid = (p: Process) => value(p, Sys.GETGID);
  const fork = (p: Process) => forkProcess(k.kernel.processes, p);
  return {
    ...k,
    value,
    unshare,
    readlink,
    stat,
    setns,
    write,
    hostname,
    getpid,
    getppid,
    getuid,
    getgid,
    fork,
  };
}
