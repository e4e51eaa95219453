// /usr/bin/docker in the emulated host: the docker CLI as a TypeScript
// program run as a process (exec/builtin-program.ts), talking to the
// engine of its machine as the real client talks to dockerd. Its output
// goes through its own fds; `run -it` relays the container's own terminal
// to the caller's (its fds 0 and 1, raw meanwhile); `exec -t` gives the
// process the caller's terminal (fds 0, 1, 2).
import { Errno } from '../../kernel/abi/errno.ts';
import { makeDirectories, writeFile } from '../../kernel/boot/kernel-files.ts';
import type { BuiltinContext, BuiltinProgram } from '../../kernel/exec/builtin-program.ts';
import { BUILTIN_MAGIC } from '../../kernel/exec/program-file.ts';
import type { OpenFile } from '../../kernel/fs/open-file.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { TtyFile } from '../../kernel/tty/tty-file.ts';
import { encodeUtf8 } from '../../kernel/utf8.ts';
import type { Engine } from '../../engine/engine.ts';
import { docker } from './docker.ts';
import { builtinDockerFiles } from './builtin-files.ts';
import { kernelRawTerminal } from './kernel-raw-terminal.ts';
import { procHostInfo } from './host-info.ts';

export const DOCKER_PATH = '/usr/bin/docker';

function openFd(context: BuiltinContext, fd: number): OpenFile | undefined {
  try {
    return context.process.fds.get(fd);
  } catch {
    return undefined;
  }
}

export function dockerBuiltin(engine: () => Promise<Engine>): BuiltinProgram {
  return async (context) => {
    const write = (fd: number) => async (data: string | Uint8Array) => {
      const errno = await context.write(fd, data);
      if (errno !== Errno.SUCCESS && errno !== Errno.EPIPE)
        throw new Error(`write: errno ${errno}`);
    };
    const stdin = openFd(context, 0);
    const terminal = [0, 1, 2].map((fd) => openFd(context, fd));
    const files = builtinDockerFiles(context);
    // The caller's terminal, relayed to a -t container's own (kernel-raw-terminal.ts).
    const tty = stdin instanceof TtyFile && terminal[1] instanceof TtyFile ? stdin.tty : undefined;
    return docker(
      context.argv.slice(1),
      {
        out: write(1),
        err: write(2),
        stdin,
        terminal: terminal.every((file) => file !== undefined) ? terminal : undefined,
        files,
        stdoutTerminal: terminal[1] instanceof TtyFile,
        stdinTerminal: terminal[0] instanceof TtyFile,
        rawTerminal: tty ? () => kernelRawTerminal(tty) : undefined,
        terminalSize: tty ? () => [tty.winsize.rows, tty.winsize.columns] : undefined,
        host: () => procHostInfo(files, context.process.namespaces.uts.names.nodename),
        now: Date.now,
      },
      await engine(),
    );
  };
}

/** Puts /usr/bin/docker in the host's filesystem, standing for the builtin named `docker`. */
export async function installDockerCommand(kernel: Kernel): Promise<void> {
  makeDirectories(kernel.init, '/usr/bin');
  await writeFile(kernel.init, DOCKER_PATH, encodeUtf8(`${BUILTIN_MAGIC}docker\n`), 0o755);
}
