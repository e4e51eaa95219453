// `docker system df [-v] [--format]` and `docker system prune [-a] [-f]
// [--volumes] [--filter]`. Disk use counts each image layer once (a layer
// two images share is "shared size") and volumes by their saved files;
// containers' writable layers are not measured here yet and count 0B.
// `--volumes` removes the unused anonymous volumes, as `volume prune` here
// (Docker 23's rule; 20.10 removed named ones too).
import type { Engine } from '../../../engine/engine.ts';
import type { ContainerRecord } from '../../../engine/container.ts';
import { pruneImages } from '../../../engine/image-prune.ts';
import { digestHex, type Digest } from '../../../image/digest.ts';
import { daemonError, formatRows, HELP, isDaemonError, noArgs, type DockerIO } from '../command.ts';
import { quoteCommand, statusText } from '../container-text.ts';
import { flagOn, flagValue, flagValues, parseFlags } from '../flags.ts';
import { renderTable } from '../table.ts';
import { humanDuration, humanSize } from '../units.ts';
import { confirm } from './confirm.ts';
import { FilterError, parseFilters } from './image-filters.ts';
import { deletedImagesText, objectFilter, pruneFilter } from './image-prune.ts';

interface VolumeUse {
  name: string;
  links: number;
  size: number;
}

async function volumeUse(engine: Engine): Promise<VolumeUse[]> {
  const containers = engine.list(true);
  const uses: VolumeUse[] = [];
  for (const volume of await engine.volumes.list()) {
    uses.push({
      name: volume.Name,
      links: containers.filter((c) => c.Mounts?.some((m) => m.Name === volume.Name)).length,
      size: await engine.volumes.size(volume),
    });
  }
  return uses;
}

interface ImageUse {
  id: Digest;
  repoTags: string[];
  created?: string;
  size: number;
  sharedSize: number;
  containers: number;
}

async function imageUse(engine: Engine): Promise<{ images: ImageUse[]; layersSize: number }> {
  const sizes = await engine.images.layerSizes();
  const containers = engine.list(true);
  const summaries = await engine.images.list();
  const records = await Promise.all(summaries.map((s) => engine.images.get(s.id)));
  const users = new Map<string, number>();
  for (const record of records)
    for (const chain of new Set(record.layers.map((l) => l.chainId)))
      users.set(chain, (users.get(chain) ?? 0) + 1);
  const images = summaries.map((summary, i): ImageUse => {
    const chains = [...new Set(records[i]!.layers.map((l) => l.chainId))];
    return {
      id: summary.id,
      repoTags: summary.repoTags,
      ...(summary.created ? { created: summary.created } : {}),
      size: summary.size,
      sharedSize: chains
        .filter((c) => (users.get(c) ?? 0) > 1)
        .reduce((n, c) => n + (sizes.get(c) ?? 0), 0),
      containers: containers.filter((c) => c.Image === summary.id).length,
    };
  });
  const layersSize = [...users.keys()].reduce((n, c) => n + (sizes.get(c as Digest) ?? 0), 0);
  return { images, layersSize };
}

const percent = (part: number, total: number): string =>
  total > 0 ? `${humanSize(part, 4)} (${Math.floor((part * 100) / total)}%)` : humanSize(part, 4);

const SUMMARY_HEADERS: Record<string, string> = {
  Type: 'TYPE',
  TotalCount: 'TOTAL',
  Active: 'ACTIVE',
  Size: 'SIZE',
  Reclaimable: 'RECLAIMABLE',
};

