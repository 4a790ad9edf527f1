import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 004: pairing codes', () => {
  it('adds the pairing table once, tied to a station', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 3)).toBe(3);
    expect(migrate(db, 4)).toBe(1);
    expect(migrate(db, 4)).toBe(0);
    const columns = (db.prepare('PRAGMA table_info(station_pairings)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(['code_hash', 'station_id', 'created_at', 'expires_at', 'used_at']);
    expect(() =>
      db
        .prepare(
          "INSERT INTO station_pairings (code_hash, station_id, created_at, expires_at) VALUES ('h', 'nope', 0, 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
