import type Database from 'better-sqlite3';
import { eventHash, genesisHash, type ChainedRow } from '../../src-main/store/eventChain.ts';

/**
 * What someone with `sqlite3` and the floor's database file can do to its event log, done with
 * better-sqlite3 straight on the file, past Loket's store.
 */
type Db = Database.Database;

const content = 'id, type, at, actor, station, payload';

export function deleteRow(db: Db, seq: number): void {
  db.prepare('DELETE FROM events WHERE seq = ?').run(seq);
}

export function editPayload(db: Db, seq: number, payload: unknown): void {
  db.prepare('UPDATE events SET payload = ? WHERE seq = ?').run(JSON.stringify(payload), seq);
}

/** Swaps two rows' content (id, type, at, actor, station, payload); their hashes stay in place. */
export function swapContent(db: Db, a: number, b: number): void {
  const read = db.prepare(`SELECT ${content} FROM events WHERE seq = ?`);
  const first = read.get(a) as Record<string, unknown>;
  const second = read.get(b) as Record<string, unknown>;
  const write = db.prepare(
    'UPDATE events SET id = @id, type = @type, at = @at, actor = @actor, station = @station, payload = @payload WHERE seq = @seq',
  );
  db.transaction(() => {
    // Ids are unique: the first row lets go of its id before the second takes it.
    db.prepare('UPDATE events SET id = ? WHERE seq = ?').run(`swapping-${a}`, a);
    write.run({ ...first, seq: b });
    write.run({ ...second, seq: a });
  })();
}

/**
 * Puts a row in at `seq`, moving that row and every later one a place on, with a hash chained to
 * the row before it as the hub would have written it. Only the row after it gives it away.
 */
export function insertRow(db: Db, seq: number, event: Omit<ChainedRow, 'seq'>): void {
  db.transaction(() => {
    db.prepare('UPDATE events SET seq = -seq - 1 WHERE seq >= ?').run(seq);
    db.prepare('UPDATE events SET seq = -seq WHERE seq < 0').run();
    const prev =
      (db
        .prepare('SELECT hash FROM events WHERE seq = ?')
        .pluck()
        .get(seq - 1) as string | undefined) ?? genesisHash;
    const row = { ...event, seq };
    db.prepare(
      `INSERT INTO events (seq, ${content}, prev_hash, hash) VALUES (@seq, @id, @type, @at, @actor, @station, @payload, @prev, @hash)`,
    ).run({ ...row, prev, hash: eventHash(prev, row) });
  })();
}

/**
 * Edits one row and recomputes its hash and every later one, so the chain is whole again: only
 * an anchor written before the edit tells. With `only`, just the edited row's own hash.
 */
export function rewriteFrom(db: Db, seq: number, payload: unknown, options: { only?: boolean } = {}): void {
  db.transaction(() => {
    editPayload(db, seq, payload);
    const rows = db
      .prepare(
        `SELECT seq, ${content}, prev_hash AS prevHash FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq`,
      )
      .all(seq, options.only ? seq : Number.MAX_SAFE_INTEGER) as (ChainedRow & { prevHash: string })[];
    let prev = rows[0]?.prevHash ?? genesisHash;
    const set = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows) {
      const hash = eventHash(prev, row);
      set.run(prev, hash, row.seq);
      prev = hash;
    }
  })();
}
