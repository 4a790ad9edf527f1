import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 008: appointment feed', () => {
  it('adds the feed table, keeps existing bookings verified and tickets not flagged, once', () => {
    const db = floorWithTicket(7);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(7);
    expect(migrate(db, 8)).toBe(1);
    expect(migrate(db, 8)).toBe(0);
    expect(db.prepare('SELECT verified FROM bookings').pluck().get()).toBe(1);
    expect(db.prepare('SELECT unverified FROM tickets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM appointment_feed').pluck().get()).toBe(0);
  });

  it('holds one feed only, with a sane interval and timeout', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO appointment_feed (id, url, interval_minutes, timeout_seconds, configured_at)
       VALUES (?, 'https://example.test/today', ?, ?, 0)`,
    );
    insert.run(1, 15, 10);
    expect(() => insert.run(2, 15, 10)).toThrow(/CHECK/);
    db.prepare('DELETE FROM appointment_feed').run();
    expect(() => insert.run(1, 0, 10)).toThrow(/CHECK/);
    expect(() => insert.run(1, 15, 0)).toThrow(/CHECK/);
  });
});
