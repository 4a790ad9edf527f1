import type { Store } from '../store/store.ts';

/**
 * The hub's link to the central store as the supervisor's console and `loket central status` show
 * it (issue 25, docs/central.md): where it sends, how far the central store has the log, the lag in
 * events and minutes, and the last error. The shipping itself is the hub's (hub/centralLink.ts).
 */
export interface CentralLinkStatus {
  linked: boolean;
  url: string | null;
  office: string | null;
  cursor: number;
  /** The hub's newest event. */
  hubSeq: number;
  /** Events not yet in the central store, and how old the oldest of them is, in minutes. */
  lagEvents: number;
  lagMinutes: number;
  lastOkAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
}

export function centralLinkStatus(store: Store, now: number): CentralLinkStatus {
  const link = store.centralLink.get();
  const hubSeq = store.events.lastSeq();
  const cursor = link?.cursor ?? 0;
  const oldest = link ? store.events.chainedAfter(cursor, 1)[0] : undefined;
  return {
    linked: link !== null,
    url: link?.url ?? null,
    office: link?.office ?? null,
    cursor,
    hubSeq,
    lagEvents: link ? Math.max(0, hubSeq - cursor) : 0,
    lagMinutes: oldest ? Math.max(0, Math.floor((now - oldest.at) / 60_000)) : 0,
    lastOkAt: link?.lastOkAt ?? null,
    lastError: link?.lastError ?? null,
    lastErrorAt: link?.lastErrorAt ?? null,
    failures: link?.failures ?? 0,
  };
}
