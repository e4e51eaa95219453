// `docker images` / `docker image ls`: one row per tag (an untagged image
// once as <none>:<none>), newest first, with -q, --no-trunc, --digests,
// --format, -f dangling/label/before/since/reference and the
// REPOSITORY[:TAG] argument (a reference filter).
import type { Engine } from '../../../engine/engine.ts';
import { digestHex } from '../../../image/digest.ts';
import {
  ArgumentError,
  daemonError,
  formatRows,
  HELP,
  isDaemonError,
  type DockerIO,
} from '../command.ts';
import { flagOn, flagValue, flagValues, parseFlags } from '../flags.ts';
import { verbSynopsis } from '../usage.ts';
import { humanDuration, humanSize } from '../units.ts';
import { imageConfig } from './image-config.ts';
import {
  danglingWanted,
  FilterError,
  labelsMatch,
  parseFilters,
  referenceMatches,
} from './image-filters.ts';
import { getImage } from './image-names.ts';

const HEADERS: Record<string, string> = {
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
  Containers: 'CONTAINERS',
};

/** Go's time.Time String() as `docker images --format {{.CreatedAt}}` prints it. */
export function goTimeText(iso: string | undefined): string {
  if (!iso) return '0001-01-01 00:00:00 +0000 UTC';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

export function imagesVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [
        HELP,
        { long: 'all', short: 'a' },
        { long: 'quiet', short: 'q' },
        { long: 'no-trunc' },
        { long: 'digests' },
        { long: 'filter', short: 'f', value: true, repeat: true },
        { long: 'format', value: true },
      ],
      true,
    );
    if (args.length > 1) {
      const [usage, summary] = verbSynopsis(verb);
      throw new ArgumentError(
        `"docker ${verb}" requires at most 1 argument.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} ${usage}\n\n${summary}`,
      );
    }
    try {
      const rows = await imageRows(engine, io.now(), flagValues(flags, 'filter'), args[0], {
        full: flagOn(flags, 'no-trunc'),
      });
      if (flagOn(flags, 'quiet')) {
        await io.out([...new Set(rows.map((row) => row.ID))].map((id) => `${id}\n`).join(''));
        return 0;
      }
      const fields = ['Repository', 'Tag', 'ID', 'CreatedSince', 'Size'];
      if (flagOn(flags, 'digests')) fields.splice(2, 0, 'Digest');
      await io.out(
        formatRows(flagValue(flags, 'format'), HEADERS, fields, rows, 'formatter.imageContext'),
      );
      return 0;
    } catch (error) {
      if (error instanceof FilterError || isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
  };
}

export interface ImageRow extends Record<string, string> {
  Repository: string;
  Tag: string;
  Digest: string;
  ID: string;
  CreatedSince: string;
  CreatedAt: string;
  Size: string;
}

export async function imageRows(
  engine: Engine,
  now: number,
  filterValues: readonly string[],
  referenceArgument: string | undefined,
  options: { full: boolean },
): Promise<ImageRow[]> {
  const filters = parseFilters(filterValues);
  if (referenceArgument !== undefined)
    filters.set('reference', [...(filters.get('reference') ?? []), referenceArgument]);
  const dangling = danglingWanted(filters);
  const references = filters.get('reference');
  const labels = filters.get('label');
  const createdOf = async (name: string) =>
    Date.parse((await getImage(engine.images, name)).created ?? '') || 0;
  const before = filters.get('before');
  const since = filters.get('since');
  const beforeTime = before ? await createdOf(before.at(-1)!) : undefined;
  const sinceTime = since ? await createdOf(since.at(-1)!) : undefined;
  const rows: ImageRow[] = [];
  for (const image of await engine.images.list()) {
    const isDangling = image.repoTags.length === 0;
    if (dangling !== undefined && dangling !== isDangling) continue;
    const created = image.created ? Date.parse(image.created) : NaN;
    const time = Number.isNaN(created) ? 0 : created;
    if (beforeTime !== undefined && time >= beforeTime) continue;
    if (sinceTime !== undefined && time <= sinceTime) continue;
    if (labels) {
      const record = await engine.images.get(image.id);
      const config = await imageConfig(engine.images, record);
      if (!labelsMatch(labels, config.config?.Labels ?? {})) continue;
    }
    let tags = image.repoTags;
    if (references) {
      tags = tags.filter((tag) => references.some((pattern) => referenceMatches(pattern, tag)));
      if (tags.length === 0) continue;
    }
    const id = options.full ? image.id : digestHex(image.id).slice(0, 12);
    const common = {
      ID: id,
      CreatedSince: Number.isNaN(created) ? 'N/A' : `${humanDuration(now - created)} ago`,
      CreatedAt: goTimeText(image.created),
      Size: humanSize(image.size),
      // Fields the CLI's image context has; dockerd computes them only for `system df`.
      VirtualSize: humanSize(image.size, 4),
      SharedSize: 'N/A',
      UniqueSize: 'N/A',
      Containers: 'N/A',
    };
    if (tags.length === 0) {
      const digest = image.repoDigests[0];
      rows.push({
        Repository: '<none>',
        Tag: '<none>',
        Digest: digest ? digest.slice(digest.indexOf('@') + 1) : '<none>',
        ...common,
      });
      continue;
    }
    for (const tag of tags) {
      const colon = tag.lastIndexOf(':');
      const repository = tag.slice(0, colon);
      const digest = image.repoDigests
        .map((d) => d.replace(/^docker\.io\/(library\/)?/, ''))
        .find((d) => d.startsWith(`${repository}@`));
      rows.push({
        Repository: repository,
        Tag: tag.slice(colon + 1),
        Digest: digest ? digest.slice(digest.indexOf('@') + 1) : '<none>',
        ...common,
      });
    }
  }
  return rows;
}
