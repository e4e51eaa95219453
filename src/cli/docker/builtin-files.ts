// The docker builtin's files: paths in the emulated host, opened with the
// process's own path_open (from its cwd, with its credentials), read and
// written through its fds as any program's would be.
import { Errno } from '../../kernel/abi/errno.ts';
import { Sys } from '../../kernel/abi/syscalls.ts';
import { LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT, OFLAGS_TRUNC } from '../../kernel/abi/wasi.ts';
import type { BuiltinContext } from '../../kernel/exec/builtin-program.ts';
import { encodeUtf8 } from '../../kernel/utf8.ts';
import { FileError, fileErrorText, type DockerFiles } from './files.ts';

const AT_FDCWD = -100;
const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const CHUNK = 64 * 1024;

/** Go's (Linux's) wording of the errors an open can meet. */
const REASONS: Partial<Record<number, string>> = {
  [Errno.ENOENT]: 'no such file or directory',
  [Errno.EACCES]: 'permission denied',
  [Errno.EISDIR]: 'is a directory',
  [Errno.ENOTDIR]: 'not a directory',
  [Errno.ENOSPC]: 'no space left on device',
  [Errno.EROFS]: 'read-only file system',
};

const reason = (errno: number): string => REASONS[errno] ?? `errno ${errno}`;

export function builtinDockerFiles(context: BuiltinContext): DockerFiles {
  const open = async (path: string, write: boolean): Promise<number> => {
    const reply = await context.syscall(
      Sys.PATH_OPEN,
      [
        AT_FDCWD,
        LOOKUPFLAGS_SYMLINK_FOLLOW,
        write ? OFLAGS_CREAT | OFLAGS_TRUNC : 0,
        write ? RIGHT_FD_WRITE : RIGHT_FD_READ,
        0n,
        0,
      ],
      encodeUtf8(path),
    );
    if (reply.errno !== Errno.SUCCESS)
      throw new FileError(fileErrorText('open', path, reason(reply.errno)));
    return Number(reply.results?.[0] ?? 0n);
  };
  const close = (fd: number) => context.syscall(Sys.FD_CLOSE, [fd]).catch(() => undefined);
  const readFd = (fd: number, closeAtEnd: boolean, path = '-'): ReadableStream<Uint8Array> =>
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        const reply = await context.syscall(Sys.FD_READ, [fd, CHUNK]);
        if (reply.errno !== Errno.SUCCESS) {
          if (closeAtEnd) await close(fd);
          throw new FileError(fileErrorText('read', path, reason(reply.errno)));
        }
        const bytes = reply.output ?? new Uint8Array(0);
        if (bytes.length > 0) {
          controller.enqueue(bytes.slice());
          return;
        }
        if (closeAtEnd) await close(fd);
        controller.close();
      },
      async cancel() {
        if (closeAtEnd) await close(fd);
      },
    });
  return {
    async read(path) {
      return readFd(await open(path, false), true, path);
    },
    async write(path, data) {
      const fd = await open(path, true);
      try {
        for await (const chunk of data) {
          const errno = await context.write(fd, chunk);
          if (errno !== Errno.SUCCESS)
            throw new FileError(fileErrorText('write', path, reason(errno)));
        }
      } finally {
        await close(fd);
      }
    },
    stdin: () => readFd(0, false),
  };
}
