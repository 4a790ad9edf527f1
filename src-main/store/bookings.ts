import type { Statement } from 'better-sqlite3';
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
  birth_place: string | null;
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
  ...(row.birth_place ? { birthPlace: row.birth_place } : {}),
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
  birthPlace: a.birthPlace ?? null,
});

/** M-Paspor bookings held by the floor, keyed by booking code. */
export class BookingRepository {
  private readonly byCode;
  private readonly byPlainCode;
  private readonly byNik;
  private readonly insert;
  private readonly update;
  private readonly countStmt;
  private readonly byDate;
  private readonly insertPlaceholder;
  private readonly placeholderStmt;
  private byNameStmt?: Statement;

  constructor(private readonly db: Db) {
    this.byCode = db.prepare('SELECT * FROM bookings WHERE code = ?');
    this.byPlainCode = db.prepare("SELECT * FROM bookings WHERE replace(code, '-', '') = ? LIMIT 2");
    this.byNik = db.prepare('SELECT * FROM bookings WHERE nik = ? ORDER BY appointment_date, window_start');
    this.insert =
      db.prepare(`INSERT INTO bookings (code, nik, full_name, birth_date, sex, phone, application_kind,
        passport_type, validity_years, appointment_date, window_start, window_end, lane, birth_place, imported_at,
        updated_at)
      VALUES (@code, @nik, @fullName, @birthDate, @sex, @phone, @applicationKind, @passportType, @validityYears,
        @appointmentDate, @windowStart, @windowEnd, @lane, @birthPlace, @at, @at)`);
    this.update = db.prepare(`UPDATE bookings SET nik = @nik, full_name = @fullName, birth_date = @birthDate,
        sex = @sex, phone = @phone, application_kind = @applicationKind, passport_type = @passportType,
        validity_years = @validityYears, appointment_date = @appointmentDate, window_start = @windowStart,
        window_end = @windowEnd, lane = @lane, birth_place = @birthPlace, verified = 1, updated_at = @at
      WHERE code = @code`);
    // The columns a placeholder cannot know stay empty (or the schema's first value where a CHECK
    // demands one); nothing shows them while verified = 0.
    this.insertPlaceholder =
      db.prepare(`INSERT INTO bookings (code, nik, full_name, birth_date, sex, phone, application_kind,
        passport_type, validity_years, appointment_date, window_start, window_end, lane, verified,
        imported_at, updated_at)
      VALUES (@code, '', '', '', 'L', NULL, 'baru', 'elektronik', 5, @date, @windowStart, @windowEnd,
        'regular', 0, @at, @at)`);
    this.placeholderStmt = db.prepare('SELECT verified = 0 FROM bookings WHERE code = ?').pluck();
    this.countStmt = db.prepare('SELECT COUNT(*) FROM bookings').pluck();
    this.byDate = db.prepare(
      'SELECT * FROM bookings WHERE appointment_date >= ? ORDER BY appointment_date, code',
    );
  }

  find(code: string): Appointment | null {
    const row = this.byCode.get(code) as BookingRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The one booking whose code without dashes is `plain` (none, or two alike: null). */
  findByPlainCode(plain: string): Appointment | null {
    const rows = this.byPlainCode.all(plain) as BookingRow[];
    return rows.length === 1 ? fromRow(rows[0] as BookingRow) : null;
  }

  /**
   * Verified bookings whose name holds every one of `words` (any case), those of `today` first,
   * then the coming days, then the past: the help desk's look-up by name.
   */
  findByName(words: readonly string[], today: string, limit: number): Appointment[] {
    this.byNameStmt ??= this.db.prepare(`SELECT * FROM bookings WHERE verified = 1
        AND NOT EXISTS (SELECT 1 FROM json_each(@words) AS w
          WHERE instr(lower(full_name), lower(w.value)) = 0)
      ORDER BY appointment_date = @today DESC, appointment_date < @today, abs(julianday(appointment_date) - julianday(@today)), full_name
      LIMIT @limit`);
    return (this.byNameStmt.all({ words: JSON.stringify(words), today, limit }) as BookingRow[]).map(fromRow);
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

  /** The bookings of a day and the days after (a kiosk's replica holds these to check in while apart). */
  fromDate(date: string): Appointment[] {
    return (this.byDate.all(date) as BookingRow[]).map(fromRow);
  }

  /**
   * A booking the floor has not seen, for a ticket issued while the appointment feed is down:
   * only its code, today's date and the window it arrived in are known.
   */
  addPlaceholder(placeholder: {
    code: string;
    date: string;
    windowStart: string;
    windowEnd: string;
    at: number;
  }): void {
    this.insertPlaceholder.run(placeholder);
  }

  /** True while the booking is a placeholder that no import or sync has replaced. */
  isPlaceholder(code: string): boolean {
    return this.placeholderStmt.get(code) === 1;
  }

  count(): number {
    return this.countStmt.get() as number;
  }
}
