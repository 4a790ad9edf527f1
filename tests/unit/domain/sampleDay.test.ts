import { describe, expect, it } from 'vitest';
import { readAppointmentRow } from '../../../src-main/domain/appointment.ts';
import { nikMatchesBirthDate, readNik } from '../../../src-main/domain/nik.ts';
import { arrivalWindowsOn, defaultOfficeConfig, laneOf } from '../../../src-main/domain/office.ts';
import { sampleDay, trainingDate, trainingStartsAt } from '../../../src-main/domain/sampleDay.ts';

const office = defaultOfficeConfig;
const monday = '2026-11-30';

describe('the sample day of the training floor', () => {
  const day = sampleDay(office, monday);

  it('books about 150 citizens over every arrival window, never above a lane’s quota', () => {
    expect(day.length).toBeGreaterThanOrEqual(140);
    expect(day.length).toBeLessThanOrEqual(160);
    for (const window of arrivalWindowsOn(office, monday)) {
      const inWindow = day.filter((a) => a.windowStart === window.start && a.windowEnd === window.end);
      expect(inWindow.length, `window ${window.start}`).toBeGreaterThan(10);
      for (const lane of ['regular', 'lansia', 'disabilitas', 'hamil', 'balita'] as const)
        expect(inWindow.filter((a) => a.lane === lane).length).toBeLessThanOrEqual(
          laneOf(office, lane).quotaPerWindow,
        );
    }
    for (const lane of ['lansia', 'disabilitas', 'hamil', 'balita'])
      expect(
        day.some((a) => a.lane === lane),
        lane,
      ).toBe(true);
    expect(new Set(day.map((a) => a.applicationKind)).size).toBeGreaterThanOrEqual(4);
  });

  it('is a list the import takes without a rejection or a warning', () => {
    for (const appointment of day) {
      const reading = readAppointmentRow(appointment as unknown as Record<string, unknown>, office);
      expect(reading, appointment.bookingCode).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it('gives everyone their own name and a NIK that carries their birth date and sex', () => {
    expect(new Set(day.map((a) => a.fullName)).size).toBe(day.length);
    expect(new Set(day.map((a) => a.nik)).size).toBe(day.length);
    expect(new Set(day.map((a) => a.bookingCode)).size).toBe(day.length);
    for (const a of day) {
      const facts = readNik(a.nik);
      expect(facts?.sex, a.fullName).toBe(a.sex);
      expect(facts && nikMatchesBirthDate(facts, a.birthDate), a.fullName).toBe(true);
    }
    // Names as the hall hears them: Balinese, Javanese with apostrophes, Batak, Bugis, Chinese-Indonesian.
    const names = day.map((a) => a.fullName).join('\n');
    expect(names).toMatch(/^(I|Ni) (Wayan|Putu|Gede|Luh|Made|Kadek|Nyoman|Komang|Ketut) /m);
    expect(names).not.toMatch(/^Ni Gede /m);
    expect(names).toMatch(/'/);
    expect(names).toMatch(
      / (Siregar|Sitompul|Simanjuntak|Nainggolan|Hutapea|Pardede|Sinaga|Tambunan|Manurung|Harahap|Situmorang)$/m,
    );
    expect(names).toMatch(/^Andi /m);
  });

  it('puts the elderly in their lane and pregnant women only in theirs', () => {
    const age = (birth: string) => Number(monday.slice(0, 4)) - Number(birth.slice(0, 4));
    for (const a of day.filter((b) => b.lane === 'lansia'))
      expect(age(a.birthDate)).toBeGreaterThanOrEqual(60);
    for (const a of day.filter((b) => b.lane === 'hamil')) expect(a.sex).toBe('P');
  });

  it('is the same day every time for the same date, and none on a day the office is shut', () => {
    expect(sampleDay(office, monday)).toEqual(day);
    expect(sampleDay(office, '2026-11-28')).toEqual([]);
  });
});

describe('the day a training session plays', () => {
  const instant = (iso: string) => Date.parse(iso);

  it('is today when the office opens today', () => {
    expect(trainingDate(office, instant('2026-11-30T14:00:00+08:00'))).toBe('2026-11-30');
  });

  it('is the next open day on a weekend or a closure, by the office’s calendar, not UTC', () => {
    // Saturday 28 November 2026.
    expect(trainingDate(office, instant('2026-11-28T10:00:00+08:00'))).toBe('2026-11-30');
    // Sunday 07:00 in Denpasar is still Saturday in UTC.
    expect(trainingDate(office, instant('2026-11-29T07:00:00+08:00'))).toBe('2026-11-30');
    const nyepi = { ...office, closures: [{ date: '2027-03-09', reason: 'Nyepi' }] };
    expect(trainingDate(nyepi, instant('2027-03-09T09:00:00+08:00'))).toBe('2027-03-10');
  });

  it('starts its clock ten minutes before opening', () => {
    expect(trainingStartsAt(office, monday)).toBe(instant('2026-11-30T07:50:00+08:00'));
  });
});
