// The flags of `docker run`/`create` that shape the container's root,
// limits and process: --read-only, --init, -m/--memory, --pids-limit and
// --env-file (read through the caller's files, as the CLI reads it before
// asking the daemon). Parsed into the engine's HostConfig fields.
import type { RuntimeHostConfig } from '../../engine/limits.ts';
import { ramInBytes } from '../../engine/limits.ts';
import type { DockerIO } from './command.ts';
import { FileError } from './files.ts';
import {
  flagOn,
  flagValue,
  flagValues,
  FlagError,
  type FlagSpec,
  type FlagValues,
} from './flags.ts';

export const RUNTIME_RUN_FLAGS: FlagSpec[] = [
  { long: 'read-only' },
  { long: 'init' },
  { long: 'memory', short: 'm', value: true },
  { long: 'pids-limit', value: true },
  { long: 'env-file', value: true, repeat: true },
];

export function runtimeHostConfig(flags: FlagValues): Partial<RuntimeHostConfig> {
  const config: Partial<RuntimeHostConfig> = {};
  if (flagOn(flags, 'read-only')) config.ReadonlyRootfs = true;
  if (flags.has('init')) config.Init = flagOn(flags, 'init');
  const memory = flagValue(flags, 'memory');
  if (memory !== undefined) {
    const bytes = ramInBytes(memory);
    if (bytes === undefined) {
      throw new FlagError(
        `invalid argument "${memory}" for "-m, --memory" flag: invalid size: '${memory}'`,
      );
    }
    config.Memory = bytes;
  }
  const pids = flagValue(flags, 'pids-limit');
  if (pids !== undefined) {
    if (!/^-?\d+$/.test(pids)) {
      throw new FlagError(
        `invalid argument "${pids}" for "--pids-limit" flag: strconv.ParseInt: parsing "${pids}": invalid syntax`,
      );
    }
    const limit = Number(pids);
    config.PidsLimit = limit > 0 ? limit : null;
  }
  return config;
}

/** Docker's env-file syntax: `VAR=value` lines (value as written), `#` comments, blank lines. */
export function parseEnvFile(text: string, path: string): string[] {
  const result: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '').replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq >= 0 ? line.slice(0, eq) : line.trimEnd();
    if (name === '') throw new FileError(`invalid environment variable: ${line}`);
    if (/\s/.test(name)) {
      throw new FileError(`variable '${name}' contains whitespaces (in ${path})`);
    }
    result.push(eq >= 0 ? line : name);
  }
  return result;
}

/** The variables of every --env-file, in order. */
export async function readEnvFiles(flags: FlagValues, io: DockerIO): Promise<string[]> {
  const result: string[] = [];
  for (const path of flagValues(flags, 'env-file')) {
    if (!io.files) throw new FileError(`open ${path}: no files here`);
    const stream = await io.files.read(path);
    const text = await new Response(stream).text();
    result.push(...parseEnvFile(text, path));
  }
  return result;
}
