// WASI preview 1's sock_accept, sock_recv, sock_send and sock_shutdown on
// the kernel's sockets (what wasi-libc's own accept, recv, send and
// shutdown make), through the dispatcher as a program's calls go.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { AF_INET, SOCK_STREAM } from '../../../src/kernel/abi/socket.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { Filetype } from '../../../src/kernel/abi/wasi.ts';
import { encodeAddress, inet, INADDR_LOOPBACK } from '../../../src/kernel/net/socket/address.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { fsSyscalls } from '../../../src/kernel/syscalls/fs.ts';
import { socketSyscalls } from '../../../src/kernel/syscalls/socket.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { makeSystem } from '../fs/support/kernel.ts';

const table = new SyscallTable(fsSyscalls, socketSyscalls);
const encoder = new TextEncoder();
const RIFLAGS_RECV_PEEK = 1;
const SDFLAGS_WR = 2;

async function call(
  process: Process,
  number: number,
  args: number[],
  input: Uint8Array = new Uint8Array(0),
) {
  const reply = await dispatch(table, process, {
    number,
    args: BigInt64Array.from(args, (a) => BigInt(a)),
    input,
  });
  return {
    errno: reply.errno,
    value: Number(reply.results?.[0] ?? 0n),
    results: reply.results ?? [],
    output: new TextDecoder().decode(reply.output ?? new Uint8Array(0)),
  };
}

/** A listener on 127.0.0.1:port and a client connected to it. */
async function connectedPair(process: Process, port: number) {
  const address = encodeAddress(inet(INADDR_LOOPBACK, port));
  const listener = (await call(process, Sys.SOCKET, [AF_INET, SOCK_STREAM, 0])).value;
  expect((await call(process, Sys.BIND, [listener], address)).errno).toBe(Errno.SUCCESS);
  expect((await call(process, Sys.LISTEN, [listener, 5])).errno).toBe(Errno.SUCCESS);
  const client = (await call(process, Sys.SOCKET, [AF_INET, SOCK_STREAM, 0])).value;
  expect((await call(process, Sys.CONNECT, [client], address)).errno).toBe(Errno.SUCCESS);
  return { listener, client };
}

describe('WASI sock_* on kernel sockets', () => {
  it('accepts, sends, receives (with peek) and shuts down', async () => {
    const process = makeSystem().spawn();
    const { listener, client } = await connectedPair(process, 40500);
    const accepted = await call(process, Sys.SOCK_ACCEPT, [listener, 0]);
    expect(accepted.errno).toBe(Errno.SUCCESS);
    const server = accepted.value;
    const stat = await call(process, Sys.FD_FDSTAT_GET, [server]);
    expect(Number(stat.results[0])).toBe(Filetype.SOCKET_STREAM);
    const sent = await call(process, Sys.SOCK_SEND, [client, 0], encoder.encode('hello'));
    expect(sent.value).toBe(5);
    const peeked = await call(process, Sys.SOCK_RECV, [server, 10, RIFLAGS_RECV_PEEK]);
    expect(peeked.output).toBe('hello');
    expect((await call(process, Sys.SOCK_RECV, [server, 10, 0])).output).toBe('hello');
    expect((await call(process, Sys.SOCK_SHUTDOWN, [client, SDFLAGS_WR])).errno).toBe(
      Errno.SUCCESS,
    );
    const end = await call(process, Sys.SOCK_RECV, [server, 10, 0]);
    expect(end.errno).toBe(Errno.SUCCESS);
    expect(end.output).toBe('');
  });

  it('answers ENOTSOCK for a descriptor that is no socket, EBADF for a closed one', async () => {
    const process = makeSystem().spawn();
    expect((await call(process, Sys.SOCK_SEND, [3, 0], encoder.encode('x'))).errno).toBe(
      Errno.ENOTSOCK,
    );
    expect((await call(process, Sys.SOCK_RECV, [42, 1, 0])).errno).toBe(Errno.EBADF);
  });

  it('rejects bad flags with EINVAL', async () => {
    const process = makeSystem().spawn();
    const { listener, client } = await connectedPair(process, 40501);
    expect((await call(process, Sys.SOCK_SHUTDOWN, [client, 0])).errno).toBe(Errno.EINVAL);
    expect((await call(process, Sys.SOCK_RECV, [client, 1, 8])).errno).toBe(Errno.EINVAL);
    expect((await call(process, Sys.SOCK_ACCEPT, [listener, 0x10])).errno).toBe(Errno.EINVAL);
  });
});
