// `docker events [--since T] [--until T] [--filter K=V] [--format F]`: the
// engine's events, past ones from --since, then new ones as they happen
// until --until (or until the caller goes away), one line each in
// dockerd's text form or through a Go template.
import { eventLine, type EngineEvent } from '../../../engine/events.ts';
import { HELP, noArgs, type Command } from '../command.ts';
import { flagValue, flagValues, parseFlags } from '../flags.ts';
import { parseTemplate } from '../template.ts';
import { parseTimeValue, TimeValueError } from './time-value.ts';

type Filters = Map<string, string[]>;

function parseFilters(given: string[]): Filters {
  const filters: Filters = new Map();
  for (const text of given) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new TimeValueError(`bad format of filter (expected name=value)`);
    const key = text.slice(0, eq).toLowerCase();
    if (!['container', 'event', 'type', 'image', 'label', 'scope'].includes(key)) {
      throw new TimeValueError(`Error response from daemon: invalid filter '${key}'`);
    }
    filters.set(key, [...(filters.get(key) ?? []), text.slice(eq + 1)]);
  }
  return filters;
}

/** dockerd's matching: any value of a key may match, every key must. */
function matches(event: EngineEvent, filters: Filters): boolean {
  const attributes = event.Actor.Attributes;
  const check = (key: string, test: (value: string) => boolean) => {
    const values = filters.get(key);
    return !values || values.some(test);
  };
  return (
    check('type', (v) => v === event.Type) &&
    check('event', (v) => v === event.Action || event.Action.startsWith(`${v}:`)) &&
    check('scope', (v) => v === event.scope) &&
    check(
      'container',
      (v) => v === attributes['name'] || (v.length > 0 && event.Actor.ID.startsWith(v)),
    ) &&
    check('image', (v) => v === attributes['image']) &&
    check('label', (v) => {
      const eq = v.indexOf('=');
      return eq < 0 ? v in attributes : attributes[v.slice(0, eq)] === v.slice(eq + 1);
    })
  );
}

/** A Go map to the template: a missing key prints `<no value>` (not an error, as a struct field is). */
function goMap(map: Record<string, string>): Record<string, string> {
  return new Proxy(map, {
    get: (target, key) =>
      typeof key === 'string' && !(key in target) ? '<no value>' : target[key as string],
  });
}

/** The fields a --format template sees, with the old top-level names dockerd still sends. */
function templateFields(event: EngineEvent): Record<string, unknown> {
  const actor = { ID: event.Actor.ID, Attributes: goMap(event.Actor.Attributes) };
  return {
    status: event.Action,
    id: event.Actor.ID,
    from: event.Actor.Attributes['image'] ?? '',
    Type: event.Type,
    Action: event.Action,
    Actor: actor,
    scope: event.scope,
    time: event.time,
    timeNano: Number(event.timeNano),
    // Go template fields are case-sensitive: the CLI's own names.
    Status: event.Action,
    ID: event.Actor.ID,
    From: event.Actor.Attributes['image'] ?? '',
    Scope: event.scope,
    Time: event.time,
    TimeNano: Number(event.timeNano),
  };
}

export const eventsCommand: Command = async (argv, io, engine) => {
  const { flags, args } = parseFlags(
    argv,
    [
      HELP,
      { long: 'since', value: true },
      { long: 'until', value: true },
      { long: 'filter', short: 'f', value: true, repeat: true },
      { long: 'format', value: true },
    ],
    true,
  );
  noArgs(args, 'events');
  const now = io.now();
  let since: number | undefined;
  let until = Infinity;
  let filters: Filters;
  try {
    const sinceText = flagValue(flags, 'since');
    const untilText = flagValue(flags, 'until');
    if (sinceText) since = parseTimeValue(sinceText, now);
    if (untilText) until = parseTimeValue(untilText, now);
    filters = parseFilters(flagValues(flags, 'filter'));
  } catch (error) {
    if (!(error instanceof TimeValueError)) throw error;
    await io.err(`${error.message}\n`);
    return 1;
  }
  const format = flagValue(flags, 'format');
  const template = format ? parseTemplate(format, 'events.Message') : undefined;
  const line = (event: EngineEvent) =>
    template ? template.render(templateFields(event)) : eventLine(event);
  const eventMs = (event: EngineEvent) => Number(event.timeNano / 1_000_000n);
  const wanted = (event: EngineEvent) =>
    matches(event, filters) &&
    eventMs(event) <= until &&
    (since === undefined || eventMs(event) >= since);
  // Past events are shown from --since, or up to --until when only it is given.
  if (since !== undefined || until !== Infinity) {
    for (const event of engine.events.events) {
      if (wanted(event)) await io.out(`${line(event)}\n`);
    }
  }
  if (until <= now) return 0;
  // Streams until --until passes or a write fails (the caller has gone).
  await new Promise<void>((resolve) => {
    let chain = Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      stop();
      clearTimeout(timer);
      resolve();
    };
    const stop = engine.events.subscribe((event) => {
      if (!wanted(event)) return;
      chain = chain.then(() => io.out(`${line(event)}\n`)).catch(end);
    });
    if (until !== Infinity) timer = setTimeout(end, until - now);
  });
  return 0;
};
