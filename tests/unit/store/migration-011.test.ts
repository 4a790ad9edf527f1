import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

function printFloor() {
  const db = floorWithTicket(10);
  expect(migrate(db, 11)).toBe(1);
  expect(migrate(db, 11)).toBe(0);
  db.prepare(
    `INSERT INTO users (id, username, name, role, pin_salt, pin_hash, created_at, updated_at)
     VALUES ('u1', 'a', 'A', 'print_operator', 's', 'x', 0, 0), ('u2', 'b', 'B', 'supervisor', 's', 'x', 0, 0)`,
  ).run();
  db.prepare(
    `INSERT INTO applications (id, number, office_date, ticket_id, booking_code, application_kind,
       passport_type, status, started_at, interview, updated_at)
     VALUES ('a1', 'DPS-261130-0001', '2026-11-30', 't1', 'MPDPS-00001', 'baru', 'elektronik', 'adjudication', 0, '{}', 0)`,
  ).run();
  db.prepare(
    `INSERT INTO print_jobs (id, application_id, passport_type, promised_date, approved_at, state, updated_at)
     VALUES ('j1', 'a1', 'elektronik', '2026-12-04', 0, 'queued', 0)`,
  ).run();
  return db;
}

describe('migration 011: the print station', () => {
  it('refuses a sent-back decision without its reason', () => {
    const db = printFloor();
    const decide = db.prepare(
      `INSERT INTO adjudications (application_id, decision, reason, officer_id, decided_at) VALUES ('a1', ?, ?, 'u2', 0)`,
    );
    decide.run('approved', null);
    expect(() => decide.run('sent_back', null)).toThrow(/CHECK/);
    expect(() => decide.run('sent_back', '')).toThrow(/CHECK/);
  });

  it('keeps a range out of stock until another officer confirms it, and a serial used at most once', () => {
    const db = printFloor();
    const receive = db.prepare(
      `INSERT INTO booklet_ranges (id, passport_type, prefix, first, last, digits, received_by, received_at,
         confirmed_by, confirmed_at, office_date) VALUES (?, 'elektronik', 'X', 1, 10, 7, 'u1', 0, ?, ?, ?)`,
    );
    receive.run('r1', null, null, null);
    expect(() => receive.run('r2', 'u1', 1, '2026-11-30')).toThrow(/CHECK/);
    expect(() => receive.run('r3', 'u2', 1, null)).toThrow(/CHECK/);
    receive.run('r4', 'u2', 1, '2026-11-30');
    const use = db.prepare(
      `INSERT INTO booklet_uses (serial, range_id, job_id, outcome, reason, started_at, office_date)
       VALUES (?, 'r4', 'j1', ?, ?, 0, '2026-11-30')`,
    );
    use.run('X0000001', 'used', null);
    expect(() => use.run('X0000001', 'used', null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => use.run('X0000002', 'spoiled', null)).toThrow(/CHECK/);
  });

  it('records a representative only with a name, a 16-digit NIK and a letter', () => {
    const db = printFloor();
    const hand = db.prepare(
      `INSERT INTO handovers (job_id, receiver, representative_name, representative_nik, letter_reference, officer_id, at)
       VALUES ('j1', 'representative', ?, ?, ?, 'u1', 0)`,
    );
    expect(() => hand.run('Ni Made', '123', 'SK-1')).toThrow(/CHECK/);
    expect(() => hand.run('Ni Made', '5171010101600003', null)).toThrow(/CHECK/);
    hand.run('Ni Made', '5171010101600003', 'SK-1');
  });
});
