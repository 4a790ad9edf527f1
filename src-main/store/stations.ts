import type { Db } from './db.ts';

export const stationModes = ['kiosk', 'counter', 'print', 'display', 'supervisor'] as const;
export type StationMode = (typeof stationModes)[number];

export interface Station {
  id: string;
  name: string;
  mode: StationMode;
  createdAt: number;
  revokedAt: number | null;
}

interface StationRow {
  id: string;
  name: string;
  mode: StationMode;
  created_at: number;
  revoked_at: number | null;
}

const fromRow = (row: StationRow): Station => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** Paired stations. Only a hash of each token is kept. */
export class StationRepository {
  private readonly insert;
  private readonly byTokenHash;
  private readonly all;
  private readonly revokeStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES (@id, @name, @mode, @tokenHash, @createdAt)',
    );
    this.byTokenHash = db.prepare('SELECT * FROM stations WHERE token_hash = ? AND revoked_at IS NULL');
    this.all = db.prepare('SELECT * FROM stations ORDER BY created_at, id');
    this.revokeStmt = db.prepare('UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  add(station: { id: string; name: string; mode: StationMode; tokenHash: string; createdAt: number }): void {
    this.insert.run(station);
  }

  findActiveByTokenHash(tokenHash: string): Station | null {
    const row = this.byTokenHash.get(tokenHash) as StationRow | undefined;
    return row ? fromRow(row) : null;
  }

  list(): Station[] {
    return (this.all.all() as StationRow[]).map(fromRow);
  }

  revoke(id: string, at: number): boolean {
    return this.revokeStmt.run(at, id).changes === 1;
  }
}
