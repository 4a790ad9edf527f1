import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 002: browser sessions of stations', () => {
  it('adds the sessions table on top of the floor core, once', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 1)).toBe(1);
    expect(migrate(db, 2)).toBe(1);
    expect(migrate(db, 2)).toBe(0);
    const columns = (db.prepare('PRAGMA table_info(station_sessions)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(['secret_hash', 'station_id', 'created_at', 'expires_at', 'ended_at']);
  });

  it('refuses a session for a station that does not exist', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    expect(() =>
      db.prepare("INSERT INTO station_sessions VALUES ('h', 'no-such-station', 0, 1, NULL)").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
