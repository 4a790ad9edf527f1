import { eventHash, genesisHash, type ChainedRow } from '../eventChain.ts';
import type { Migration } from './index.ts';

/**
 * The event log becomes tamper-evident (DESIGN §7): every row carries `prev_hash`, the hash of the
 * row before it, and `hash`, its own (`eventChain.ts`). On a floor that already has events the
 * chain is anchored here: every existing row is hashed in order, the first from `genesisHash`.
 * From then on `EventLog` writes both in the transaction that appends the row.
 */
export const eventChain: Migration = {
  version: 12,
  name: 'event_chain',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN prev_hash TEXT;
      ALTER TABLE events ADD COLUMN hash TEXT;
    `);
    const rows = db
      .prepare('SELECT seq, id, type, at, actor, station, payload FROM events ORDER BY seq')
      .iterate() as IterableIterator<ChainedRow>;
    const set = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
    // Collected first: a statement still iterating the table cannot have it updated under it.
    const chain: [string, string, number][] = [];
    let prev = genesisHash;
    for (const row of rows) {
      const hash = eventHash(prev, row);
      chain.push([prev, hash, row.seq]);
      prev = hash;
    }
    for (const link of chain) set.run(...link);
  },
};
