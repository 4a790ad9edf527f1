import { describe, it, expect } from 'vitest';
import { readAppointmentRow, type RowReading } from '../../../src-main/domain/appointment.ts';
import { defaultOfficeConfig } from '../../../src-main/domain/office.ts';

/** One line of the M-Paspor CSV export, as text: a woman born 12 March 1990, Monday 30 Nov 2026. */
const row = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  booking_code: 'MPDPS-00001',
  nik: '5171015203900002',
  full_name: 'Ni Made Ayu Lestari',
  birth_date: '1990-03-12',
  sex: 'P',
  phone: '081234567890',
  application_kind: 'baru',
  passport_type: 'elektronik',
  validity_years: '10',
  appointment_date: '2026-11-30',
  window_start: '09:00',
  window_end: '10:00',
  lane: '',
  ...changes,
});

const read = (changes: Record<string, unknown> = {}): RowReading =>
  readAppointmentRow(row(changes), defaultOfficeConfig);

/** The field and reason of every problem, the way the import report lists them. */
const reasons = (reading: RowReading): string[] =>
  reading.ok ? [] : reading.problems.map((p) => `${p.field}:${p.reason}`);
const warnings = (reading: RowReading): string[] =>
  reading.ok ? reading.warnings.map((p) => `${p.field}:${p.reason}`) : [];

describe('a valid booking line', () => {
  it('becomes an appointment with normalised values', () => {
    const reading = read({
      booking_code: ' mpdps-00001 ',
      full_name: '  Ni  Made Ayu   Lestari ',
      sex: 'p',
      application_kind: 'BARU',
      passport_type: 'Elektronik',
    });
    expect(reading).toEqual({
      ok: true,
      warnings: [],
      appointment: {
        bookingCode: 'MPDPS-00001',
        nik: '5171015203900002',
        fullName: 'Ni Made Ayu Lestari',
        birthDate: '1990-03-12',
        sex: 'P',
        phone: '081234567890',
        applicationKind: 'baru',
        passportType: 'elektronik',
        validityYears: 10,
        appointmentDate: '2026-11-30',
        windowStart: '09:00',
        windowEnd: '10:00',
        lane: 'regular',
      },
    });
  });

  it('may leave phone and lane out, and name a priority lane', () => {
    const reading = read({ phone: undefined, lane: 'Lansia' });
    expect(reading.ok && reading.appointment.phone).toBeNull();
    expect(reading.ok && reading.appointment.lane).toBe('lansia');
  });

  it('may write the regular lane out as "regular"', () => {
    const reading = read({ lane: 'regular' });
    expect(reading.ok && reading.appointment.lane).toBe('regular');
  });

  it('may come from JSON in camelCase with numbers where numbers belong', () => {
    const reading = readAppointmentRow(
      {
        bookingCode: 'MPDPS-00002',
        nik: '5171011508850003',
        fullName: 'I Wayan Sudarsana',
        birthDate: '1985-08-15',
        sex: 'L',
        phone: null,
        applicationKind: 'habis_berlaku',
        passportType: 'biasa',
        validityYears: 5,
        appointmentDate: '2026-11-30',
        windowStart: '08:00',
        windowEnd: '09:00',
        lane: null,
      },
      defaultOfficeConfig,
    );
    expect(reasons(reading)).toEqual([]);
    expect(reading.ok && reading.appointment.validityYears).toBe(5);
  });
});

