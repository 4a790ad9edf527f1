import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { eventHash, genesisHash, type ChainedRow, type ChainHead } from './eventChain.ts';

export interface EventInput {
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  payload: unknown;
}

export interface FloorEvent extends Omit<EventInput, 'payload'> {
  seq: number;
  id: string;
  payload: unknown;
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

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO events (seq, id, type, at, actor, station, payload, prev_hash, hash)
       VALUES (@seq, @id, @type, @at, @actor, @station, @payload, @prevHash, @hash)`,
    );
    this.after = db.prepare(
      'SELECT seq, id, type, at, actor, station, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
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

  append(event: EventInput): number {
    return this.write(event);
  }

  readAfter(cursor: number, limit = 500): FloorEvent[] {
    return (this.after.all(cursor, limit) as ChainedRow[]).map((row) => ({
      ...row,
      payload: JSON.parse(row.payload),
    }));
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
      id: randomUUID(),
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
