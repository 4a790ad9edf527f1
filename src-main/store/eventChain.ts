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

/** The fields of an event as it left the office (domain/eventShipping.ts `ShippedEvent`). */
export interface ShippedRow {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  payload: unknown;
  floorHash: string;
}

/**
 * The central copy's own chain over what was shipped (issue 25): the floor's chain covers fields
 * that never leave the office, so the central store cannot recompute it; this one it can.
 *
 *   hash = SHA-256 hex of JSON.stringify([prev_hash, seq, id, type, at, actor, station,
 *                                         canonical(payload), floor_hash])
 *
 * with `canonical` the payload's JSON with object keys sorted (PostgreSQL's jsonb reorders keys, so
 * the stored copy hashes the same as the shipped one).
 */
export function shippedHash(prevHash: string, row: ShippedRow): string {
  const canonical = JSON.stringify([
    prevHash,
    row.seq,
    row.id,
    row.type,
    row.at,
    row.actor,
    row.station,
    canonicalJson(row.payload),
    row.floorHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** JSON with every object's keys in sorted order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
