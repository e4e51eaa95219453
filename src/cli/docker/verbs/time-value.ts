// The times `logs --since/--until` and `events --since/--until` take, as
// the docker CLI reads them (its timetypes.GetTimestamp): a Go duration
// before now ("10m", "1h30m", "1.5s"), an RFC 3339 time or date, or Unix
// seconds with an optional fraction. Result in milliseconds since the epoch.
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

export class TimeValueError extends Error {}

function goDuration(text: string): number | undefined {
  const match = /^([-+]?)((?:\d*\.?\d+(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!match) return undefined;
  let ms = 0;
  for (const [, number, unit] of match[2]!.matchAll(/(\d*\.?\d+)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(number) * UNIT_MS[unit!]!;
  }
  return match[1] === '-' ? -ms : ms;
}

export function parseTimeValue(text: string, now: number): number {
  const duration = goDuration(text);
  if (duration !== undefined) return now - duration;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (/^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$/.test(text)) {
    // A time without a zone is local time in Go; here that is UTC.
    const zoned = text.includes('T') && !/(Z|[+-]\d\d:\d\d)$/.test(text) ? `${text}Z` : text;
    const ms = Date.parse(zoned);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new TimeValueError(`failed to parse value as time or duration: "${text}"`);
}