describe('a booking line that is refused', () => {
  it('names every missing required field', () => {
    const reading = readAppointmentRow({}, defaultOfficeConfig);
    expect(reasons(reading).sort()).toEqual(
      [
        'booking_code:missing',
        'nik:missing',
        'full_name:missing',
        'birth_date:missing',
        'sex:missing',
        'application_kind:missing',
        'passport_type:missing',
        'validity_years:missing',
        'appointment_date:missing',
        'window_start:missing',
        'window_end:missing',
      ].sort(),
    );
  });

  it('treats a field of only spaces as missing', () => {
    expect(reasons(read({ full_name: '   ' }))).toEqual(['full_name:missing']);
  });

  it.each([
    ['a code that is too short', { booking_code: 'AB12' }],
    ['a code with a space', { booking_code: 'MPDPS 00001' }],
    ['a code with SQL in it', { booking_code: "X'; DROP TABLE bookings;--" }],
    ['a code longer than 32', { booking_code: 'A'.repeat(33) }],
  ])('has an invalid booking code: %s', (_name, changes) => {
    expect(reasons(read(changes))).toEqual(['booking_code:invalid_booking_code']);
  });

  it.each([['517101520390000'], ['51710152039000021'], ['5171O15203900002']])(
    'has a NIK that is not 16 digits: %s',
    (nik) => {
      expect(reasons(read({ nik }))).toEqual(['nik:nik_not_16_digits']);
    },
  );

  it('has a NIK with no region code or a zero serial, named as such', () => {
    expect(reasons(read({ nik: '0000001508850003' }))).toEqual(['nik:nik_invalid_region_or_serial']);
    expect(reasons(read({ nik: '5171011508850000' }))).toEqual(['nik:nik_invalid_region_or_serial']);
  });

  it('has a NIK whose birth-date part is not a date', () => {
    expect(reasons(read({ nik: '5171017303900002' }))).toEqual(['nik:nik_invalid_birth_date']);
  });

  it.each([
    ['longer than 100 characters', 'A'.repeat(101)],
    ['with markup', 'Ni Made <script>'],
    ['with a control character', 'Ni Made\u0007Ayu'],
  ])('has a name %s', (_name, fullName) => {
    expect(reasons(read({ full_name: fullName }))).toEqual(['full_name:invalid_name']);
  });

  it.each([
    ['birth_date', '12-03-1990'],
    ['birth_date', '1990-02-30'],
    ['appointment_date', '2026-13-01'],
    ['appointment_date', 'besok'],
  ])('has an invalid %s: %s', (field, value) => {
    expect(reasons(read({ [field]: value }))).toContain(`${field}:invalid_date`);
  });

  it('has a birth date after the appointment', () => {
    expect(reasons(read({ birth_date: '2026-12-01' }))).toContain('birth_date:birth_after_appointment');
  });

  it('has a sex other than L or P', () => {
    expect(reasons(read({ sex: 'W' }))).toEqual(['sex:invalid_sex']);
  });

  it.each([['12345'], ['0812-abc-567'], ['+62 812 3456 7890 1234 5678']])(
    'has an invalid phone number: %s',
    (phone) => {
      expect(reasons(read({ phone }))).toEqual(['phone:invalid_phone']);
    },
  );

  it('has an unknown application kind', () => {
    expect(reasons(read({ application_kind: 'perpanjangan' }))).toEqual([
      'application_kind:unknown_application_kind',
    ]);
  });

  it('has an unknown passport type', () => {
    expect(reasons(read({ passport_type: 'diplomatik' }))).toEqual(['passport_type:unknown_passport_type']);
  });

  it.each([['7'], ['10 tahun'], ['0']])('has a validity other than 5 or 10 years: %s', (validity) => {
    expect(reasons(read({ validity_years: validity }))).toEqual(['validity_years:invalid_validity']);
  });

  it.each([
    ['window_start', '9:00'],
    ['window_start', '24:00'],
    ['window_end', '10.00'],
  ])('has an invalid %s: %s', (field, value) => {
    expect(reasons(read({ [field]: value }))).toEqual([`${field}:invalid_time`]);
  });

  it('has a window that ends before or when it starts', () => {
    expect(reasons(read({ window_start: '10:00', window_end: '09:00' }))).toEqual([
      'window_end:window_end_before_start',
    ]);
    expect(reasons(read({ window_start: '10:00', window_end: '10:00' }))).toEqual([
      'window_end:window_end_before_start',
    ]);
  });

  it('is for a day the office is closed: a Saturday or a configured closure', () => {
    expect(reasons(read({ appointment_date: '2026-11-28' }))).toEqual([
      'appointment_date:office_closed_that_day',
    ]);
    const nyepi = { ...defaultOfficeConfig, closures: [{ date: '2026-11-30', reason: 'Penutupan kantor' }] };
    expect(reasons(readAppointmentRow(row(), nyepi))).toEqual(['appointment_date:office_closed_that_day']);
  });

  it('names the closed day in words in both languages', () => {
    const reading = read({ appointment_date: '2026-11-28' });
    const message = reading.ok ? null : reading.problems[0]?.message;
    expect(message?.id).toContain('Sabtu, 28 November 2026');
    expect(message?.en).toContain('Saturday, 28 November 2026');
  });

  it('has a window outside working hours', () => {
    expect(reasons(read({ window_start: '07:00', window_end: '08:00' }))).toEqual([
      'window_start:window_outside_hours',
    ]);
    expect(reasons(read({ window_start: '15:30', window_end: '16:30' }))).toEqual([
      'window_start:window_outside_hours',
    ]);
  });

  it('has an unknown lane, including the standby lane which is for late arrivals only', () => {
    expect(reasons(read({ lane: 'vip' }))).toEqual(['lane:unknown_lane']);
    expect(reasons(read({ lane: 'standby' }))).toEqual(['lane:unknown_lane']);
  });

  it.each([
    ['an object', { booking_code: { $ne: null } }, 'booking_code:wrong_type'],
    ['a boolean', { sex: true }, 'sex:wrong_type'],
    ['an array', { full_name: ['Ni', 'Made'] }, 'full_name:wrong_type'],
    ['an infinite number', { validity_years: Infinity }, 'validity_years:wrong_type'],
    ['an optional field that is an object', { phone: {} }, 'phone:wrong_type'],
  ])('has a value of the wrong type: %s', (_name, changes, expected) => {
    expect(reasons(read(changes))).toEqual([expected]);
  });

  it('reports every problem of the line, not only the first', () => {
    expect(reasons(read({ nik: '123', sex: 'X', validity_years: '7', lane: 'vip' }))).toEqual([
      'nik:nik_not_16_digits',
      'sex:invalid_sex',
      'validity_years:invalid_validity',
      'lane:unknown_lane',
    ]);
  });

  it('explains each problem in Bahasa Indonesia and English', () => {
    const reading = read({ sex: 'X' });
    expect(reading.ok ? null : reading.problems[0]?.message).toEqual({
      id: 'jenis kelamin harus L atau P',
      en: 'sex must be L or P',
    });
  });
});

describe('a booking line that is imported with a warning', () => {
  it('has a birth date that differs from the NIK', () => {
    const reading = read({ birth_date: '1990-03-13' });
    expect(reading.ok).toBe(true);
    expect(warnings(reading)).toEqual(['nik:nik_birth_date_mismatch']);
  });

  it('has a sex that differs from the NIK', () => {
    const reading = read({ sex: 'L' });
    expect(reading.ok).toBe(true);
    expect(warnings(reading)).toEqual(['nik:nik_sex_mismatch']);
  });
});
