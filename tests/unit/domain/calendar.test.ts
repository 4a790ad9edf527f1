import { describe, expect, it } from 'vitest';
import { closedReasonOn, isWorkingDay, readCalendarFile } from '../../../src-main/domain/calendar.ts';
import { defaultOfficeConfig } from '../../../src-main/domain/office.ts';
import { shippedCalendar, shippedDays } from '../../support/calendars.ts';

const day = (date: string, kind = 'libur_nasional') => ({
  date,
  kind,
  name: { id: 'Hari Suci Nyepi', en: 'Nyepi' },
});
const file = (year: number, days: unknown[]) => ({ year, source: 'SKB 3 Menteri', days });
const problemsOf = (raw: unknown, year: number) => {
  const reading = readCalendarFile(raw, year);
  return reading.ok ? [] : reading.problems;
};

describe('the shipped calendars', () => {
  it('hold 2026 as decreed: 17 national holidays and 8 cuti bersama, with Nyepi, Idul Fitri, Christmas and New Year', () => {
    const days = shippedCalendar(2026).days;
    expect(days.filter((d) => d.kind === 'libur_nasional')).toHaveLength(17);
    expect(days.filter((d) => d.kind === 'cuti_bersama')).toHaveLength(8);
    const named = (text: string) => days.filter((d) => d.name.id.includes(text)).map((d) => d.date);
    expect(named('Nyepi')).toEqual(['2026-03-18', '2026-03-19']);
    expect(named('Idul Fitri')).toEqual([
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
    ]);
    expect(named('Tahun Baru 2026')).toEqual(['2026-01-01']);
    expect(named('Kelahiran Yesus')).toEqual(['2026-12-24', '2026-12-25']);
  });

  it('hold 2027 as an estimate, marked provisional with a note until the decree is out', () => {
    const calendar = shippedCalendar(2027);
    expect(calendar.provisional).toBe(true);
    expect(calendar.note).toMatch(/SKB/);
    const nyepi = calendar.days.find((d) => d.name.en.startsWith('Nyepi'));
    expect(nyepi).toMatchObject({ date: '2027-03-09', provisional: true });
    const newYear = calendar.days.find((d) => d.date === '2027-01-01');
    expect(newYear?.provisional).toBeUndefined();
    expect(calendar.days.some((d) => d.name.id.includes('Cuti bersama Idul Fitri'))).toBe(true);
  });
});

describe('a calendar file the office drops in', () => {
  it('is refused when it is another year’s', () => {
    expect(problemsOf(file(2027, [day('2027-03-09')]), 2026)).toEqual([
      'year: the calendar for 2026 says 2027',
      'days.0.date: 2027-03-09 is outside 2026',
    ]);
  });

  it('is refused when a day lies outside its year', () => {
    expect(problemsOf(file(2026, [day('2026-03-19'), day('2027-01-01')]), 2026)).toEqual([
      'days.1.date: 2027-01-01 is outside 2026',
    ]);
  });

  it('is refused when a date appears twice', () => {
    expect(problemsOf(file(2026, [day('2026-03-19'), day('2026-03-19', 'cuti_bersama')]), 2026)).toEqual([
      'days.1.date: 2026-03-19 appears twice (also days.0)',
    ]);
  });

  it('is refused with an unknown kind or a date that is no date, saying where', () => {
    expect(problemsOf(file(2026, [day('2026-03-19', 'libur_daerah')]), 2026)).toEqual([
      'days.0.kind: kind must be one of libur_nasional, cuti_bersama',
    ]);
    expect(problemsOf(file(2026, [day('2026-02-30')]), 2026)).toEqual(['days.0.date: not a calendar date']);
    expect(problemsOf({ year: 2026, days: [] }, 2026)).toEqual([expect.stringMatching(/^source:/)]);
  });
});

describe('working days', () => {
  const week = { calendar: shippedDays(), officeHours: defaultOfficeConfig.hours, closures: [] };

  it('a weekday without a holiday is one; Saturday and Sunday are not where the office keeps no hours', () => {
    expect(isWorkingDay('2026-11-30', week)).toBe(true);
    expect(closedReasonOn('2026-11-28', week)).toEqual({ cause: 'weekend' });
    const saturdays = {
      ...week,
      officeHours: { ...week.officeHours, sat: { open: '08:00', close: '12:00' } },
    };
    expect(isWorkingDay('2026-11-28', saturdays)).toBe(true);
  });

  it('Nyepi and its cuti bersama are closed days, named', () => {
    expect(closedReasonOn('2026-03-19', week)).toEqual({
      cause: 'libur_nasional',
      name: {
        id: 'Hari Suci Nyepi (Tahun Baru Saka 1948)',
        en: 'Nyepi, the Day of Silence (Saka New Year 1948)',
      },
      provisional: false,
    });
    expect(closedReasonOn('2026-03-18', week)).toMatchObject({ cause: 'cuti_bersama' });
  });

  it('an office closure from the configuration is a closed day too', () => {
    const closures = [{ date: '2026-12-02', reason: 'Hari jadi Kota Denpasar' }];
    expect(closedReasonOn('2026-12-02', { ...week, closures })).toEqual({
      cause: 'closure',
      name: { id: 'Hari jadi Kota Denpasar', en: 'Hari jadi Kota Denpasar' },
    });
  });
});
