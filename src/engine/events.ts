// The engine's event stream (`docker events`): what happened to which
// object, when, with the attributes dockerd gives (the image and name of a
// container, its exit code on `die`, the old name on `rename`...). Kept in
// memory, the last 256 as dockerd keeps them (daemon/events), and offered
// to subscribers as they happen; the engine keeps them in its store too
// (events-store.ts), so a later engine starts with them.
import type { ContainerRecord } from './container.ts';

export interface EngineEvent {
  Type: 'container' | 'image' | 'volume' | 'network';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  /** Seconds since the epoch. */
  time: number;
  /** Nanoseconds since the epoch (beyond a double's exact integers). */
  timeNano: bigint;
}

export const EVENTS_KEPT = 256;

export class EventLog {
  readonly events: EngineEvent[] = [];
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  constructor(private readonly now: () => number) {}

  add(event: Omit<EngineEvent, 'time' | 'timeNano' | 'scope'>): EngineEvent {
    const ms = this.now();
    // Milliseconds are all the clock gives: a counter in the sub-millisecond
    // digits keeps events of the same millisecond in their order.
    const last = this.events[this.events.length - 1];
    let timeNano = BigInt(ms) * 1_000_000n;
    if (last && last.timeNano >= timeNano) timeNano = last.timeNano + 1n;
    const full: EngineEvent = { ...event, scope: 'local', time: Math.floor(ms / 1000), timeNano };
    this.events.push(full);
    if (this.events.length > EVENTS_KEPT) this.events.shift();
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** A container event with dockerd's attributes: its labels, image and name, and `extra`. */
  container(record: ContainerRecord, action: string, extra: Record<string, string> = {}): void {
    this.add({
      Type: 'container',
      Action: action,
      Actor: {
        ID: record.Id,
        Attributes: {
          ...record.Config.Labels,
          image: record.Config.Image,
          name: record.Name.slice(1),
          ...extra,
        },
      },
    });
  }

  /** Puts a previous engine's events before this one's (oldest first), within the cap. */
  restore(earlier: readonly EngineEvent[]): void {
    const first = this.events[0]?.timeNano;
    const older = earlier.filter((event) => first === undefined || event.timeNano < first);
    this.events.unshift(...older);
    if (this.events.length > EVENTS_KEPT) this.events.splice(0, this.events.length - EVENTS_KEPT);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Go's RFC 3339 with nine fraction digits, in UTC, as `docker events` prints times. */
export function eventTime(timeNano: bigint): string {
  const ms = Number(timeNano / 1_000_000n);
  const nanos = String(timeNano % 1_000_000_000n).padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${nanos}Z`);
}

/** One line of `docker events`: time, type, action, actor id and its sorted attributes. */
export function eventLine(event: EngineEvent): string {
  const attributes = Object.entries(event.Actor.Attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const actor = attributes ? `${event.Actor.ID} (${attributes})` : event.Actor.ID;
  return `${eventTime(event.timeNano)} ${event.Type} ${event.Action} ${actor}`;
}
