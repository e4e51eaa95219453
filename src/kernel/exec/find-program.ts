// Finds and reads the program an exec names, as the caller: PATH search
// (execvp's rules), execute permission, scripts' interpreters (up to four
// levels, Linux's BINPRM_MAX_RECURSION). The result is what to run and the
// argv to run it with. Asynchronous because a program's bytes may come from
// an asynchronous store (an image snapshot in IndexedDB under a container's
// overlay root): a file that offers readRange is read through it.
import { Errno } from '../abi/errno.ts';
import { fail, KernelError } from '../errors.ts';
import type { Dentry } from '../fs/dentry.ts';
import { lookup } from '../fs/path-walk.ts';
import { checkPermission, MAY_EXEC } from '../fs/permission.ts';
import { pathOf } from '../fs/path-walk.ts';
import type { ByteContents } from '../fs/regular-file.ts';
import { S_IFDIR, S_IFMT, S_IFREG } from '../fs/stat.ts';
import type { Process } from '../proc/process.ts';
import { vfsContext } from '../syscalls/fs-context.ts';
import { classifyProgram, type ProgramKind } from './program-file.ts';

export interface FoundProgram {
  kind: ProgramKind;
  /**
   * The program file's bytes, read when asked (in the same exec): a start
   * whose compiled module is cached under `key` reads none, where reading
   * a 700 KB box each time cost about half a millisecond.
   */
  read(): Promise<Uint8Array>;
  /** A key that changes when the file does, for the compiled-module cache. */
  key: string;
  /** The path of the program file that runs (the interpreter for a script). */
  path: string;
  /**
   * The command's name: the base name of the path exec was asked to run
   * (after the PATH search, before symlinks and interpreters), which Linux
   * keeps as the process's comm.
   */
  command: string;
  argv: string[];
}

/** The default PATH of a shell without one (glibc's confstr _CS_PATH, with sbin). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const MAX_INTERPRETER_DEPTH = 4;

export async function findProgram(
  process: Process,
  path: string,
  argv: string[],
  env: readonly string[],
  searchPath: boolean,
): Promise<FoundProgram> {
  if (path === '') fail(Errno.ENOENT);
  if (!searchPath || path.includes('/')) return named(await load(process, path, argv, 0), path);
  const variable = env.find((entry) => entry.startsWith('PATH='));
  const directories = (variable ? variable.slice(5) : DEFAULT_PATH).split(':');
  // execvp(3): EACCES from one directory is remembered, ENOENT/ENOTDIR skipped.
  let denied: KernelError | undefined;
  for (const directory of directories) {
    const candidate = `${directory === '' ? '.' : directory}/${path}`;
    try {
      return named(await load(process, candidate, argv, 0), candidate);
    } catch (error) {
      if (!(error instanceof KernelError)) throw error;
      if (error.errno === Errno.EACCES) denied = error;
      else if (error.errno !== Errno.ENOENT && error.errno !== Errno.ENOTDIR) throw error;
    }
  }
  throw denied ?? new KernelError(Errno.ENOENT);
}

/** The found program, named after the path exec was given. */
function named(program: FoundProgram, requested: string): FoundProgram {
  return { ...program, command: requested.split('/').pop() ?? requested };
}

async function load(
  process: Process,
  path: string,
  argv: string[],
  depth: number,
): Promise<FoundProgram> {
  const context = vfsContext(process);
  const start = path.startsWith('/') ? process.root : process.cwd;
  const dentry = lookup(context, start, path, true);
  const inode = dentry.inode;
  if ((inode.mode & S_IFMT) === S_IFDIR) fail(Errno.EACCES);
  if ((inode.mode & S_IFMT) !== S_IFREG) fail(Errno.EACCES);
  checkPermission(inode, process.credentials, MAY_EXEC);
  // A file on a MS_NOEXEC mount never runs, whatever its mode (path_noexec).
  if (dentry.mount.noexec) fail(Errno.EACCES);
  // Enough to tell the kind: the magic, or a #! line as long as Linux reads.
  const kind = classifyProgram(await readBytes(dentry, PROGRAM_HEAD));
  if (kind.kind !== 'script') {
    const stat = inode.stat();
    // A file of an image layer is the same program in every container's root.
    const key =
      (inode as Partial<ContentKeyed>).contentKey?.() ??
      `${inode.fs.dev}:${stat.ino}:${stat.mtime}:${stat.size}`;
    const read = () => readBytes(dentry);
    return { kind, read, key, path: pathOf(dentry, process.root), command: path, argv };
  }
  if (depth >= MAX_INTERPRETER_DEPTH) fail(Errno.ELOOP);
  const scriptArgv = [kind.interpreter];
  if (kind.argument !== undefined) scriptArgv.push(kind.argument);
  scriptArgv.push(path, ...argv.slice(1));
  return load(process, kind.interpreter, scriptArgv, depth + 1);
}

/** A file whose bytes are named beyond its mount (an overlay file of an image layer). */
interface ContentKeyed {
  contentKey(): string | undefined;
}

/** A file whose bytes may come later (an overlay file over an asynchronous lower layer). */
interface RangeReader {
  readRange(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
}

/** How much of a file classifyProgram needs: Linux's BINPRM_BUF_SIZE. */
const PROGRAM_HEAD = 256;

/** A copy of the file's first `limit` bytes (all of them by default). */
async function readBytes(dentry: Dentry, limit = Infinity): Promise<Uint8Array> {
  const inode = dentry.inode as Partial<ByteContents & RangeReader> & Dentry['inode'];
  const size = Math.min(inode.stat().size, limit);
  if (typeof inode.readRange === 'function') return (await inode.readRange(0, size)).slice();
  if (typeof inode.readAt !== 'function') fail(Errno.EACCES);
  return inode.readAt(0, size).slice();
}
