import { DateTime } from 'luxon';

/**
 * NIK (Nomor Induk Kependudukan): 16 digits — province, regency, district (6), date of birth
 * DDMMYY with 40 added to the day for women (6), and a serial (4).
 */
export interface NikFacts {
  birthDate: { day: number; month: number; yearTwoDigits: number };
  sex: 'L' | 'P';
}

export function readNik(nik: string): NikFacts | null {
  if (!/^\d{16}$/.test(nik)) return null;
  if (nik.slice(0, 6) === '000000' || nik.slice(12) === '0000') return null;
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yearTwoDigits = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  // 2000 is a leap year, so 29 February is accepted here and checked against the full birth date later.
  const probe = DateTime.fromObject({ year: 2000, month, day });
  if (!probe.isValid) return null;
  return { birthDate: { day, month, yearTwoDigits }, sex };
}

/** Whether a full birth date (YYYY-MM-DD) agrees with the date embedded in the NIK. */
export function nikMatchesBirthDate(facts: NikFacts, birthDate: string): boolean {
  const [year, month, day] = birthDate.split('-').map(Number);
  return (
    facts.birthDate.day === day &&
    facts.birthDate.month === month &&
    facts.birthDate.yearTwoDigits === (year ?? 0) % 100
  );
}

/**
 * The NIK of someone born on `birthDate` (YYYY-MM-DD) of `sex`, registered in `region` (6 digits:
 * province, regency, district), with a serial of 1–9999: for sample days and tests.
 */
export function composeNik(region: string, birthDate: string, sex: 'L' | 'P', serial: number): string {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  const dd = String(Number(day) + (sex === 'P' ? 40 : 0)).padStart(2, '0');
  return `${region}${dd}${month}${year.slice(2)}${String(serial % 10_000 || 1).padStart(4, '0')}`;
}
