import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

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

interface EventRow {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  payload: string;
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

  append(event: EventInput): number {
    const result = this.insert.run({ ...event, id: randomUUID(), payload: JSON.stringify(event.payload) });
    return Number(result.lastInsertRowid);
  }

  readAfter(cursor: number, limit = 500): FloorEvent[] {
    return (this.after.all(cursor, limit) as EventRow[]).map((row) => ({
      ...row,
      payload: JSON.parse(row.payload),
    }));
  }

  lastSeq(): number {
    return this.last.get() as number;
  }
}
