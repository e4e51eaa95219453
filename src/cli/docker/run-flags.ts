// The flags of `docker run`/`create` that shape the container's root,
// limits and process: --read-only, --init, -m/--memory, --pids-limit,
// --group-add and --env-file (read through the caller's files, as the CLI
// reads it before asking the daemon), and the network files' names
// (network-flags.ts). Parsed into the engine's HostConfig fields.
import type { RuntimeHostConfig } from '../../engine/limits.ts';
import type { ApiMount } from '../../engine/mounts.ts';
import { ramInBytes } from '../../engine/limits.ts';
import type { DockerIO } from './command.ts';
import { FileError } from './files.ts';
import { NETWORK_RUN_FLAGS, networkHostConfig } from './network-flags.ts';
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
  { long: 'volume', short: 'v', value: true, repeat: true },
  { long: 'mount', value: true, repeat: true },
  { long: 'tmpfs', value: true, repeat: true },
  { long: 'group-add', value: true, repeat: true },
  ...NETWORK_RUN_FLAGS,
];

export function runtimeHostConfig(flags: FlagValues): Partial<RuntimeHostConfig> {
  const config: Partial<RuntimeHostConfig> = networkHostConfig(flags);
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
  const groupAdd = flagValues(flags, 'group-add');
  if (groupAdd.length > 0) config.GroupAdd = groupAdd;
  const binds = flagValues(flags, 'volume');
  if (binds.length > 0) config.Binds = binds;
  const mounts = flagValues(flags, 'mount').map(parseMountFlag);
  if (mounts.length > 0) config.Mounts = mounts;
  const tmpfs = flagValues(flags, 'tmpfs');
  if (tmpfs.length > 0) {
    config.Tmpfs = {};
    for (const spec of tmpfs) {
      const colon = spec.indexOf(':');
      config.Tmpfs[colon >= 0 ? spec.slice(0, colon) : spec] =
        colon >= 0 ? spec.slice(colon + 1) : '';
    }
  }
  return config;
}

const TRUE = new Set(['', 'true', '1']);

/** `--mount type=bind,source=/a,target=/b,readonly` (the docker CLI's csv syntax). */
export function parseMountFlag(text: string): ApiMount {
  const mount: Partial<ApiMount> & { Type: ApiMount['Type'] } = { Type: 'volume' };
  const bad = (why: string): never => {
    throw new FlagError(`invalid argument "${text}" for "--mount" flag: ${why}`);
  };
  for (const field of text.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq >= 0 ? field.slice(0, eq) : field).trim().toLowerCase();
    const value = eq >= 0 ? field.slice(eq + 1) : '';
    switch (key) {
      case 'type':
        if (value !== 'bind' && value !== 'volume' && value !== 'tmpfs')
          bad(`invalid mount type: ${value}`);
        mount.Type = value as ApiMount['Type'];
        break;
      case 'source':
      case 'src':
        mount.Source = value;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        mount.Target = value;
        break;
      case 'readonly':
      case 'ro':
        if (!TRUE.has(value) && value !== 'false' && value !== '0')
          bad(`invalid value for ${key}: ${value}`);
        mount.ReadOnly = TRUE.has(value);
        break;
      case 'tmpfs-mode':
        mount.TmpfsOptions = { ...mount.TmpfsOptions, Mode: parseInt(value, 8) };
        break;
      case 'tmpfs-size':
        mount.TmpfsOptions = {
          ...mount.TmpfsOptions,
          SizeBytes: ramInBytes(value) ?? bad(`invalid value for tmpfs-size: ${value}`),
        };
        break;
      case 'bind-propagation':
      case 'consistency':
      case 'volume-driver':
      case 'volume-label':
      case 'volume-nocopy':
      case 'volume-opt':
        break;
      default:
        bad(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!mount.Target) bad('target is required');
  return mount as ApiMount;
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
