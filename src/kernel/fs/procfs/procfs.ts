// /proc: the root table (self, mounts, the pid directories) and the table
// of a pid directory. More files are added here as rows; each row is a
// generator over the caller and the process of its directory.
import { Errno } from '../../abi/errno.ts';
import { fail } from '../../errors.ts';
import type { Caller } from '../inode.ts';
import { pathOf } from '../path-walk.ts';
import { describeOpenFile } from './describe.ts';
import { Procfs } from './nodes.ts';
import type { ProcfsProcess, ProcfsSource } from './source.ts';
import { directory, file, symlink, type ProcContext, type ProcEntry } from './table.ts';

function target(context: ProcContext): ProcfsProcess {
  return context.process ?? fail(Errno.ESRCH);
}

function rootOf(context: ProcContext): Caller['root'] {
  return (context.caller ?? fail(Errno.ESRCH)).root;
}

const nulTerminated = (strings: readonly string[]): string => strings.map((s) => `${s}\0`).join('');

/** /proc/<pid>/mounts: the mounts of the caller's table, under its root, as /proc/mounts shows them. */
function mounts(context: ProcContext): string {
  const root = rootOf(context);
  return root.mount.table
    .list()
    .map((mount) => {
      const where = pathOf(mount.root, root);
      return `${mount.source} ${where} ${mount.fs.type} ${mount.readOnly ? 'ro' : 'rw'} 0 0\n`;
    })
    .join('');
}

const fdDirectory: ProcEntry = {
  type: 'directory',
  mode: 0o500,
  list(context) {
    const root = rootOf(context);
    const entries = new Map<string, ProcEntry>();
    for (const { fd, file: open } of target(context).fds()) {
      entries.set(
        String(fd),
        symlink(() => describeOpenFile(open, root)),
      );
    }
    return entries;
  },
};

/** The table of /proc/<pid>. */
export const pidTable: Record<string, ProcEntry> = {
  cmdline: file((context) => nulTerminated(target(context).argv)),
  environ: file((context) => nulTerminated(target(context).env), 0o400),
  cwd: symlink((context) => pathOf(target(context).cwd, rootOf(context))),
  root: symlink((context) => pathOf(target(context).root, rootOf(context))),
  exe: symlink((context) => target(context).executable),
  fd: fdDirectory,
  mounts: file(mounts),
  stat: file((context) => {
    const process = target(context);
    const name = process.argv[0]?.split('/').pop() ?? '';
    return `${process.pid} (${name}) ${process.state} ${process.ppid}\n`;
  }),
};

function pidDirectory(pid: number): ProcEntry {
  const table = directory(pidTable);
  return { ...table, pid } as ProcEntry;
}

function rootTable(source: ProcfsSource): ProcEntry {
  return {
    type: 'directory',
    mode: 0o555,
    list(context) {
      const entries = new Map<string, ProcEntry>();
      entries.set(
        'self',
        symlink((inner) => {
          const caller = inner.caller?.pid;
          const self = caller === undefined ? undefined : source.self(caller);
          return self === undefined ? fail(Errno.ENOENT) : String(self);
        }),
      );
      entries.set(
        'mounts',
        symlink(() => 'self/mounts'),
      );
      const caller = context.caller?.pid;
      if (caller !== undefined) {
        for (const pid of source.pids(caller)) entries.set(String(pid), pidDirectory(pid));
      }
      return entries;
    },
  };
}

/** Makes a procfs over `source`, to mount at /proc. */
export function createProcfs(source: ProcfsSource): Procfs {
  return new Procfs(source, rootTable(source));
}
