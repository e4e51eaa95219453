// System V shared memory calls (shmget, shmctl, and shm_attachment for
// shmat, shmdt and the copy exchanges) on the caller's IPC namespace; the
// segments and their rules are in ipc/shm-*.ts, the wire forms in
// docs/abi.md.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import { attachment, shmat, shmdt, writeRuns } from '../ipc/shm-attach.ts';
import { shmctl } from '../ipc/shm-ctl.ts';
import { shmget } from '../ipc/shm-segment.ts';
import type { Call, SyscallEntry } from './call.ts';

/** shm_attachment's operations (args[0]). */
export const enum ShmOp {
  /** args: op, id, shmflg → results: handle, segment size, version */
  Attach = 0,
  /** args: op, handle */
  Detach = 1,
  /** args: op, handle, offset, length, known version → output: bytes (none when unchanged); results: version, 1 if unchanged */
  Read = 2,
  /** args: op, handle; input: (u32 offset, u32 length, bytes)... → results: version before, version after */
  Write = 3,
}

/** The most one read returns (the channel carries 256 KiB). */
export const SHM_READ_MAX = 128 * 1024;

/** Argument `i` as a C int. */
function int(call: Call, i: number): number {
  return Number(BigInt.asIntN(32, call.bigArg(i)));
}

function attachmentCall(now: () => number, call: Call): number | bigint {
  const process = call.process;
  switch (call.arg(0)) {
    case ShmOp.Attach: {
      const ns = process.namespaces.ipc;
      const { handle, segment } = shmat(ns, process, int(call, 1), int(call, 2), now());
      call.results[1] = BigInt(segment.size);
      call.results[2] = BigInt(segment.version);
      return handle;
    }
    case ShmOp.Detach:
      shmdt(process, call.arg(1), now());
      return 0;
    case ShmOp.Read: {
      const { segment } = attachment(process, call.arg(1));
      const offset = call.arg(2);
      const length = Math.min(call.arg(3), SHM_READ_MAX);
      if (offset < 0 || length < 0) fail(Errno.EINVAL);
      call.results[1] = call.bigArg(4) === BigInt(segment.version) ? 1n : 0n;
      if (call.results[1] === 0n) call.output(segment.read(offset, length));
      return segment.version;
    }
    case ShmOp.Write: {
      const { before, after } = writeRuns(process, call.arg(1), call.input);
      call.results[1] = BigInt(after);
      return before;
    }
    default:
      return fail(Errno.EINVAL);
  }
}

export function shmSyscalls(now: () => number): SyscallEntry[] {
  return [
    {
      number: Sys.SHMGET,
      name: 'shmget',
      handler: (call) =>
        shmget(
          call.process.namespaces.ipc,
          call.process,
          int(call, 0),
          call.bigArg(1),
          int(call, 2),
          now(),
        ),
      support: 'full',
    },
    {
      number: Sys.SHMCTL,
      name: 'shmctl',
      handler: (call) => {
        const change = { uid: call.arg(2), gid: call.arg(3), mode: call.arg(4) };
        const ns = call.process.namespaces.ipc;
        const result = shmctl(ns, call.process, int(call, 0), int(call, 1), change, now());
        if (result.output) call.output(result.output);
        return result.value;
      },
      support: 'full',
    },
    {
      number: Sys.SHM_ATTACHMENT,
      name: 'shm_attachment',
      handler: (call) => attachmentCall(now, call),
      support: 'partial',
      note: 'shmat/shmdt of a copy-based segment: the C library keeps the copy in step at sync points (docs/abi.md)',
    },
  ];
}
