import { randomBytes } from 'node:crypto';
import { genesisHash } from './eventChain.ts';
import type { Db } from './db.ts';

/** The hub's link to the central store (migration 028). */
export interface CentralLinkRow {
  url: string;
  office: string;
  secret: string;
  pseudonymKey: string;
  /** The last event the central store holds, and the central chain's hash there. */
  cursor: number;
  hash: string;
  linkedAt: number;
  linkedBy: string;
  lastOkAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
}

export class CentralLinkRepository {
  constructor(private readonly db: Db) {}

  get(): CentralLinkRow | null {
    const row = this.db
      .prepare(
        `SELECT url, office, secret, pseudonym_key AS pseudonymKey, cursor, hash, linked_at AS linkedAt,
           linked_by AS linkedBy, last_ok_at AS lastOkAt, last_error AS lastError,
           last_error_at AS lastErrorAt, failures
         FROM central_link WHERE id = 1`,
      )
      .get() as CentralLinkRow | undefined;
    return row ?? null;
  }

  /**
   * Links (or relinks) the hub. A relink to the same office keeps the cursor and the pseudonym key;
   * a link to another office starts its log from the beginning there. The pseudonym key is made once.
   */
  link(input: { url: string; office: string; secret: string; at: number; by: string }): void {
    const current = this.get();
    const sameOffice = current?.office === input.office;
    this.db
      .prepare(
        `INSERT INTO central_link (id, url, office, secret, pseudonym_key, cursor, hash, linked_at, linked_by)
         VALUES (1, @url, @office, @secret, @pseudonymKey, @cursor, @hash, @at, @by)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, office = excluded.office, secret = excluded.secret,
           cursor = excluded.cursor, hash = excluded.hash, linked_at = excluded.linked_at,
           linked_by = excluded.linked_by, last_error = NULL, last_error_at = NULL, failures = 0`,
      )
      .run({
        ...input,
        pseudonymKey: current?.pseudonymKey ?? randomBytes(32).toString('hex'),
        cursor: sameOffice ? current.cursor : 0,
        hash: sameOffice ? current.hash : genesisHash,
      });
  }

  /** The central store answered: its cursor and hash, and when. */
  acknowledged(cursor: number, hash: string, at: number): void {
    this.db
      .prepare(
        `UPDATE central_link SET cursor = ?, hash = ?, last_ok_at = ?, last_error = NULL, last_error_at = NULL,
           failures = 0 WHERE id = 1`,
      )
      .run(cursor, hash, at);
  }

  failed(error: string, at: number): void {
    this.db
      .prepare(
        'UPDATE central_link SET last_error = ?, last_error_at = ?, failures = failures + 1 WHERE id = 1',
      )
      .run(error.slice(0, 500), at);
  }
}