export async function systemDfCommand(argv: string[], io: DockerIO, engine: Engine) {
  const { flags, args } = parseFlags(
    argv,
    [HELP, { long: 'verbose', short: 'v' }, { long: 'format', value: true }],
    true,
  );
  noArgs(args, 'system df');
  const { images, layersSize } = await imageUse(engine);
  const containers = engine.list(true);
  const used = images
    .filter((i) => i.containers > 0)
    .reduce((n, i) => n + i.size - i.sharedSize, 0);
  const volumes = await volumeUse(engine);
  if (flagOn(flags, 'verbose')) {
    await io.out(verboseText(io.now(), images, containers, volumes));
    return 0;
  }
  const volumesSize = volumes.reduce((n, v) => n + v.size, 0);
  const unusedVolumes = volumes.filter((v) => v.links === 0).reduce((n, v) => n + v.size, 0);
  const rows = [
    {
      Type: 'Images',
      TotalCount: String(images.length),
      Active: String(images.filter((i) => i.containers > 0).length),
      Size: humanSize(layersSize, 4),
      Reclaimable: percent(layersSize - used, layersSize),
    },
    {
      Type: 'Containers',
      TotalCount: String(containers.length),
      Active: String(containers.filter((c) => c.State.Running).length),
      Size: '0B',
      Reclaimable: '0B',
    },
    {
      Type: 'Local Volumes',
      TotalCount: String(volumes.length),
      Active: String(volumes.filter((v) => v.links > 0).length),
      Size: humanSize(volumesSize, 4),
      Reclaimable: percent(unusedVolumes, volumesSize),
    },
    { Type: 'Build Cache', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B' },
  ];
  await io.out(
    formatRows(
      flagValue(flags, 'format'),
      SUMMARY_HEADERS,
      ['Type', 'TotalCount', 'Active', 'Size', 'Reclaimable'],
      rows,
      'formatter.diskUsageImagesContext',
    ),
  );
  return 0;
}

function verboseText(
  now: number,
  images: ImageUse[],
  containers: ContainerRecord[],
  volumes: VolumeUse[],
): string {
  const ago = (iso: string | undefined) =>
    iso ? `${humanDuration(now - Date.parse(iso))} ago` : 'N/A';
  const imageRows = images.flatMap((image) => {
    const tags = image.repoTags.length > 0 ? image.repoTags : ['<none>:<none>'];
    return tags.map((tag) => [
      tag.slice(0, tag.lastIndexOf(':')),
      tag.slice(tag.lastIndexOf(':') + 1),
      digestHex(image.id).slice(0, 12),
      ago(image.created),
      humanSize(image.size, 4),
      humanSize(image.sharedSize, 4),
      humanSize(image.size - image.sharedSize, 4),
      String(image.containers),
    ]);
  });
  const names = new Map(images.map((i) => [i.id as string, i.repoTags[0]]));
  const containerRows = containers.map((c) => [
    c.Id.slice(0, 12),
    c.Config.Image || names.get(c.Image) || digestHex(c.Image as Digest).slice(0, 12),
    quoteCommand(c, false),
    String(c.Mounts?.filter((m) => m.Type === 'volume').length ?? 0),
    '0B',
    ago(c.Created),
    statusText(c, now),
    c.Name.slice(1),
  ]);
  return [
    'Images space usage:\n\n',
    renderTable([
      [
        'REPOSITORY',
        'TAG',
        'IMAGE ID',
        'CREATED',
        'SIZE',
        'SHARED SIZE',
        'UNIQUE SIZE',
        'CONTAINERS',
      ],
      ...imageRows,
    ]),
    '\nContainers space usage:\n\n',
    renderTable([
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'],
      ...containerRows,
    ]),
    '\nLocal Volumes space usage:\n\n',
    renderTable([
      ['VOLUME NAME', 'LINKS', 'SIZE'],
      ...volumes.map((v) => [v.name, String(v.links), humanSize(v.size, 4)]),
    ]),
    '\nBuild cache usage: 0B\n\n',
    renderTable([['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED']]),
  ].join('');
}

export async function systemPruneCommand(argv: string[], io: DockerIO, engine: Engine) {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'all', short: 'a' },
      { long: 'force', short: 'f' },
      { long: 'volumes' },
      { long: 'filter', value: true, repeat: true },
    ],
    true,
  );
  noArgs(args, 'system prune');
  const all = flagOn(flags, 'all');
  const warning = [
    'WARNING! This will remove:',
    '  - all stopped containers',
    '  - all networks not used by at least one container',
    ...(flagOn(flags, 'volumes') ? ['  - all volumes not used by at least one container'] : []),
    all
      ? '  - all images without at least one container associated to them'
      : '  - all dangling images',
    all ? '  - all build cache' : '  - all dangling build cache',
    '',
    '',
  ].join('\n');
  try {
    const filters = parseFilters(
      flagValues(flags, 'filter'),
      new Set(['label', 'label!', 'until']),
    );
    const accept = pruneFilter(engine, filters, io.now());
    const matches = objectFilter(filters, io.now());
    if (!flagOn(flags, 'force') && !(await confirm(io, warning))) return 0;
    const removed: string[] = [];
    for (const container of engine.list(true)) {
      if (container.State.Running) continue;
      if (!matches.accepts(container.Created, container.Config.Labels ?? {})) continue;
      await engine.remove(container.Id);
      removed.push(container.Id);
    }
    if (removed.length > 0) await io.out(`Deleted Containers:\n${removed.join('\n')}\n\n`);
    let reclaimed = 0;
    if (flagOn(flags, 'volumes')) {
      const deleted: string[] = [];
      for (const volume of await volumeUse(engine)) {
        const record = await engine.volumes.get(volume.name);
        if (volume.links > 0 || !record.anonymous) continue;
        if (!matches.accepts(record.CreatedAt, record.Labels ?? {})) continue;
        await engine.volumes.remove(volume.name);
        deleted.push(volume.name);
        reclaimed += volume.size;
      }
      if (deleted.length > 0) await io.out(`Deleted Volumes:\n${deleted.join('\n')}\n\n`);
    }
    const report = await pruneImages(engine.images, engine.list(true), { all, accept });
    reclaimed += report.reclaimed;
    await io.out(`${deletedImagesText(report)}Total reclaimed space: ${humanSize(reclaimed, 4)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof FilterError || isDaemonError(error)) return daemonError(io, error);
    throw error;
  }
}
