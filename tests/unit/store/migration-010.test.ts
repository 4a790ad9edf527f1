import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

const application = `INSERT INTO applications (id, number, office_date, ticket_id, booking_code, application_kind,
    passport_type, status, started_at, interview, updated_at)
  VALUES (?, ?, '2026-11-30', ?, 'MPDPS-00001', 'baru', 'elektronik', 'interview', 0, '{}', 0)`;

describe('migration 010: applications and biometric images', () => {
  it('adds the tables on a floor that has tickets, once, and one application per ticket', () => {
    const db = floorWithTicket(9);
    expect(migrate(db, 10)).toBe(1);
    expect(migrate(db, 10)).toBe(0);
    db.prepare(application).run('a1', 'DPS-261130-0001', 't1');
    expect(() => db.prepare(application).run('a2', 'DPS-261130-0002', 't1')).toThrow(/UNIQUE/);
    expect(() => db.prepare(application).run('a3', 'DPS-261130-0003', 'no-such-ticket')).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('keeps an image row sealed or purged, never half of either', () => {
    const db = floorWithTicket(9);
    migrate(db, 10);
    db.prepare(application).run('a1', 'DPS-261130-0001', 't1');
    const insert =
      db.prepare(`INSERT INTO biometric_images (id, application_id, kind, position, format, quality, meta,
        key_id, byte_length, iv, tag, ciphertext, captured_at, purged_at)
      VALUES (?, 'a1', 'fingerprint', 'Right IndexFinger', 'iso19794-4', 62, '{}', 'k', 10, ?, ?, ?, 0, ?)`);
    const bytes = Buffer.alloc(12);
    insert.run('i1', bytes, bytes, bytes, null);
    expect(() => insert.run('i2', null, null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('i3', bytes, bytes, bytes, 5)).toThrow(/CHECK/);
    db.prepare('UPDATE biometric_images SET iv = NULL, tag = NULL, ciphertext = NULL, purged_at = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM biometric_images').pluck().get()).toBe(1);
    expect(() => db.prepare(`UPDATE biometric_images SET quality = 101`).run()).toThrow(/CHECK/);
  });
});
