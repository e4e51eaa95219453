// Scratch files for the I/O baselines: a temp directory holding one file of
// a given size, removed afterwards whatever happens.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempFile {
  /** The temp directory, to preopen. */
  directory: string;
  /** The file's name inside `directory`. */
  name: string;
  /** directory/name. */
  path: string;
  bytes: number;
}

const CHUNK = 1024 * 1024;

/**
 * Creates a temp directory with a file of `bytes` bytes (a repeating
 * non-zero pattern, so no filesystem can store it as a hole), calls `use`,
 * and removes the directory when `use` settles.
 */
export async function withTempFile<T>(
  bytes: number,
  use: (file: TempFile) => Promise<T>,
): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'bocal-bench-'));
  try {
    const name = 'input.bin';
    const path = join(directory, name);
    const chunk = Buffer.alloc(CHUNK);
    for (let i = 0; i < CHUNK; i++) chunk[i] = (i * 131 + 17) & 0xff;
    const fd = openSync(path, 'w');
    try {
      for (let written = 0; written < bytes; written += CHUNK) {
        writeSync(fd, chunk, 0, Math.min(CHUNK, bytes - written));
      }
    } finally {
      closeSync(fd);
    }
    return await use({ directory, name, path, bytes });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
