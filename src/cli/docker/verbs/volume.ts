// `docker volume create|ls|inspect|rm|prune`: named volumes, in dockerd's
// formats (checked against Docker 20.10). prune follows Docker 23 and later:
// anonymous volumes only, all unused ones with -a.
import type { ContainerRecord } from '../../../engine/container.ts';
import type { Engine } from '../../../engine/engine.ts';
import { EngineError } from '../../../engine/errors.ts';
import { volumeDocument, type VolumeRecord } from '../../../engine/volumes.ts';
import {
  daemonError,
  formatRows,
  HELP,
  isDaemonError,
  needArgs,
  noArgs,
  ArgumentError,
  type Command,
  type DockerIO,
} from '../command.ts';
import { flagOn, flagValue, flagValues, parseFlags } from '../flags.ts';
import { parseTemplate } from '../template.ts';
import { humanSize } from '../units.ts';
import { verbSynopsis } from '../usage.ts';
import { confirm } from './confirm.ts';

function keyValues(list: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    result[eq >= 0 ? item.slice(0, eq) : item] = eq >= 0 ? item.slice(eq + 1) : '';
  }
  return result;
}

const randomName = (): string => {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
};

async function createVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'driver', short: 'd', value: true },
      { long: 'label', value: true, repeat: true },
      { long: 'opt', short: 'o', value: true, repeat: true },
      { long: 'name', value: true },
    ],
    true,
  );
  if (args.length > 1) {
    const [usage, summary] = verbSynopsis('volume create');
    throw new ArgumentError(
      `"docker volume create" requires at most 1 argument.\nSee 'docker volume create --help'.\n\nUsage:  docker volume create ${usage}\n\n${summary}`,
    );
  }
  const name = args[0] ?? flagValue(flags, 'name') ?? randomName();
  if (flagValues(flags, 'opt').length > 0) {
    await io.err(
      `Error response from daemon: create ${name}: driver options are not supported here\n`,
    );
    return 1;
  }
  try {
    const record = await engine.volumes.create(name, {
      labels: keyValues(flagValues(flags, 'label')),
      driver: flagValue(flags, 'driver'),
    });
    await io.out(`${record.Name}\n`);
    return 0;
  } catch (error) {
    if (isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
}

/** The containers (all states) that mount `name`. */
function usersOf(engine: Engine, name: string): ContainerRecord[] {
  return engine.list(true).filter((record) => record.Mounts?.some((m) => m.Name === name));
}

async function lsVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'quiet', short: 'q' },
      { long: 'format', value: true },
      { long: 'filter', short: 'f', value: true, repeat: true },
    ],
    true,
  );
  noArgs(args, 'volume ls');
  let volumes = await engine.volumes.list();
  for (const filter of flagValues(flags, 'filter')) {
    const eq = filter.indexOf('=');
    const [key, value] = [filter.slice(0, eq), filter.slice(eq + 1)];
    if (key === 'name') volumes = volumes.filter((v) => v.Name.includes(value));
    else if (key === 'driver') volumes = volumes.filter((v) => v.Driver === value);
    else if (key === 'dangling') {
      const dangling = value === 'true' || value === '1';
      volumes = volumes.filter((v) => (usersOf(engine, v.Name).length === 0) === dangling);
    } else if (key === 'label') {
      const [k, v] = value.split('=');
      volumes = volumes.filter(
        (vol) => vol.Labels?.[k!] !== undefined && (v === undefined || vol.Labels[k!] === v),
      );
    } else {
      await io.err(`Error response from daemon: Invalid filter '${key}'\n`);
      return 1;
    }
  }
  if (flagOn(flags, 'quiet')) {
    await io.out(volumes.map((v) => `${v.Name}\n`).join(''));
    return 0;
  }
  const rows = volumes.map((v) => ({
    Name: v.Name,
    Driver: v.Driver,
    Scope: v.Scope,
    Mountpoint: v.Mountpoint,
    Labels: Object.entries(v.Labels ?? {})
      .map(([k, value]) => `${k}=${value}`)
      .join(','),
    Links: 'N/A',
    Size: 'N/A',
  }));
  await io.out(
    formatRows(
      flagValue(flags, 'format'),
      {
        Name: 'VOLUME NAME',
        Driver: 'DRIVER',
        Scope: 'SCOPE',
        Mountpoint: 'MOUNTPOINT',
        Labels: 'LABELS',
        Links: 'LINKS',
        Size: 'SIZE',
      },
      ['Driver', 'Name'],
      rows,
      'formatter.volumeContext',
    ),
  );
  return 0;
}

