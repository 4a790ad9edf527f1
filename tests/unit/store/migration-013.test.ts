import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 013: what a kiosk replica keeps of a booking', () => {
  it('adds the reduced bookings and the floor secrets, keeping the floor as it was, once', () => {
    const db = floorWithTicket(12);
    expect(migrate(db, 13)).toBe(1);
    expect(migrate(db, 13)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM kiosk_bookings').pluck().get()).toBe(0);
    const columns = (db.prepare('PRAGMA table_info(kiosk_bookings)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    // Nothing that names a person: no NIK, name, phone or birth date.
    expect(columns).toEqual([
      'code',
      'nik_hash',
      'appointment_date',
      'window_start',
      'window_end',
      'lane',
      'application_kind',
      'initials',
      'kept_at',
    ]);
    db.prepare("INSERT INTO floor_secrets (name, value) VALUES ('nikKey', x'00')").run();
    expect(() =>
      db.prepare("INSERT INTO floor_secrets (name, value) VALUES ('nikKey', x'01')").run(),
    ).toThrow(/UNIQUE/);
  });
});
