// The files of `bocal save -o`, `bocal load -i`, `bocal import FILE|-`:
// host paths from the current directory, Node's stdin.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { FileError, fileErrorText, type DockerFiles } from '../../cli/docker/files.ts';

/** Go's (Linux's) wording for Node's error codes. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

const failure = (operation: string, path: string, error: unknown): FileError => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new FileError(fileErrorText(operation, path, REASONS[code] ?? (error as Error).message));
};

export function nodeDockerFiles(stdin: NodeJS.ReadableStream = process.stdin): DockerFiles {
  return {
    async read(path) {
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        throw failure('open', path, error);
      }
      // Opening a directory succeeds; reading it is what fails, as for the docker CLI.
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        throw new FileError(fileErrorText('read', path, REASONS.EISDIR!));
      }
      return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
    },
    async write(path, data) {
      let handle;
      try {
        handle = await open(path, 'w', 0o600);
      } catch (error) {
        throw failure('open', path, error);
      }
      try {
        for await (const chunk of data) await handle.write(chunk);
      } finally {
        await handle.close();
      }
    },
    stdin: () => Readable.toWeb(Readable.from(stdin)) as ReadableStream<Uint8Array>,
  };
}
