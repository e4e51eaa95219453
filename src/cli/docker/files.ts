// The caller's files for `save -o`, `load -i`, `import FILE` and `-` (stdin):
// host paths for `bocal` in Node, paths in the emulated host (from the
// process's cwd) for /usr/bin/docker. Errors carry the message Docker prints
// (Go's "open PATH: no such file or directory").
export interface DockerFiles {
  /** The file's bytes; rejects with a FileError. */
  read(path: string): Promise<ReadableStream<Uint8Array>>;
  /** Writes the stream to the file (created or truncated, mode 0600 as Docker's save). */
  write(path: string, data: ReadableStream<Uint8Array>): Promise<void>;
  /** The caller's standard input. */
  stdin(): ReadableStream<Uint8Array>;
}

export class FileError extends Error {}

/** Go's text for an errno-like failure: "open x.tar: no such file or directory". */
export function fileErrorText(operation: string, path: string, reason: string): string {
  return `${operation} ${path}: ${reason}`;
}
