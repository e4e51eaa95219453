// The engine's last events kept in the image store's backend (record kind
// 'events', one record), so `docker events --since` in a later `bocal`
// command or after a page reload still lists what earlier engines did:
// dockerd keeps them in its one long-lived process; bocal's engines come and
// go. The cap is dockerd's (EVENTS_KEPT). Written at the engine's flush and
// a moment after the last event, not with each one (a `docker run --rm`
// makes five).
import type { StoreBackend } from '../image/store-backend.ts';
import type { EngineEvent } from './events.ts';

/** An event as JSON holds it: the nanoseconds as a decimal string (a bigint has no JSON form). */
type StoredEvent = Omit<EngineEvent, 'timeNano'> & { timeNano: string };

const KEY = 'recent';

export async function loadEvents(backend: StoreBackend): Promise<EngineEvent[]> {
  const stored = await backend.getRecord<StoredEvent[]>('events', KEY).catch(() => undefined);
  if (!Array.isArray(stored)) return [];
  return stored.map((event) => ({ ...event, timeNano: BigInt(event.timeNano) }));
}

export function storedEvents(events: readonly EngineEvent[]): StoredEvent[] {
  return events.map((event) => ({ ...event, timeNano: String(event.timeNano) }));
}

export const EVENTS_RECORD = { kind: 'events', key: KEY } as const;
