// The console of a kernel without workers, for the tests of terminals in
// the running kernel: a process table, the root filesystem with /dev, a
// KernelConsole, processes forked from init, and `sys`, which runs one
// syscall through the real dispatcher with the caller named, as Kernel does.
import { initialNamespaces } from '../../../src/kernel/ns/namespace-set.ts';
import { Uts } from '../../../src/kernel/uts.ts';
import { Errno } from '../../../src/kernel/abi/errno.ts';
import { Sys } from '../../../src/kernel/abi/syscalls.ts';
import { LOOKUPFLAGS_SYMLINK_FOLLOW } from '../../../src/kernel/abi/wasi.ts';
import { KernelConsole } from '../../../src/kernel/boot/console.ts';
import { procfsSourceOf } from '../../../src/kernel/boot/procfs-source.ts';
import { createRootFilesystem } from '../../../src/kernel/boot/root-filesystem.ts';
import { PreopenDirectory } from '../../../src/kernel/fs/preopen.ts';
import { rootCredentials } from '../../../src/kernel/proc/credentials.ts';
import { FdTable } from '../../../src/kernel/proc/fd-table.ts';
import { createInit, forkProcess } from '../../../src/kernel/proc/fork.ts';
import type { Process } from '../../../src/kernel/proc/process.ts';
import { ProcessTable } from '../../../src/kernel/proc/process-table.ts';
import { dispatch } from '../../../src/kernel/syscalls/dispatch.ts';
import { fsSyscalls } from '../../../src/kernel/syscalls/fs.ts';
import { processSyscalls } from '../../../src/kernel/syscalls/process.ts';
import { SyscallTable } from '../../../src/kernel/syscalls/table.ts';
import { ttySyscalls } from '../../../src/kernel/syscalls/tty.ts';
import { decodeUtf8, encodeUtf8 } from '../../../src/kernel/utf8.ts';
import { RecordingHooks } from '../proc/support.ts';

const syscalls = new SyscallTable(fsSyscalls, processSyscalls, ttySyscalls);
/** fd_read and fd_write rights, for path_open. */
const RW = (1n << 1n) | (1n << 6n);

export interface Outcome {
  errno: Errno;
  value: bigint;
  results: bigint[];
  output: Uint8Array;
}

export class ConsoleWorld {
  readonly hooks = new RecordingHooks();
  readonly table = new ProcessTable(this.hooks);
  readonly console = new KernelConsole(this.table);
  readonly init: Process;
  /** Everything the console showed. */
  screen = '';

  /** `listen`: record the console's output in `screen` from the start. */
  constructor(options: { listen?: boolean } = {}) {
    const mounts = createRootFilesystem({
      clock: () => 0n,
      random: (bytes) => bytes.fill(1),
      procfs: procfsSourceOf(this.table),
      terminals: this.console.terminals,
    });
    const root = mounts.root.root;
    const fds = new FdTable();
    fds.set(3, new PreopenDirectory(root));
    this.init = createInit(this.table, {
      argv: ['init'],
      env: [],
      fds,
      root,
      cwd: root,
      namespaces: initialNamespaces(mounts, new Uts()),
      credentials: rootCredentials(),
    });
    if (options.listen ?? true) {
      this.console.onOutput((bytes) => (this.screen += decodeUtf8(bytes)));
    }
  }

  /** A child of `parent` (init by default), as fork makes it. */
  fork(parent: Process = this.init): Process {
    return forkProcess(this.table, parent);
  }

  /** Runs one syscall as `process`. */
  async sys(
    process: Process,
    number: Sys,
    args: (number | bigint)[] = [],
    input: Uint8Array | string = new Uint8Array(0),
  ): Promise<Outcome> {
    const reply = await this.console.callers.during(process, () =>
      dispatch(syscalls, process, {
        number,
        args: BigInt64Array.from(args, (a) => BigInt.asIntN(64, BigInt(a))),
        input: typeof input === 'string' ? encodeUtf8(input) : input,
      }),
    );
    return {
      errno: reply.errno,
      value: reply.results?.[0] ?? 0n,
      results: reply.results ? [...reply.results] : [0n, 0n, 0n, 0n],
      output: reply.output ?? new Uint8Array(0),
    };
  }

  /** path_open of `path` (relative to /) for reading and writing: the fd, or the errno. */
  async open(process: Process, path: string): Promise<number | Errno> {
    const outcome = await this.sys(
      process,
      Sys.PATH_OPEN,
      [3, LOOKUPFLAGS_SYMLINK_FOLLOW, 0, RW, RW, 0],
      path,
    );
    return outcome.errno === Errno.SUCCESS ? Number(outcome.value) : outcome.errno;
  }

  /** ioctl(fd, request, argument): the errno and the argument after the call. */
  ioctl(
    process: Process,
    fd: number,
    request: number,
    argument: Uint8Array = new Uint8Array(0),
  ): Promise<Outcome> {
    return this.sys(process, Sys.IOCTL, [fd, request, argument.length], argument);
  }
}

export const int = (value: number): Uint8Array => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
};

export const intOf = (bytes: Uint8Array): number =>
  new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
