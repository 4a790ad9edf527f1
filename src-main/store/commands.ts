import type { Db } from './db.ts';

/** What the hub answered a command: its result, or the error it refused it with. */
export type CommandOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: { id: string; en: string }; details?: unknown } };

/** A station's command the hub turned away: kept for the supervisor, never dropped. */
export interface RefusedCommand {
  id: string;
  stationId: string;
  stationName: string | null;
  operation: string;
  outcome: CommandOutcome;
  appliedAt: number;
}

/** On the hub: each station command applied once, with the answer a repeat gets back. */
export class AppliedCommandRepository {
  private readonly byId;
  private readonly insert;
  private readonly refusedStmt;

  constructor(db: Db) {
    this.byId = db.prepare('SELECT station_id, operation, outcome FROM applied_commands WHERE id = ?');
    this.insert = db.prepare(
      'INSERT INTO applied_commands (id, station_id, operation, outcome, applied_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.refusedStmt = db.prepare(`SELECT c.id, c.station_id AS stationId, s.name AS stationName, c.operation,
        c.outcome, c.applied_at AS appliedAt
      FROM applied_commands c LEFT JOIN stations s ON s.id = c.station_id
      WHERE json_extract(c.outcome, '$.ok') = 0 AND c.applied_at >= ? ORDER BY c.applied_at, c.id`);
  }

  /** The commands refused since an instant (the start of the office's day). */
  refusedSince(at: number): RefusedCommand[] {
    return (this.refusedStmt.all(at) as (Omit<RefusedCommand, 'outcome'> & { outcome: string })[]).map(
      (row) => ({ ...row, outcome: JSON.parse(row.outcome) as CommandOutcome }),
    );
  }

  find(id: string): { stationId: string; operation: string; outcome: CommandOutcome } | null {
    const row = this.byId.get(id) as { station_id: string; operation: string; outcome: string } | undefined;
    return row
      ? {
          stationId: row.station_id,
          operation: row.operation,
          outcome: JSON.parse(row.outcome) as CommandOutcome,
        }
      : null;
  }

  record(id: string, stationId: string, operation: string, outcome: CommandOutcome, at: number): void {
    this.insert.run(id, stationId, operation, JSON.stringify(outcome), at);
  }
}

export interface OutboxEntry {
  seq: number;
  id: string;
  operation: string;
  input: unknown;
  createdAt: number;
  attempts: number;
  answeredAt: number | null;
  outcome: CommandOutcome | null;
}

const entryFrom = (row: Record<string, unknown>): OutboxEntry => ({
  seq: row.seq as number,
  id: row.id as string,
  operation: row.operation as string,
  input: JSON.parse(row.input as string) as unknown,
  createdAt: row.created_at as number,
  attempts: row.attempts as number,
  answeredAt: (row.answered_at as number | null) ?? null,
  outcome: row.outcome ? (JSON.parse(row.outcome as string) as CommandOutcome) : null,
});

/** On a station: its commands, written here first and sent to the hub in order. */
export class OutboxRepository {
  private readonly insert;
  private readonly oldestStmt;
  private readonly pendingStmt;
  private readonly triedStmt;
  private readonly answerStmt;
  private readonly refusedStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO outbox (id, operation, input, created_at) VALUES (@id, @operation, @input, @createdAt)',
    );
    this.oldestStmt = db.prepare('SELECT * FROM outbox WHERE answered_at IS NULL ORDER BY seq LIMIT 1');
    this.pendingStmt = db.prepare('SELECT COUNT(*) FROM outbox WHERE answered_at IS NULL').pluck();
    this.triedStmt = db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
    this.answerStmt = db.prepare(
      'UPDATE outbox SET answered_at = ?, outcome = ? WHERE id = ? AND answered_at IS NULL',
    );
    this.refusedStmt = db.prepare(
      "SELECT * FROM outbox WHERE answered_at IS NOT NULL AND json_extract(outcome, '$.ok') = 0 ORDER BY seq",
    );
  }

  add(entry: { id: string; operation: string; input: unknown; createdAt: number }): void {
    this.insert.run({ ...entry, input: JSON.stringify(entry.input) });
  }

  /** The first command the hub has not answered yet. */
  oldest(): OutboxEntry | null {
    const row = this.oldestStmt.get() as Record<string, unknown> | undefined;
    return row ? entryFrom(row) : null;
  }

  pending(): number {
    return this.pendingStmt.get() as number;
  }

  tried(id: string): void {
    this.triedStmt.run(id);
  }

  answered(id: string, outcome: CommandOutcome, at: number): void {
    this.answerStmt.run(at, JSON.stringify(outcome), id);
  }

  /** Commands the hub refused: kept, never dropped, for the supervisor to see. */
  refused(): OutboxEntry[] {
    return (this.refusedStmt.all() as Record<string, unknown>[]).map(entryFrom);
  }
}

/** On a station: small facts about its replica (the stream cursor, who it is). */
export class ReplicaStateRepository {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM replica_state WHERE key = ?').pluck();
    this.setStmt = db.prepare(
      'INSERT INTO replica_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | null {
    return (this.getStmt.get(key) as string | undefined) ?? null;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
}
