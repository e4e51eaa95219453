// A uid or gid map of a user namespace (user_namespaces(7)): up to 340
// extents `inside outside count`, where `outside` ids are kernel ids (the
// initial namespace's). Parsing follows Linux's map_write: decimal fields,
// count > 0, no overflow, no two extents overlapping inside or outside.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';

/** Linux's limit on extents per map (since 4.15). */
export const UID_GID_MAP_MAX_EXTENTS = 340;
/** What an id without a mapping reads as (/proc/sys/kernel/overflowuid). */
export const OVERFLOW_ID = 65534;
const ID_LIMIT = 2 ** 32;

export interface IdExtent {
  /** First id inside the namespace. */
  first: number;
  /** First id in the parent namespace (as the writer gave it). */
  lowerFirst: number;
  count: number;
}

export class IdMap {
  constructor(readonly extents: readonly IdExtent[]) {}

  /** The map of the initial namespace: every id is itself. */
  static identity(): IdMap {
    return new IdMap([{ first: 0, lowerFirst: 0, count: 0xffffffff }]);
  }

  /** The id inside for `lower` (an id of the parent namespace), or undefined. */
  up(lower: number): number | undefined {
    for (const e of this.extents) {
      if (lower >= e.lowerFirst && lower - e.lowerFirst < e.count)
        return e.first + lower - e.lowerFirst;
    }
    return undefined;
  }

  /** The parent's id for `inside`, or undefined. */
  down(inside: number): number | undefined {
    for (const e of this.extents) {
      if (inside >= e.first && inside - e.first < e.count) return e.lowerFirst + inside - e.first;
    }
    return undefined;
  }
}

function overlaps(aFirst: number, aCount: number, bFirst: number, bCount: number): boolean {
  return aFirst < bFirst + bCount && bFirst < aFirst + aCount;
}

/** Parses what a write to uid_map or gid_map holds: EINVAL for anything Linux rejects. */
export function parseIdMap(text: string): IdExtent[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines.length > UID_GID_MAP_MAX_EXTENTS) fail(Errno.EINVAL);
  const extents: IdExtent[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/[ \t]+/);
    if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) fail(Errno.EINVAL);
    const [first, lowerFirst, count] = fields.map(Number) as [number, number, number];
    if (count === 0 || first + count > ID_LIMIT || lowerFirst + count > ID_LIMIT) {
      fail(Errno.EINVAL);
    }
    for (const other of extents) {
      if (overlaps(first, count, other.first, other.count)) fail(Errno.EINVAL);
      if (overlaps(lowerFirst, count, other.lowerFirst, other.count)) fail(Errno.EINVAL);
    }
    extents.push({ first, lowerFirst, count });
  }
  return extents;
}

/** A map as /proc/<pid>/uid_map shows it: `%10u %10u %10u` per extent. */
export function idMapText(
  extents: readonly { first: number; lower: number; count: number }[],
): string {
  const col = (n: number): string => String(n).padStart(10);
  return extents.map((e) => `${col(e.first)} ${col(e.lower)} ${col(e.count)}\n`).join('');
}
