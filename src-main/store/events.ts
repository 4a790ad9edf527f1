import { randomUUID } from 'node:crypto';
import { events, type EventPayload, type EventType, type FloorEvent } from '../domain/events.ts';
import type { Db } from './db.ts';

export type { FloorEvent } from '../domain/events.ts';

/** An event to append: its type names its payload in the catalogue (`domain/events.ts`). */
export type EventInput = {
  [T in EventType]: {
    type: T;
    at: number;
    actor: string | null;
    station: string | null;
    payload: EventPayload<T>;
  };
}[EventType];

/**
 * The event types whose payload carries `F`, for a writer that fills those fields in for its
 * callers (an application's id and number, a queue entry's ticket and counter).
 */
export type EventTypeWith<F> = { [T in EventType]: EventPayload<T> extends F ? T : never }[EventType];

/** What a caller of such a writer adds to `F` to make the payload of `T`. */
export type PayloadBeyond<T extends EventType, F> = Omit<EventPayload<T>, keyof F>;

/**
 * One event of type `T` from a writer's shared fields and a caller's own: TypeScript cannot follow
 * a generic type into the payload's union, so this is where the pair is put together; `emit`
 * checks the result against the catalogue all the same.
 */
export function eventOf<T extends EventType>(
  type: T,
  by: { at: number; actor: string | null; station: string | null },
  payload: object,
): EventInput {
  return { type, ...by, payload } as EventInput;
}

interface EventRow {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  payload: string;
}

/**
 * A payload that does not match its catalogue entry: a programming error. It is thrown inside the
 * writer's transaction, so the state change it would have recorded is rolled back with it.
 */
export class EventPayloadError extends Error {
  constructor(type: string, issues: string) {
    super(`event ${type}: payload does not match the catalogue: ${issues}`);
    this.name = 'EventPayloadError';
  }
}

/** The append-only event log every station follows from its cursor. */
export class EventLog {
  private readonly insert;
  private readonly after;
  private readonly last;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO events (id, type, at, actor, station, payload) VALUES (@id, @type, @at, @actor, @station, @payload)',
    );
    this.after = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').pluck();
  }

  /**
   * The one way to append: the payload is checked against the catalogue and written in the
   * caller's transaction. Answers the event's sequence number.
   */
  emit(event: EventInput): number {
    const checked = events[event.type].payload.safeParse(event.payload);
    if (!checked.success)
      throw new EventPayloadError(
        event.type,
        checked.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '),
      );
    const result = this.insert.run({ ...event, id: randomUUID(), payload: JSON.stringify(event.payload) });
    return Number(result.lastInsertRowid);
  }

  /** Events after `cursor`, in order; every row was checked against the catalogue when written. */
  readAfter(cursor: number, limit = 500): FloorEvent[] {
    return (this.after.all(cursor, limit) as EventRow[]).map(
      (row) => ({ ...row, payload: JSON.parse(row.payload) }) as FloorEvent,
    );
  }

  lastSeq(): number {
    return this.last.get() as number;
  }
}
