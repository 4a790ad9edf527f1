import type { Db } from './db.ts';
import type { Appointment } from '../domain/appointment.ts';

interface BookingRow {
  code: string;
  nik: string;
  full_name: string;
  birth_date: string;
  sex: 'L' | 'P';
  phone: string | null;
  application_kind: Appointment['applicationKind'];
  passport_type: Appointment['passportType'];
  validity_years: 5 | 10;
  appointment_date: string;
  window_start: string;
  window_end: string;
  lane: Appointment['lane'];
}

const fromRow = (row: BookingRow): Appointment => ({
  bookingCode: row.code,
  nik: row.nik,
  fullName: row.full_name,
  birthDate: row.birth_date,
  sex: row.sex,
  phone: row.phone,
  applicationKind: row.application_kind,
  passportType: row.passport_type,
  validityYears: row.validity_years,
  appointmentDate: row.appointment_date,
  windowStart: row.window_start,
  windowEnd: row.window_end,
  lane: row.lane,
});

const toParams = (a: Appointment) => ({
  code: a.bookingCode,
  nik: a.nik,
  fullName: a.fullName,
  birthDate: a.birthDate,
  sex: a.sex,
  phone: a.phone,
  applicationKind: a.applicationKind,
  passportType: a.passportType,
  validityYears: a.validityYears,
  appointmentDate: a.appointmentDate,
  windowStart: a.windowStart,
  windowEnd: a.windowEnd,
  lane: a.lane,
});

/** M-Paspor bookings held by the floor, keyed by booking code. */
export class BookingRepository {
  private readonly byCode;
  private readonly byNik;
  private readonly insert;
  private readonly update;
  private readonly countStmt;
  private readonly byDate;

  constructor(db: Db) {
    this.byCode = db.prepare('SELECT * FROM bookings WHERE code = ?');
    this.byNik = db.prepare('SELECT * FROM bookings WHERE nik = ? ORDER BY appointment_date, window_start');
    this.insert =
      db.prepare(`INSERT INTO bookings (code, nik, full_name, birth_date, sex, phone, application_kind,
        passport_type, validity_years, appointment_date, window_start, window_end, lane, imported_at, updated_at)
      VALUES (@code, @nik, @fullName, @birthDate, @sex, @phone, @applicationKind, @passportType, @validityYears,
        @appointmentDate, @windowStart, @windowEnd, @lane, @at, @at)`);
    this.update = db.prepare(`UPDATE bookings SET nik = @nik, full_name = @fullName, birth_date = @birthDate,
        sex = @sex, phone = @phone, application_kind = @applicationKind, passport_type = @passportType,
        validity_years = @validityYears, appointment_date = @appointmentDate, window_start = @windowStart,
        window_end = @windowEnd, lane = @lane, updated_at = @at
      WHERE code = @code`);
    this.countStmt = db.prepare('SELECT COUNT(*) FROM bookings').pluck();
    this.byDate = db.prepare('SELECT * FROM bookings WHERE appointment_date = ? ORDER BY code');
  }

  find(code: string): Appointment | null {
    const row = this.byCode.get(code) as BookingRow | undefined;
    return row ? fromRow(row) : null;
  }

  findByNik(nik: string): Appointment[] {
    return (this.byNik.all(nik) as BookingRow[]).map(fromRow);
  }

  add(appointment: Appointment, at: number): void {
    this.insert.run({ ...toParams(appointment), at });
  }

  replace(appointment: Appointment, at: number): void {
    this.update.run({ ...toParams(appointment), at });
  }

  /** The bookings of one day (a kiosk's replica holds these to check in while apart). */
  forDate(date: string): Appointment[] {
    return (this.byDate.all(date) as BookingRow[]).map(fromRow);
  }

  count(): number {
    return this.countStmt.get() as number;
  }
}
