import { createHmac, randomBytes } from 'node:crypto';
import {
  checkInBookingOf,
  type Appointment,
  type CheckInBooking,
  type KioskBooking,
} from '../domain/appointment.ts';
import { plainBookingCode } from '../domain/scan.ts';
import type { Db } from './db.ts';
import type { BookingRepository } from './bookings.ts';
import type { ReplicaStateRepository } from './commands.ts';

/** The keyed hash of a NIK that a kiosk's replica keeps instead of the NIK. */
export function nikHash(key: Buffer, nik: string): string {
  return createHmac('sha256', key).update(nik).digest('hex');
}

/** A booking as a desktop kiosk's replica receives it: what check-in uses, nothing more. */
export function kioskBookingOf(booking: Appointment, key: Buffer): KioskBooking {
  return { ...checkInBookingOf(booking), nikHash: nikHash(key, booking.nik) };
}

/** Where check-in finds a booking: the hub's full list, or a kiosk replica's reduced one. */
export interface CheckInBookings {
  find(code: string): CheckInBooking | null;
  findByNik(nik: string): CheckInBooking[];
}

/** On the hub: the imported bookings, seen through what check-in uses. */
export function hubCheckInBookings(bookings: BookingRepository): CheckInBookings {
  return {
    find: (code) => {
      const booking = bookings.find(code) ?? bookings.findByPlainCode(plainBookingCode(code));
      return booking ? checkInBookingOf(booking) : null;
    },
    findByNik: (nik) => bookings.findByNik(nik).map(checkInBookingOf),
  };
}

interface KioskBookingRow {
  code: string;
  nik_hash: string;
  appointment_date: string;
  window_start: string;
  window_end: string;
  lane: KioskBooking['lane'];
  application_kind: KioskBooking['applicationKind'];
  initials: string;
}

const fromRow = (row: KioskBookingRow): CheckInBooking => ({
  bookingCode: row.code,
  appointmentDate: row.appointment_date,
  windowStart: row.window_start,
  windowEnd: row.window_end,
  lane: row.lane,
  applicationKind: row.application_kind,
  initials: row.initials,
});

/** A desktop kiosk's bookings (`kiosk_bookings`), looked up by code or by a typed NIK's hash. */
export class KioskBookingRepository implements CheckInBookings {
  private readonly upsert;
  private readonly byCode;
  private readonly byPlainCode;
  private readonly byHash;
  private readonly countStmt;

  constructor(
    db: Db,
    private readonly state: ReplicaStateRepository,
  ) {
    this.upsert = db.prepare(`INSERT INTO kiosk_bookings (code, nik_hash, appointment_date, window_start,
        window_end, lane, application_kind, initials, kept_at)
      VALUES (@bookingCode, @nikHash, @appointmentDate, @windowStart, @windowEnd, @lane, @applicationKind,
        @initials, @at)
      ON CONFLICT (code) DO UPDATE SET nik_hash = excluded.nik_hash, appointment_date = excluded.appointment_date,
        window_start = excluded.window_start, window_end = excluded.window_end, lane = excluded.lane,
        application_kind = excluded.application_kind, initials = excluded.initials, kept_at = excluded.kept_at`);
    this.byCode = db.prepare('SELECT * FROM kiosk_bookings WHERE code = ?');
    this.byPlainCode = db.prepare("SELECT * FROM kiosk_bookings WHERE replace(code, '-', '') = ? LIMIT 2");
    this.byHash = db.prepare(
      'SELECT * FROM kiosk_bookings WHERE nik_hash = ? ORDER BY appointment_date, window_start',
    );
    this.countStmt = db.prepare('SELECT COUNT(*) FROM kiosk_bookings').pluck();
  }

  keep(booking: KioskBooking, at: number): void {
    this.upsert.run({ ...booking, at });
  }

  /** By its code, or (typed without dashes) the one booking whose code without dashes matches. */
  find(code: string): CheckInBooking | null {
    const row = this.byCode.get(code) as KioskBookingRow | undefined;
    if (row) return fromRow(row);
    const plain = this.byPlainCode.all(plainBookingCode(code)) as KioskBookingRow[];
    return plain.length === 1 ? fromRow(plain[0] as KioskBookingRow) : null;
  }

  /** A typed NIK, hashed with the key the hub gave this replica (none yet: nothing found). */
  findByNik(nik: string): CheckInBooking[] {
    const key = this.state.get('nikKey');
    if (!key) return [];
    return (this.byHash.all(nikHash(Buffer.from(key, 'hex'), nik)) as KioskBookingRow[]).map(fromRow);
  }

  /** The key of the NIK hashes, from the hub's snapshot. */
  rememberKey(key: string): void {
    this.state.set('nikKey', key);
  }

  count(): number {
    return this.countStmt.get() as number;
  }
}

/** The hub's own secrets (`floor_secrets`), each made once on first use. */
export class FloorSecretRepository {
  private readonly insert;
  private readonly read;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO floor_secrets (name, value) VALUES (?, ?)');
    this.read = db.prepare('SELECT value FROM floor_secrets WHERE name = ?').pluck();
  }

  /** The key of the NIK hashes kiosks keep. */
  nikKey(): Buffer {
    return this.secret('nikKey');
  }

  /** The key that signs receipt QRs (services/receipts.ts); it never leaves the hub. */
  receiptKey(): Buffer {
    return this.secret('receiptKey');
  }

  /** The key of the survey's visit hashes and tokens (services/survey/); it never leaves the hub. */
  surveyKey(): Buffer {
    return this.secret('surveyKey');
  }

  private secret(name: string): Buffer {
    const known = this.read.get(name) as Buffer | undefined;
    if (known) return known;
    this.insert.run(name, randomBytes(32));
    return this.read.get(name) as Buffer;
  }
}