async function inspectVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'format', short: 'f', value: true }],
    true,
  );
  needArgs(args, 'volume inspect', 1);
  const documents: ReturnType<typeof volumeDocument>[] = [];
  let status = 0;
  for (const name of args) {
    const record = await engine.volumes.find(name);
    if (!record) {
      await io.err(`Error: No such volume: ${name}\n`);
      status = 1;
      continue;
    }
    documents.push(volumeDocument(record));
  }
  const format = flagValue(flags, 'format');
  if (format !== undefined) {
    const template = parseTemplate(format, 'types.Volume');
    for (const document of documents) await io.out(`${template.render(document)}\n`);
  } else {
    await io.out(`${JSON.stringify(documents, null, 4)}\n`);
  }
  return status;
}

async function rmVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(argv, [HELP, { long: 'force', short: 'f' }], true);
  needArgs(args, 'volume rm', 1);
  let status = 0;
  for (const name of args) {
    try {
      if (!(await engine.volumes.find(name))) {
        if (flagOn(flags, 'force')) continue;
        throw new EngineError('not-found', `get ${name}: no such volume`);
      }
      const users = usersOf(engine, name);
      if (users.length > 0) {
        throw new EngineError(
          'conflict',
          `remove ${name}: volume is in use - [${users.map((u) => u.Id).join(', ')}]`,
        );
      }
      await engine.volumes.remove(name);
      await io.out(`${name}\n`);
    } catch (error) {
      if (!isDaemonError(error)) throw error;
      if (error instanceof EngineError && error.code === 'not-found') {
        await io.err(`Error: No such volume: ${name}\n`);
      } else await io.err(`Error response from daemon: ${error.message}\n`);
      status = 1;
    }
  }
  return status;
}

async function pruneVerb(argv: string[], io: DockerIO, engine: Engine): Promise<number> {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'all', short: 'a' },
      { long: 'force', short: 'f' },
      { long: 'filter', value: true, repeat: true },
    ],
    true,
  );
  noArgs(args, 'volume prune');
  const all = flagOn(flags, 'all');
  const warning = all
    ? 'WARNING! This will remove all local volumes not used by at least one container.\n'
    : 'WARNING! This will remove anonymous local volumes not used by at least one container.\n';
  if (!flagOn(flags, 'force') && !(await confirm(io, warning))) {
    await io.out('Total reclaimed space: 0B\n');
    return 0;
  }
  const removed: VolumeRecord[] = [];
  let reclaimed = 0;
  for (const volume of await engine.volumes.list()) {
    if (!all && !volume.anonymous) continue;
    if (usersOf(engine, volume.Name).length > 0) continue;
    reclaimed += await engine.volumes.size(volume);
    await engine.volumes.remove(volume.Name);
    removed.push(volume);
  }
  const list =
    removed.length > 0 ? `Deleted Volumes:\n${removed.map((v) => `${v.Name}\n`).join('')}\n` : '';
  await io.out(`${list}Total reclaimed space: ${humanSize(reclaimed, 4)}\n`);
  return 0;
}

export const volumeVerbs: Record<string, Command> = {
  'volume create': createVerb,
  'volume ls': lsVerb,
  'volume inspect': inspectVerb,
  'volume rm': rmVerb,
  'volume prune': pruneVerb,
};
