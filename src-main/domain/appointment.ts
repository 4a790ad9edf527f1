import { z } from 'zod';
import { bookingCodePattern } from './scan.ts';
import { nikMatchesBirthDate, readNik } from './nik.ts';
import {
  isValidLocalDate,
  minutesOf,
  spokenDate,
  timeOfDayPattern,
  type LocalDate,
  type TimeOfDay,
} from './localTime.ts';
import {
  closureOn,
  openingHoursOn,
  priorityLaneIds,
  type OfficeConfig,
  type PriorityLaneId,
} from './office.ts';
import type { Bilingual } from './errors.ts';
import { applicationKinds } from './applicationKinds.ts';
import { initialsOf } from './ticket.ts';

export { applicationKinds, type ApplicationKind } from './applicationKinds.ts';

export const passportTypes = ['elektronik', 'biasa'] as const;

/** One M-Paspor booking for this office, as imported from the day's appointment list. */
export const appointmentSchema = z.object({
  bookingCode: z.string().regex(bookingCodePattern),
  nik: z.string().regex(/^\d{16}$/),
  fullName: z.string().min(1).max(100),
  birthDate: z.string(),
  sex: z.enum(['L', 'P']),
  phone: z.string().nullable(),
  applicationKind: z.enum(applicationKinds),
  passportType: z.enum(passportTypes),
  validityYears: z.union([z.literal(5), z.literal(10)]),
  appointmentDate: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  lane: z.enum(['regular', ...priorityLaneIds]),
  /** Tempat lahir, printed on the data page; lists from before it have none. */
  birthPlace: z.string().max(60).optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/**
 * What check-in needs of a booking: its code, day, window, lane and kind, and the initials a ticket
 * shows. All that a kiosk's replica keeps of a booking (UU 27/2022): no name, NIK, phone or birth
 * date, only a keyed hash of the NIK (`nikHash`) so that a typed NIK still finds it while apart.
 */
export const kioskBookingSchema = z.object({
  bookingCode: z.string().regex(bookingCodePattern),
  nikHash: z.string().regex(/^[0-9a-f]{64}$/),
  appointmentDate: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  lane: z.enum(['regular', ...priorityLaneIds]),
  applicationKind: z.enum(applicationKinds),
  initials: z.string().max(100),
});
export type KioskBooking = z.infer<typeof kioskBookingSchema>;
export type CheckInBooking = Omit<KioskBooking, 'nikHash'>;

/** The check-in view of a full booking (on the hub). */
export function checkInBookingOf(booking: Appointment): CheckInBooking {
  return {
    bookingCode: booking.bookingCode,
    appointmentDate: booking.appointmentDate,
    windowStart: booking.windowStart,
    windowEnd: booking.windowEnd,
    lane: booking.lane,
    applicationKind: booking.applicationKind,
    initials: initialsOf(booking.fullName),
  };
}

/** The columns of the CSV file, in order; JSON uses the same fields in camelCase. */
export const appointmentColumns = [
  'booking_code',
  'nik',
  'full_name',
  'birth_date',
  'sex',
  'phone',
  'application_kind',
  'passport_type',
  'validity_years',
  'appointment_date',
  'window_start',
  'window_end',
  'lane',
  'birth_place',
] as const;
export type AppointmentColumn = (typeof appointmentColumns)[number];
export const optionalColumns: readonly AppointmentColumn[] = ['phone', 'lane', 'birth_place'];

export function camelCaseOf(column: AppointmentColumn): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export interface RowProblem {
  field: AppointmentColumn | 'row';
  reason: string;
  message: Bilingual;
}

export type RowReading =
  { ok: true; appointment: Appointment; warnings: RowProblem[] } | { ok: false; problems: RowProblem[] };

const problem = (field: RowProblem['field'], reason: string, id: string, en: string): RowProblem => ({
  field,
  reason,
  message: { id, en },
});

/**
 * Validates one row of the appointment list against the office. Values arrive as text (CSV) or
 * JSON values; every problem of the row is reported, not only the first.
 */
export function readAppointmentRow(raw: Record<string, unknown>, office: OfficeConfig): RowReading {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const text = (column: AppointmentColumn): string => {
    const value = raw[column] ?? raw[camelCaseOf(column)];
    if (value === undefined || value === null) return '';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      problems.push(problem(column, 'wrong_type', `${column} harus berupa teks`, `${column} must be text`));
      return '';
    }
    // Bidi overrides and zero-width characters make a name read differently from what it holds.
    if (/\p{Cf}/u.test(value)) {
      problems.push(
        problem(
          column,
          'format_character',
          `${column} memuat karakter format tak terlihat (arah teks atau lebar nol)`,
          `${column} holds an invisible format character (text direction or zero width)`,
        ),
      );
      return '';
    }
    return value.trim();
  };
  const required = (column: AppointmentColumn): string => {
    const value = text(column);
    if (!value && !problems.some((p) => p.field === column)) {
      problems.push(problem(column, 'missing', `${column} wajib diisi`, `${column} is required`));
    }
    return value;
  };

  const bookingCode = required('booking_code').toUpperCase();
  if (bookingCode && !bookingCodePattern.test(bookingCode)) {
    problems.push(
      problem(
        'booking_code',
        'invalid_booking_code',
        'kode booking harus 6–32 karakter A–Z, 0–9 atau -',
        'booking code must be 6–32 characters of A–Z, 0–9 or -',
      ),
    );
  }

  const nik = required('nik');
  const nikFacts = nik ? readNik(nik) : null;
  if (nik && !/^\d{16}$/.test(nik)) {
    problems.push(problem('nik', 'nik_not_16_digits', 'NIK harus 16 digit angka', 'NIK must be 16 digits'));
  } else if (nik && (nik.startsWith('000000') || nik.endsWith('0000'))) {
    problems.push(
      problem(
        'nik',
        'nik_invalid_region_or_serial',
        'kode wilayah atau nomor urut NIK tidak boleh nol',
        'the region code or serial of the NIK cannot be zero',
      ),
    );
  } else if (nik && !nikFacts) {
    problems.push(
      problem(
        'nik',
        'nik_invalid_birth_date',
        'bagian tanggal lahir pada NIK tidak valid',
        'the birth-date part of the NIK is not a valid date',
      ),
    );
  }

  const fullName = required('full_name');
  // eslint-disable-next-line no-control-regex
  if (fullName.length > 100 || /[\u0000-\u001f\u007f<>]/.test(fullName)) {
    problems.push(
      problem(
        'full_name',
        'invalid_name',
        'nama lengkap maksimal 100 karakter tanpa karakter kontrol atau < >',
        'full name must be at most 100 characters without control characters or < >',
      ),
    );
  }

  const birthDate = required('birth_date');
  const appointmentDate = required('appointment_date');
  const birthOk = checkDate('birth_date', birthDate, problems);
  const appointmentOk = checkDate('appointment_date', appointmentDate, problems);
  if (birthOk && appointmentOk && birthDate > appointmentDate) {
    problems.push(
      problem(
        'birth_date',
        'birth_after_appointment',
        'tanggal lahir setelah tanggal janji',
        'birth date is after the appointment date',
      ),
    );
  }

  const sex = required('sex').toUpperCase();
  if (sex && sex !== 'L' && sex !== 'P') {
    problems.push(problem('sex', 'invalid_sex', 'jenis kelamin harus L atau P', 'sex must be L or P'));
  }

  if (birthOk && nikFacts && !nikMatchesBirthDate(nikFacts, birthDate)) {
    warnings.push(
      problem(
        'nik',
        'nik_birth_date_mismatch',
        'tanggal lahir tidak sama dengan NIK',
        'birth date differs from the one in the NIK',
      ),
    );
  }
  if ((sex === 'L' || sex === 'P') && nikFacts && nikFacts.sex !== sex) {
    warnings.push(
      problem(
        'nik',
        'nik_sex_mismatch',
        'jenis kelamin tidak sama dengan NIK',
        'sex differs from the one in the NIK',
      ),
    );
  }

  const phone = text('phone');
  if (phone && !/^\+?[0-9][0-9 -]{6,19}$/.test(phone)) {
    problems.push(
      problem('phone', 'invalid_phone', 'nomor telepon tidak valid', 'phone number is not valid'),
    );
  }

  const birthPlace = text('birth_place').replace(/\s+/g, ' ');
  if (birthPlace.length > 60 || /[^\p{L}\p{M} .'-]/u.test(birthPlace)) {
    problems.push(
      problem(
        'birth_place',
        'invalid_birth_place',
        'tempat lahir tidak valid',
        'place of birth is not valid',
      ),
    );
  }

  const applicationKind = required('application_kind').toLowerCase();
  if (applicationKind && !(applicationKinds as readonly string[]).includes(applicationKind)) {
    problems.push(
      problem(
        'application_kind',
        'unknown_application_kind',
        `jenis permohonan tidak dikenal (${applicationKinds.join(', ')})`,
        `unknown application kind (${applicationKinds.join(', ')})`,
      ),
    );
  }

  const passportType = required('passport_type').toLowerCase();
  if (passportType && !(passportTypes as readonly string[]).includes(passportType)) {
    problems.push(
      problem(
        'passport_type',
        'unknown_passport_type',
        'jenis paspor harus elektronik atau biasa',
        'passport type must be elektronik or biasa',
      ),
    );
  }

  const validity = required('validity_years');
  if (validity && validity !== '5' && validity !== '10') {
    problems.push(
      problem(
        'validity_years',
        'invalid_validity',
        'masa berlaku harus 5 atau 10 tahun',
        'validity must be 5 or 10 years',
      ),
    );
  }

  const windowStart = required('window_start');
  const windowEnd = required('window_end');
  const startOk = checkTime('window_start', windowStart, problems);
  const endOk = checkTime('window_end', windowEnd, problems);
  if (startOk && endOk) {
    if (minutesOf(windowStart) >= minutesOf(windowEnd)) {
      problems.push(
        problem(
          'window_end',
          'window_end_before_start',
          'jam mulai harus sebelum jam selesai',
          'window start must be before its end',
        ),
      );
    } else if (appointmentOk) {
      checkWindowInHours(office, appointmentDate, windowStart, windowEnd, problems);
    }
  }

  // Empty means regular; "regular" written out means the same.
  const laneText = text('lane')
    .toLowerCase()
    .replace(/^regular$/, '');
  if (laneText && !(priorityLaneIds as readonly string[]).includes(laneText)) {
    problems.push(
      problem(
        'lane',
        'unknown_lane',
        `jalur harus kosong atau ${priorityLaneIds.join(', ')}`,
        `lane must be empty or ${priorityLaneIds.join(', ')}`,
      ),
    );
  }

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    warnings,
    appointment: {
      bookingCode,
      nik,
      fullName: fullName.replace(/\s+/g, ' '),
      birthDate,
      sex: sex as 'L' | 'P',
      phone: phone || null,
      applicationKind: applicationKind as Appointment['applicationKind'],
      passportType: passportType as Appointment['passportType'],
      validityYears: Number(validity) as 5 | 10,
      appointmentDate,
      windowStart,
      windowEnd,
      lane: (laneText || 'regular') as 'regular' | PriorityLaneId,
      ...(birthPlace ? { birthPlace } : {}),
    },
  };
}

function checkDate(field: AppointmentColumn, value: string, problems: RowProblem[]): boolean {
  if (!value) return false;
  if (isValidLocalDate(value)) return true;
  problems.push(
    problem(field, 'invalid_date', `${field} harus tanggal YYYY-MM-DD`, `${field} must be a date YYYY-MM-DD`),
  );
  return false;
}

function checkTime(field: AppointmentColumn, value: string, problems: RowProblem[]): value is TimeOfDay {
  if (!value) return false;
  if (timeOfDayPattern.test(value)) return true;
  problems.push(problem(field, 'invalid_time', `${field} harus jam HH:MM`, `${field} must be a time HH:MM`));
  return false;
}

function checkWindowInHours(
  office: OfficeConfig,
  date: LocalDate,
  start: TimeOfDay,
  end: TimeOfDay,
  problems: RowProblem[],
): void {
  const closure = closureOn(office, date);
  const hours = openingHoursOn(office, date);
  if (closure || !hours) {
    problems.push(
      problem(
        'appointment_date',
        'office_closed_that_day',
        `kantor tutup pada ${spokenDate(date, 'id')}`,
        `the office is closed on ${spokenDate(date, 'en')}`,
      ),
    );
    return;
  }
  if (minutesOf(start) < minutesOf(hours.open) || minutesOf(end) > minutesOf(hours.close)) {
    problems.push(
      problem(
        'window_start',
        'window_outside_hours',
        `jadwal kedatangan di luar jam layanan ${hours.open}–${hours.close}`,
        `arrival window is outside working hours ${hours.open}–${hours.close}`,
      ),
    );
  }
}
