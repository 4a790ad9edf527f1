import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 008: appointment feed', () => {
  it('adds the feed table, keeps existing bookings verified and tickets not flagged, once', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 7)).toBe(7);
    db.prepare(
      `INSERT INTO bookings (code, nik, full_name, birth_date, sex, phone, application_kind, passport_type,
         validity_years, appointment_date, window_start, window_end, lane, imported_at, updated_at)
       VALUES ('MPDPS-00001', '5171010101600002', 'I Wayan', '1960-01-01', 'L', NULL, 'baru', 'elektronik',
         10, '2026-11-30', '09:00', '10:00', 'regular', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO tickets (id, office_date, number, lane, window_number, sequence, booking_code, status,
         arrival, window_start, window_end, expected_call, issued_at)
       VALUES ('t1', '2026-11-30', 'A2-001', 'regular', 2, 1, 'MPDPS-00001', 'waiting', 'on_time',
         '09:00', '10:00', '09:00', 0)`,
    ).run();
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
