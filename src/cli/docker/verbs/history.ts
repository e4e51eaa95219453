// `docker history IMAGE`: the config's history entries, newest first, each
// with the size of the layer it made (0 for an empty_layer entry); the
// newest carries the image ID, older ones <missing> (loaded images have no
// parent chain), as the daemon answers.
import type { Engine } from '../../../engine/engine.ts';
import { digestHex, type Digest } from '../../../image/digest.ts';
import {
  daemonError,
  formatRows,
  HELP,
  isDaemonError,
  needArgs,
  type DockerIO,
} from '../command.ts';
import { flagOn, flagValue, parseFlags } from '../flags.ts';
import { humanDuration, humanSize } from '../units.ts';
import { imageConfig } from './image-config.ts';
import { getImage } from './image-names.ts';

const HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

/** Go's Ellipsis: at most `max` characters, the last one "…" when cut. */
const ellipsis = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

export interface HistoryItem {
  id: string;
  created: number;
  createdBy: string;
  size: number;
  comment: string;
}

export async function imageHistory(engine: Engine, name: string): Promise<HistoryItem[]> {
  const record = await getImage(engine.images, name);
  const config = await imageConfig(engine.images, record);
  const sizes = await engine.images.layerSizes();
  const items: HistoryItem[] = [];
  let layer = 0;
  for (const entry of config.history ?? []) {
    let size = 0;
    if (!entry.empty_layer) {
      const chain = record.layers[layer++]?.chainId;
      size = chain ? (sizes.get(chain as Digest) ?? 0) : 0;
    }
    items.unshift({
      id: '<missing>',
      created: entry.created ? Date.parse(entry.created) : 0,
      createdBy: entry.created_by ?? '',
      size,
      comment: entry.comment ?? '',
    });
  }
  if (items[0]) items[0].id = record.id;
  return items;
}

export function historyVerb(verb: string) {
  return async (argv: string[], io: DockerIO, engine: Engine): Promise<number> => {
    const { flags, args } = parseFlags(
      argv,
      [
        HELP,
        { long: 'human', short: 'H' },
        { long: 'no-trunc' },
        { long: 'quiet', short: 'q' },
        { long: 'format', value: true },
      ],
      true,
    );
    needArgs(args, verb, 1, true);
    let items: HistoryItem[];
    try {
      items = await imageHistory(engine, args[0]!);
    } catch (error) {
      if (isDaemonError(error)) return daemonError(io, error);
      throw error;
    }
    const truncate = !flagOn(flags, 'no-trunc');
    const human = flags.has('human') ? flagOn(flags, 'human') : true;
    const now = io.now();
    const rows = items.map((item) => ({
      ID:
        truncate && item.id.startsWith('sha256:')
          ? digestHex(item.id as Digest).slice(0, 12)
          : item.id,
      CreatedSince: human
        ? `${humanDuration(now - item.created)} ago`
        : new Date(item.created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      CreatedAt: new Date(item.created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      CreatedBy: truncate
        ? ellipsis(item.createdBy.replaceAll('\t', ' '), 45)
        : item.createdBy.replaceAll('\t', ' '),
      Size: human ? humanSize(item.size) : String(item.size),
      Comment: item.comment,
    }));
    if (flagOn(flags, 'quiet')) {
      await io.out(rows.map((row) => `${row.ID}\n`).join(''));
      return 0;
    }
    await io.out(
      formatRows(
        flagValue(flags, 'format'),
        HEADERS,
        // Without -H the default table shows CREATED AT (the CLI's non-human format).
        ['ID', human ? 'CreatedSince' : 'CreatedAt', 'CreatedBy', 'Size', 'Comment'],
        rows,
        'formatter.historyContext',
      ),
    );
    return 0;
  };
}
