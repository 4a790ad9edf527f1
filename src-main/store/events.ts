import { newId } from '../domain/ids.ts';
import { events, type EventPayload, type EventType, type FloorEvent } from '../domain/events.ts';
import type { Db } from './db.ts';
import { eventHash, genesisHash, type ChainedRow, type ChainHead } from './eventChain.ts';

export type { FloorEvent } from '../domain/events.ts';

/** An event to append: its type names its payload in the catalogue (`domain/events.ts`). */
export type EventInput = FloorEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'seq' | 'id'>
    : never
  : never;

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

/**
 * The append-only event log every station follows from its cursor. Each row is chained to the one
 * before it (`eventChain.ts`); the stream sends the events without their hashes.
 */
export class EventLog {
  private readonly insert;
  private readonly after;
  private readonly last;
  private readonly tail;
  private readonly lastRow;
  private readonly byType;
  private readonly chained;

  constructor(db: Db) {
    this.byType = db.prepare(
      'SELECT seq, id, type, at, actor, station, payload FROM events WHERE type = ? AND at >= ? ORDER BY seq',
    );
    this.insert = db.prepare(
      `INSERT INTO events (seq, id, type, at, actor, station, payload, prev_hash, hash)
       VALUES (@seq, @id, @type, @at, @actor, @station, @payload, @prevHash, @hash)`,
    );
    this.after = db.prepare(
      'SELECT seq, id, type, at, actor, station, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.chained = db.prepare(
      `SELECT seq, id, type, at, actor, station, payload, prev_hash AS prevHash, hash
       FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').pluck();
    this.lastRow = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    // The last row's hash, and the highest seq ever given (AUTOINCREMENT's own record): a row
    // deleted from the end leaves a gap after it, never a seq given twice. Two index lookups.
    this.tail = db.prepare(
      `SELECT (SELECT hash FROM events ORDER BY seq DESC LIMIT 1) AS hash,
              MAX(COALESCE((SELECT MAX(seq) FROM events), 0),
                  COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)) AS seq`,
    );
  }

  /**
   * The one way to append: the payload is checked against the catalogue, then written chained to
   * the log's last row in the caller's transaction. Answers the event's sequence number.
   */
  emit(event: EventInput): number {
    const checked = events[event.type].payload.safeParse(event.payload);
    if (!checked.success)
      throw new EventPayloadError(
        event.type,
        checked.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '),
      );
    return this.write(event);
  }

  /** Events after `cursor`, in order; every row was checked against the catalogue when written. */
  readAfter(cursor: number, limit = 500): FloorEvent[] {
    return (this.after.all(cursor, limit) as ChainedRow[]).map(
      (row) => ({ ...row, payload: JSON.parse(row.payload) }) as FloorEvent,
    );
  }

  /** Rows after `cursor` as stored, with their chain hashes: what the central link ships. */
  chainedAfter(
    cursor: number,
    limit: number,
  ): (ChainedRow & { prevHash: string | null; hash: string | null })[] {
    return this.chained.all(cursor, limit) as (ChainedRow & {
      prevHash: string | null;
      hash: string | null;
    })[];
  }

  /** The events of one type since an instant, in order (the supervisor's lists of the day). */
  ofTypeSince(type: EventType, since: number): FloorEvent[] {
    return (this.byType.all(type, since) as ChainedRow[]).map(
      (row) => ({ ...row, payload: JSON.parse(row.payload) }) as FloorEvent,
    );
  }

  lastSeq(): number {
    return this.last.get() as number;
  }

  /** The chain's last row: what an anchor records. Null for an empty log. */
  head(): ChainHead | null {
    const row = this.lastRow.get() as { seq: number; hash: string | null } | undefined;
    return row?.hash ? { seq: row.seq, hash: row.hash } : null;
  }

  /**
   * The one way a row gets into the log: chained to the row the table ends with now, read inside
   * the caller's transaction (the command line may have written beside a running hub, and a
   * rolled-back savepoint takes its rows with it), so no cached head can go stale.
   */
  private write(event: EventInput): number {
    const tail = this.tail.get() as { hash: string | null; seq: number };
    const row = {
      seq: tail.seq + 1,
      id: newId(),
      type: event.type,
      at: event.at,
      actor: event.actor,
      station: event.station,
      payload: JSON.stringify(event.payload),
    };
    const prevHash = tail.hash ?? genesisHash;
    this.insert.run({ ...row, prevHash, hash: eventHash(prevHash, row) });
    return row.seq;
  }
}
