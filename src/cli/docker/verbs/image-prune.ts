// `docker image prune [-a] [-f] [--filter label=...|until=...]`: asks first
// (unless -f) on stdin, as the CLI does, then prints dockerd's report.
import type { Engine } from '../../../engine/engine.ts';
import { pruneImages, type PruneReport } from '../../../engine/image-prune.ts';
import type { Digest } from '../../../image/digest.ts';
import { daemonError, HELP, isDaemonError, noArgs, type DockerIO } from '../command.ts';
import { flagOn, flagValues, parseFlags } from '../flags.ts';
import { humanSize } from '../units.ts';
import { confirm } from './confirm.ts';
import { imageConfig } from './image-config.ts';
import { FilterError, labelsMatch, parseFilters, type Filters } from './image-filters.ts';

const PRUNE_FILTERS = new Set(['label', 'label!', 'until']);

/** Go's time.ParseDuration for the plain forms (1h, 30m, 1h30m, 10s), in ms. */
function durationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  const unit = { h: 3600_000, m: 60_000, s: 1000, ms: 1 } as const;
  return parts.reduce((n, p) => n + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

/** The prune --filter conditions (label, label!, until) as a test of any object's creation time and labels. */
export function objectFilter(filters: Filters, now: number) {
  const until = filters.get('until')?.map((value) => {
    const ago = durationMs(value);
    const time = ago !== undefined ? now - ago : Date.parse(value);
    if (Number.isNaN(time))
      throw new FilterError(`failed to parse value as time or duration: "${value}"`);
    return time;
  });
  const wanted = filters.get('label');
  const unwanted = filters.get('label!');
  return {
    needsLabels: wanted !== undefined || unwanted !== undefined,
    accepts(created: string | undefined, labels: Record<string, string>): boolean {
      if (until && until.some((t) => Date.parse(created ?? '') >= t)) return false;
      if (wanted && !labelsMatch(wanted, labels)) return false;
      if (unwanted && unwanted.some((label) => labelsMatch([label], labels))) return false;
      return true;
    },
  };
}

/** The --filter conditions as a test of one image. */
export function pruneFilter(engine: Engine, filters: Filters, now: number) {
  const test = objectFilter(filters, now);
  return async (id: Digest): Promise<boolean> => {
    const record = await engine.images.get(id);
    const labels = test.needsLabels
      ? ((await imageConfig(engine.images, record)).config?.Labels ?? {})
      : {};
    return test.accepts(record.created, labels);
  };
}

/** "Deleted Images:" and its lines, as the CLI prints a prune report. */
export function deletedImagesText(report: PruneReport): string {
  if (report.records.length === 0) return '';
  const lines = report.records.map((r) =>
    'untagged' in r ? `untagged: ${r.untagged}\n` : `deleted: ${r.deleted}\n`,
  );
  return `Deleted Images:\n${lines.join('')}\n`;
}

export function imagePruneVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
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
    noArgs(args, verb);
    const all = flagOn(flags, 'all');
    try {
      const filters = parseFilters(flagValues(flags, 'filter'), PRUNE_FILTERS);
      const accept = pruneFilter(engine, filters, io.now());
      const warning = all
        ? 'WARNING! This will remove all images without at least one container associated to them.'
        : 'WARNING! This will remove all dangling images.';
      if (!flagOn(flags, 'force') && !(await confirm(io, `${warning}\n`))) {
        await io.out('Total reclaimed space: 0B\n');
        return 0;
      }
      const report = await pruneImages(engine.images, engine.list(true), { all, accept });
      await io.out(
        `${deletedImagesText(report)}Total reclaimed space: ${humanSize(report.reclaimed, 4)}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof FilterError || isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
  };
}
