import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 007: the floor working apart', () => {
  it('marks existing tickets as issued online and adds leases, applied commands, conflicts and the outbox', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 6)).toBe(6);
    db.prepare(
      `INSERT INTO bookings (code, nik, full_name, birth_date, sex, application_kind, passport_type,
         validity_years, appointment_date, window_start, window_end, lane, imported_at, updated_at)
       VALUES ('MPDPS-00001', '5171015001900002', 'Ni Made Ayu', '1990-01-10', 'P', 'baru', 'elektronik',
         10, '2026-11-30', '09:00', '10:00', 'regular', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO tickets (id, office_date, number, lane, window_number, sequence, booking_code, status,
         arrival, window_start, window_end, expected_call, issued_at, issued_by)
       VALUES ('t1', '2026-11-30', 'A2-001', 'regular', 2, 1, 'MPDPS-00001', 'waiting', 'on_time',
         '09:00', '10:00', '09:05', 0, NULL)`,
    ).run();
    expect(migrate(db, 7)).toBe(1);
    expect(migrate(db, 7)).toBe(0);
    expect(db.prepare('SELECT issued_offline FROM tickets').pluck().get()).toBe(0);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'number_leases',
        'applied_commands',
        'offline_conflicts',
        'outbox',
        'replica_state',
      ]),
    );
    // A lease's block cannot run backwards.
    expect(() =>
      db
        .prepare(
          `INSERT INTO number_leases (id, station_id, office_date, lane, window_number, first_seq, last_seq, granted_at)
           VALUES ('l1', 's1', '2026-11-30', 'regular', 2, 600, 501, 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
