import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, migrations } from '../../../src-main/store/migrations/index.ts';
import { openDatabase, type Db } from '../../../src-main/store/db.ts';
import { TicketRepository } from '../../../src-main/store/tickets.ts';

const opened: Db[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty database brought up to migration 001, with foreign keys on as the floor runs it. */
function migrated(upTo = 1): Db {
  const db = new Database(':memory:');
  opened.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db, upTo);
  return db;
}

const names = (db: Db, type: 'table' | 'index'): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all(type) as string[];

const addBooking = (db: Db, code: string) =>
  db
    .prepare(
      `INSERT INTO bookings (code, nik, full_name, birth_date, sex, phone, application_kind, passport_type,
        validity_years, appointment_date, window_start, window_end, lane, imported_at, updated_at)
       VALUES (?, '5171015203900002', 'Ni Made', '1990-03-12', 'P', NULL, 'baru', 'elektronik', 10,
        '2026-11-30', '09:00', '10:00', 'regular', 0, 0)`,
    )
    .run(code);

const addTicket = (
  db: Db,
  t: { id: string; number: string; booking: string; status?: string; date?: string },
) =>
  db
    .prepare(
      `INSERT INTO tickets (id, office_date, number, lane, window_number, sequence, booking_code, status,
        arrival, window_start, window_end, expected_call, issued_at, issued_by)
       VALUES (?, ?, ?, 'regular', 2, 1, ?, ?, 'on_time', '09:00', '10:00', '09:00', 0, NULL)`,
    )
    .run(t.id, t.date ?? '2026-11-30', t.number, t.booking, t.status ?? 'waiting');

describe('migration 001: the floor core', () => {
  it('is the first migration, named floor_core', () => {
    expect(migrations[0]).toMatchObject({ version: 1, name: 'floor_core' });
  });

  it('creates the floor’s tables and indexes on an empty database', () => {
    const db = new Database(':memory:');
    opened.push(db);
    expect(names(db, 'table')).toEqual([]);
    expect(migrate(db, 1)).toBe(1);
    expect(names(db, 'table')).toEqual([
      'bookings',
      'events',
      'number_counters',
      'office_config',
      'schema_migrations',
      'stations',
      'tickets',
    ]);
    expect(names(db, 'index')).toEqual([
      'bookings_by_date',
      'bookings_by_nik',
      'tickets_by_day',
      'tickets_one_active_per_booking',
    ]);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'floor_core' },
    ]);
  });

  it('is not applied twice when the floor starts again', () => {
    const db = migrated();
    addBooking(db, 'MPDPS-00001');
    expect(migrate(db, 1)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations WHERE version = 1').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(1);
  });

  it('opens a floor database on disk in WAL mode with synchronous=FULL, so a check-in survives a crash', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-migration-'));
    folders.push(dir);
    const db = openDatabase(dir);
    opened.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();

    const again = openDatabase(dir);
    opened.push(again);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations WHERE version = 1').pluck().get()).toBe(1);
  });

  it('never gives the same number twice on one office day', () => {
    const db = migrated();
    addBooking(db, 'MPDPS-00001');
    addBooking(db, 'MPDPS-00002');
    addTicket(db, { id: 't1', number: 'A2-001', booking: 'MPDPS-00001' });
    expect(() => addTicket(db, { id: 't2', number: 'A2-001', booking: 'MPDPS-00002' })).toThrow(/UNIQUE/);
    // The same number on another day is a different ticket.
    addTicket(db, { id: 't3', number: 'A2-001', booking: 'MPDPS-00002', date: '2026-12-01' });
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(2);
  });

  it('holds one active ticket per booking and day, but a cancelled one may be replaced', () => {
    const db = migrated();
    addBooking(db, 'MPDPS-00001');
    addTicket(db, { id: 't1', number: 'A2-001', booking: 'MPDPS-00001', status: 'cancelled' });
    addTicket(db, { id: 't2', number: 'A2-002', booking: 'MPDPS-00001' });
    expect(() => addTicket(db, { id: 't3', number: 'A2-003', booking: 'MPDPS-00001' })).toThrow(/UNIQUE/);
    addTicket(db, { id: 't4', number: 'A2-001', booking: 'MPDPS-00001', date: '2026-12-01' });
  });

  it('refuses a ticket for a booking the floor does not hold', () => {
    const db = migrated();
    expect(() => addTicket(db, { id: 't1', number: 'A2-001', booking: 'CALO-000001' })).toThrow(
      /FOREIGN KEY/,
    );
  });

  // The repository of today runs on today's schema: its counter steps over leased blocks (migration 7).
  it('counts numbers per day, lane and window, only ever upwards', () => {
    const db = migrated(Infinity);
    const tickets = new TicketRepository(db);
    expect([1, 2, 3].map(() => tickets.nextSequence('2026-11-30', 'regular', 2))).toEqual([1, 2, 3]);
    expect(tickets.nextSequence('2026-11-30', 'regular', 3)).toBe(1);
    expect(tickets.nextSequence('2026-11-30', 'lansia', 2)).toBe(1);
    expect(tickets.nextSequence('2026-12-01', 'regular', 2)).toBe(1);
    expect(tickets.nextSequence('2026-11-30', 'regular', 2)).toBe(4);
  });

  it('keeps the counter where the last committed ticket left it when a check-in is rolled back', () => {
    const db = migrated(Infinity);
    const tickets = new TicketRepository(db);
    tickets.nextSequence('2026-11-30', 'regular', 2);
    expect(() =>
      db.transaction(() => {
        tickets.nextSequence('2026-11-30', 'regular', 2);
        throw new Error('printer jammed');
      })(),
    ).toThrow('printer jammed');
    expect(tickets.nextSequence('2026-11-30', 'regular', 2)).toBe(2);
  });

  it('accepts only the floor’s station modes, sexes and one row of office configuration', () => {
    const db = migrated();
    expect(() =>
      db
        .prepare(
          "INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES ('s', 'x', 'calo', 'h', 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    addBooking(db, 'MPDPS-00001');
    expect(() => db.prepare("UPDATE bookings SET sex = 'X'").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO office_config (id, config, updated_at) VALUES (2, '{}', 0)").run(),
    ).toThrow(/CHECK/);
  });
});
