// A minimal kernel for filesystem tests: a tmpfs root in a mount table,
// processes with fd 3 preopened, and a `sys` that runs one syscall through
// the real dispatcher and table with a hand-made request.
import { Errno } from '../../../../src/kernel/abi/errno.ts';
import type { Dentry } from '../../../../src/kernel/fs/dentry.ts';
import { MountTable } from '../../../../src/kernel/fs/mount.ts';
import { PreopenDirectory } from '../../../../src/kernel/fs/preopen.ts';
import { Tmpfs, type TmpfsOptions } from '../../../../src/kernel/fs/tmpfs/tmpfs.ts';
import { rootCredentials } from '../../../../src/kernel/proc/credentials.ts';
import { FdTable } from '../../../../src/kernel/proc/fd-table.ts';
import { Process } from '../../../../src/kernel/proc/process.ts';
import { initialNamespaces } from '../../../../src/kernel/ns/namespace-set.ts';
import { Uts } from '../../../../src/kernel/uts.ts';
import { dispatch } from '../../../../src/kernel/syscalls/dispatch.ts';
import { fsSyscalls } from '../../../../src/kernel/syscalls/fs.ts';
import { fsExtSyscalls } from '../../../../src/kernel/syscalls/fs-ext.ts';
import { SyscallTable } from '../../../../src/kernel/syscalls/table.ts';
import { encodeUtf8 } from '../../../../src/kernel/utf8.ts';
import { errnoName } from './errno-names.ts';

const table = new SyscallTable(fsSyscalls, fsExtSyscalls);
let nextPid = 100;

export interface System {
  tmpfs: Tmpfs;
  mounts: MountTable;
  root: Dentry;
  /** A process at the root with fd 3 preopened, as uid/gid (root if 0). */
  spawn(uid?: number, gid?: number): Process;
}

export function makeSystem(options: TmpfsOptions = {}): System {
  const tmpfs = new Tmpfs({ rootMode: 0o755, ...options });
  const mounts = new MountTable(tmpfs, tmpfs.root);
  const root = mounts.root.root;
  const namespaces = initialNamespaces(mounts, new Uts());
  return {
    tmpfs,
    mounts,
    root,
    spawn(uid = 0, gid = uid) {
      const credentials = {
        ...rootCredentials(),
        uid,
        gid,
        euid: uid,
        egid: gid,
        suid: uid,
        sgid: gid,
      };
      const fds = new FdTable();
      fds.set(3, new PreopenDirectory(root));
      return new Process(nextPid++, ['test'], [], fds, root, root, credentials, namespaces);
    },
  };
}

export interface Outcome {
  errno: Errno;
  /** results[0] */
  value: bigint;
  results: bigint[];
  output: Uint8Array;
}

/** Runs one syscall; `input` is a path, two paths (joined with NUL), or bytes. */
export async function sys(
  process: Process,
  number: number,
  args: (number | bigint)[] = [],
  input: string | string[] | Uint8Array = new Uint8Array(0),
): Promise<Outcome> {
  const bytes =
    input instanceof Uint8Array
      ? input
      : encodeUtf8(Array.isArray(input) ? input.join('\0') : input);
  const reply = await dispatch(table, process, {
    number,
    args: BigInt64Array.from(args, (a) => BigInt.asIntN(64, BigInt(a))),
    input: bytes,
  });
  const results = reply.results ? [...reply.results] : [0n, 0n, 0n, 0n];
  return {
    errno: reply.errno,
    value: results[0] ?? 0n,
    results,
    output: reply.output ?? new Uint8Array(0),
  };
}

/** Like sys, but throws an Error whose `code` is the errno name on failure. */
export async function check(
  process: Process,
  number: number,
  args: (number | bigint)[] = [],
  input: string | string[] | Uint8Array = new Uint8Array(0),
): Promise<Outcome> {
  const outcome = await sys(process, number, args, input);
  if (outcome.errno !== Errno.SUCCESS) {
    throw Object.assign(new Error(errnoName(outcome.errno)), { code: errnoName(outcome.errno) });
  }
  return outcome;
}
