import { describe, expect, it } from 'vitest';
import { ApplicationRepository } from '../../../src-main/store/applications.ts';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

const application = `INSERT INTO applications (id, number, office_date, ticket_id, booking_code, application_kind,
    passport_type, status, started_at, interview, updated_at, handed_over_at)
  VALUES (?, ?, '2026-11-30', ?, 'MPDPS-00001', 'baru', 'elektronik', 'adjudication', 0, '{}', 0, ?)`;

describe('migration 023: the biometric purge reads only the images still sealed', () => {
  it('finds the applications handed over past the retention that hold sealed images, and no others', () => {
    const db = floorWithTicket(22);
    const ticket = db.prepare(
      `INSERT INTO tickets (id, office_date, number, lane, window_number, sequence, booking_code, status,
         arrival, window_start, window_end, expected_call, issued_at)
       VALUES (?, '2026-11-30', ?, 'regular', 2, ?, 'MPDPS-00001', 'cancelled', 'on_time', '09:00', '10:00', '09:00', 0)`,
    );
    ticket.run('t2', 'A2-002', 2);
    ticket.run('t3', 'A2-003', 3);
    // Handed over at 1 000 (past the retention), 1 000 (its images purged already), 9 000 (recent).
    db.prepare(application).run('old', 'DPS-261130-0001', 't1', 1_000);
    db.prepare(application).run('purged', 'DPS-261130-0002', 't2', 1_000);
    db.prepare(application).run('recent', 'DPS-261130-0003', 't3', 9_000);
    const image = db.prepare(`INSERT INTO biometric_images (id, application_id, kind, position, format,
        quality, meta, key_id, byte_length, iv, tag, ciphertext, captured_at, purged_at)
      VALUES (?, ?, 'fingerprint', 'Right IndexFinger', 'iso19794-4', 62, '{}', 'k', 10, ?, ?, ?, 0, ?)`);
    const bytes = Buffer.alloc(12);
    image.run('i1', 'old', bytes, bytes, bytes, null);
    image.run('i2', 'old', bytes, bytes, bytes, null);
    image.run('i3', 'purged', null, null, null, 500);
    image.run('i4', 'recent', bytes, bytes, bytes, null);

    expect(migrate(db, 23)).toBe(1);
    expect(migrate(db, 23)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM biometric_images').pluck().get()).toBe(4);
    const applications = new ApplicationRepository(db);
    expect(applications.handedOverBefore(5_000)).toEqual(['old']);
    expect(applications.handedOverBefore(10_000).sort()).toEqual(['old', 'recent']);
    const plan = (
      db
        .prepare('EXPLAIN QUERY PLAN SELECT application_id FROM biometric_images WHERE purged_at IS NULL')
        .all() as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toContain('biometric_images_sealed');
  });
});
