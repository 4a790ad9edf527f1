import { createHash } from 'node:crypto';

/**
 * The event log's hash chain (DESIGN §7: an edit behind the hub's back is detected). Every row
 * carries `prev_hash`, the hash of the row before it (`genesisHash` for the first), and `hash`:
 *
 *   hash = SHA-256 hex of the UTF-8 bytes of
 *          JSON.stringify([prev_hash, seq, id, type, at, actor, station, payload])
 *
 * with `payload` the stored JSON text as it is (not parsed again), `actor` and `station` null when
 * absent, and JSON.stringify as ECMAScript defines it. Changing any field of a row, its place
 * (`seq`) or the row before it changes its hash.
 */
export const genesisHash = '0'.repeat(64);

/** The columns of one event row the chain covers, as stored. */
export interface ChainedRow {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  payload: string;
}

export function eventHash(prevHash: string, row: ChainedRow): string {
  const canonical = JSON.stringify([
    prevHash,
    row.seq,
    row.id,
    row.type,
    row.at,
    row.actor,
    row.station,
    row.payload,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Where the chain ends: its last row's place and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}
