import { appointmentColumns, type Appointment } from '../../src-main/domain/appointment.ts';
import { composeNik } from '../../src-main/domain/nik.ts';

/** A NIK whose birth-date part matches the birth date and sex (women: day + 40), in Denpasar. */
export const nikFor = (birthDate: string, sex: 'L' | 'P', serial: number): string =>
  composeNik('517101', birthDate, sex, serial);

/** A valid booking for 30 November 2026 (a Monday), window 09:00–10:00, regular lane. */
export function sampleAppointment(index: number, overrides: Partial<Appointment> = {}): Appointment {
  const sex = index % 2 ? 'P' : 'L';
  const birthDate = `19${String(60 + (index % 40)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`;
  return {
    bookingCode: `MPDPS-${String(index).padStart(5, '0')}`,
    nik: nikFor(birthDate, sex, index + 1),
    fullName: sex === 'P' ? `Ni Made Ayu ${index}` : `I Wayan Sudarsana ${index}`,
    birthDate,
    sex,
    phone: '081234567890',
    applicationKind: 'baru',
    passportType: 'elektronik',
    validityYears: 10,
    appointmentDate: '2026-11-30',
    windowStart: '09:00',
    windowEnd: '10:00',
    lane: 'regular',
    ...overrides,
  };
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Bookings as the M-Paspor CSV export: header, then one line each (lane empty for regular). */
export function appointmentCsv(rows: Array<Partial<Record<string, unknown>> | Appointment>): string {
  const lines = [appointmentColumns.join(',')];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(
      appointmentColumns
        .map((column) => {
          const camel = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
          const value = record[column] ?? record[camel];
          return csvCell(column === 'lane' && value === 'regular' ? '' : value);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
