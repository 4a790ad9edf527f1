import Database from 'better-sqlite3';
import { migrate } from '../../src-main/store/migrations/index.ts';

/**
 * A floor's database migrated up to `version`, holding one booking (`MPDPS-00001`) and its ticket
 * (`t1`, A2-001 on 30 November 2026): what a migration after it must keep.
 */
export function floorWithTicket(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
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
  return db;
}
