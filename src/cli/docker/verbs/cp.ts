// `docker cp CONTAINER:SRC_PATH DEST_PATH|-` and `docker cp SRC_PATH|- CONTAINER:DEST_PATH`:
// files between a container's root (running or stopped) and the caller. `-`
// is a tar stream on stdout or stdin, as Docker's; a host path is one of the
// caller's files (the real host for `bocal`, the emulated host's files for
// /usr/bin/docker). Host paths are regular files only here (directories
// go through `-` and tar).
import { packTar, unpackTar } from 'modern-tar';
import type { Engine } from '../../../engine/engine.ts';
import { EngineError } from '../../../engine/errors.ts';
import { RootPathError } from '../../../runtime/runtime.ts';
import { daemonError, HELP, isDaemonError, needArgs, type DockerIO } from '../command.ts';
import { FileError } from '../files.ts';
import { parseFlags } from '../flags.ts';

/** `NAME:PATH` -> [NAME, PATH]; a plain path (or one starting with `/` or `.`) is local. */
function splitSpec(text: string): [container: string | undefined, path: string] {
  if (text.startsWith('/') || text.startsWith('.')) return [undefined, text];
  const colon = text.indexOf(':');
  if (colon <= 0) return [undefined, text];
  return [text.slice(0, colon), text.slice(colon + 1)];
}

const baseName = (path: string): string =>
  path
    .split('/')
    .filter((name) => name !== '' && name !== '.')
    .pop() ?? '';
const dirName = (path: string): string => {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
};

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function cpVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'archive', short: 'a' },
      { long: 'follow-link', short: 'L' },
      { long: 'quiet', short: 'q' },
    ],
    true,
  );
  needArgs(args, 'cp', 2, true);
  const [source, destination] = args as [string, string];
  const [fromContainer, fromPath] = splitSpec(source);
  const [toContainer, toPath] = splitSpec(destination);
  if (fromContainer !== undefined && toContainer !== undefined) {
    await io.err('copying between containers is not supported\n');
    return 1;
  }
  if (fromContainer === undefined && toContainer === undefined) {
    await io.err('must specify at least one container source\n');
    return 1;
  }
  try {
    if (fromContainer !== undefined) {
      const { root } = await inContainer(fromContainer, fromPath, () =>
        engine.rootFilesystem(fromContainer),
      );
      const tar = await inContainer(fromContainer, fromPath, () => root.archive(fromPath));
      if (toPath === '-') {
        await io.out(tar);
        return 0;
      }
      const [entry, ...more] = await unpackTar(tar);
      if (!entry || more.length > 0 || (entry.header.type ?? 'file') !== 'file') {
        await io.err(
          `cannot copy ${fromPath}: only a regular file can go to a host path here (use - for a tar)\n`,
        );
        return 1;
      }
      if (!io.files) throw new FileError('no host files here');
      await io.files.write(toPath, new Blob([entry.data as Uint8Array<ArrayBuffer>]).stream());
      return 0;
    }
    const name = toContainer!;
    const { record, root } = await inContainer(name, toPath, () => engine.rootFilesystem(name));
    if (!io.files) throw new FileError('no host files here');
    let tar: Uint8Array;
    let into = toPath;
    if (fromPath === '-') {
      tar = await readAll(io.files.stdin());
    } else {
      const data = await readAll(await io.files.read(fromPath));
      const kind = root.kind(toPath);
      const target = kind === 'directory' ? baseName(fromPath) : baseName(toPath);
      if (kind !== 'directory') into = dirName(toPath);
      tar = await packTar([
        { header: { name: target, size: data.length, mode: 0o644 }, body: data },
      ]);
    }
    await inContainer(name, into, () => root.extract(into, tar));
    // A stopped container's layer is saved now; a running one's when it stops.
    if (!record.State.Running) await engine.layers.save(record.Id, await root.changes());
    return 0;
  } catch (error) {
    if (error instanceof MissingPath) {
      await io.err(`Error: No such container:path: ${error.message}\n`);
      return 1;
    }
    if (error instanceof FileError) {
      await io.err(`${error.message}\n`);
      return 1;
    }
    if (isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
}

/** A container or a path in it that is not there: the CLI's "No such container:path: NAME:PATH". */
class MissingPath extends Error {}

/** Runs a lookup or filesystem operation, reporting what it could not find as the CLI does. */
async function inContainer<T>(name: string, path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const missing =
      (error instanceof RootPathError && error.code === 'not-found') ||
      (error instanceof EngineError && error.code === 'not-found');
    if (missing) throw new MissingPath(`${name}:${path}`);
    if (error instanceof RootPathError) throw new EngineError('invalid', error.message);
    throw error;
  }
}
