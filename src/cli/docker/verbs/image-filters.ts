// `docker images -f KEY=VALUE` and the REPOSITORY[:TAG] argument, as the
// daemon applies them: dangling, label, before, since and reference (a
// path.Match pattern over "name:tag", then over "name").
import { FlagError } from '../flags.ts';

export type Filters = Map<string, string[]>;

const IMAGE_FILTERS = new Set(['dangling', 'label', 'before', 'since', 'reference']);

/** Parses -f values; an unknown key is the daemon's "Invalid filter". */
export function parseFilters(values: readonly string[], allowed = IMAGE_FILTERS): Filters {
  const filters: Filters = new Map();
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0)
      throw new FlagError(
        `invalid argument "${value}" for "-f, --filter" flag: bad format of filter (expected name=value)`,
      );
    const key = value.slice(0, eq).trim().toLowerCase();
    filters.set(key, [...(filters.get(key) ?? []), value.slice(eq + 1).trim()]);
  }
  for (const key of filters.keys()) {
    if (!allowed.has(key)) throw new FilterError(`Invalid filter '${key}'`);
  }
  return filters;
}

/** A filter the daemon refuses: printed as "Error response from daemon: ...". */
export class FilterError extends Error {}

/** Go's path.Match: `*` and `?` within a path segment, `[...]` classes, `\` escapes. */
export function pathMatch(pattern: string, text: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return false;
      const body = pattern.slice(i + 1, end).replace(/^\^/, '!');
      source += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`).test(text);
}

const escape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** reference.FamiliarMatch: the pattern against "name:tag", else against "name". */
export function referenceMatches(pattern: string, tag: string): boolean {
  return pathMatch(pattern, tag) || pathMatch(pattern, tag.slice(0, tag.lastIndexOf(':')));
}

/** label=KEY or label=KEY=VALUE against an image's labels. */
export function labelsMatch(wanted: readonly string[], labels: Record<string, string>): boolean {
  return wanted.every((label) => {
    const eq = label.indexOf('=');
    if (eq < 0) return label in labels;
    return labels[label.slice(0, eq)] === label.slice(eq + 1);
  });
}

/** The dangling filter's value as the daemon reads it. */
export function danglingWanted(filters: Filters): boolean | undefined {
  const values = filters.get('dangling');
  if (!values) return undefined;
  const value = values.at(-1)!.toLowerCase();
  if (['true', '1'].includes(value)) return true;
  if (['false', '0'].includes(value)) return false;
  throw new FilterError(`Invalid filter 'dangling=[${values.at(-1)}]'`);
}
