// procfs declared as tables (after gVisor's pkg/sentry/fsimpl/proc): each
// directory maps names to entries; a file entry is a generator run at open,
// a symlink entry computes its target when read, and a directory entry lists
// its children, which may depend on the caller (the pid directories, fd/).
import type { Dentry } from '../dentry.ts';
import type { Caller } from '../inode.ts';
import type { ProcfsProcess, ProcfsSource } from './source.ts';

/** What a generator sees: who asks, the process table, and the process of the pid directory it is in. */
export interface ProcContext {
  caller: Caller | undefined;
  source: ProcfsSource;
  /** The process of the enclosing /proc/<pid> directory, if any. */
  process: ProcfsProcess | undefined;
}

export type ProcEntry =
  | {
      type: 'file';
      mode?: number;
      read(context: ProcContext): string | Uint8Array;
      /** For a writable file: takes one write(2)'s bytes at `offset` (Linux's proc write handlers). */
      write?(context: ProcContext, data: Uint8Array, offset: number): void;
    }
  | {
      type: 'symlink';
      target(context: ProcContext): string;
      /** For a magic link: the dentry a walk jumps to (`link` is how the link itself is seen). */
      jump?(context: ProcContext, link: Dentry): Dentry;
    }
  | {
      type: 'directory';
      mode?: number;
      /** For a /proc/<pid> directory: the pid it stands for (its context's process). */
      pid?: number;
      list(context: ProcContext): ReadonlyMap<string, ProcEntry>;
    };

export const file = (
  read: (context: ProcContext) => string | Uint8Array,
  mode = 0o444,
): ProcEntry => ({
  type: 'file',
  mode,
  read,
});

export const symlink = (
  target: (context: ProcContext) => string,
  jump?: (context: ProcContext, link: Dentry) => Dentry,
): ProcEntry => ({ type: 'symlink', target, jump });

/** A file that takes writes (mode 0644 unless given). */
export const writableFile = (
  read: (context: ProcContext) => string | Uint8Array,
  write: (context: ProcContext, data: Uint8Array, offset: number) => void,
  mode = 0o644,
): ProcEntry => ({ type: 'file', mode, read, write });

/** A directory whose entries never change. */
export const directory = (entries: Record<string, ProcEntry>, mode = 0o555): ProcEntry => {
  const table = new Map(Object.entries(entries));
  return { type: 'directory', mode, list: () => table };
};
