import { describe, expect, it } from 'vitest';
import type { ApplicationKind } from '../../../src-main/domain/applicationKinds.ts';
import { isLoketError } from '../../../src-main/domain/errors.ts';
import { defaultOfficeConfig, type OfficeConfig } from '../../../src-main/domain/office.ts';
import {
  overridePickupPromise,
  pickupPromise,
  type DatedPromise,
  type PickupPromise,
  type PickupPromiseInput,
} from '../../../src-main/domain/pickupPromise.ts';
import { shippedDays } from '../../support/calendars.ts';

// The shipped 2026 decree and the 2027 estimate, with Denpasar's Monday–Friday hours.
const calendar = shippedDays();

function promise(
  interviewDate: string,
  options: {
    kind?: ApplicationKind;
    booked?: Record<string, number>;
    closures?: OfficeConfig['closures'];
    hours?: OfficeConfig['hours'];
    capacity?: number;
  } = {},
): PickupPromise {
  const input: PickupPromiseInput = {
    interviewDate,
    applicationKind: options.kind ?? 'baru',
    workingDays: defaultOfficeConfig.pickup.workingDays,
    calendar,
    calendarYears: [2026, 2027],
    officeHours: options.hours ?? defaultOfficeConfig.hours,
    closures: options.closures ?? [],
    printLoad: { capacityPerDay: options.capacity ?? 250, bookedByDate: options.booked ?? {} },
  };
  return pickupPromise(input);
}

function dated(result: PickupPromise): DatedPromise {
  if (result.kind !== 'date') throw new Error(`expected a date, got ${result.kind}`);
  return result;
}

const why = (result: PickupPromise) => dated(result).reasons.map((r) => [r.date, r.cause]);

describe('the pickup promise over the shipped calendars', () => {
  it('a citizen interviewed on a Friday hears Thursday: the interview day is not counted, the weekend is skipped', () => {
    const result = dated(promise('2026-11-27'));
    expect(result.date).toBe('2026-12-03');
    expect(result.workingDays).toBe(4);
    expect(result.reasons).toEqual([]);
    expect(result.caveats).toEqual([]);
  });

  it('a citizen interviewed the Monday before Nyepi waits out Nyepi and the Idul Fitri week, each day named', () => {
    const result = dated(promise('2026-03-16'));
    // Tue 17 is day 1; 18–24 March are cuti bersama, Nyepi, cuti bersama and the Idul Fitri weekend.
    expect(result.date).toBe('2026-03-27');
    expect(why(result)).toEqual([
      ['2026-03-18', 'cuti_bersama'],
      ['2026-03-19', 'libur_nasional'],
      ['2026-03-20', 'cuti_bersama'],
      ['2026-03-23', 'cuti_bersama'],
      ['2026-03-24', 'cuti_bersama'],
    ]);
    expect(result.reasons[1]?.text).toEqual({
      id: 'Kamis, 19 Maret 2026: Hari Suci Nyepi (Tahun Baru Saka 1948) (libur nasional)',
      en: 'Thursday, 19 March 2026: Nyepi, the Day of Silence (Saka New Year 1948) (national holiday)',
    });
  });

  it('Nyepi and Idul Fitri 2027 move the promise too, and the officer is told those days are estimates', () => {
    const result = dated(promise('2027-03-05'));
    expect(result.date).toBe('2027-03-22');
    expect(why(result).map(([date]) => date)).toEqual([
      '2027-03-08',
      '2027-03-09',
      '2027-03-10',
      '2027-03-11',
      '2027-03-12',
      '2027-03-15',
      '2027-03-16',
    ]);
    expect(result.caveats.map((c) => c.cause)).toContain('provisional_day');
    expect(result.caveats.some((c) => c.cause === 'provisional_day' && c.date === '2027-03-09')).toBe(true);
  });

  it('crosses the year end: Christmas, New Year and the next year’s calendar', () => {
    expect(dated(promise('2026-12-23')).date).toBe('2026-12-31');
    expect(why(promise('2026-12-23'))).toEqual([
      ['2026-12-24', 'cuti_bersama'],
      ['2026-12-25', 'libur_nasional'],
    ]);
    const intoNextYear = dated(promise('2026-12-30'));
    // Thu 31 is day 1, New Year's Day and Isra Mikraj (5 January, an estimate) are skipped.
    expect(intoNextYear.date).toBe('2027-01-07');
    expect(why(intoNextYear)).toEqual([
      ['2027-01-01', 'libur_nasional'],
      ['2027-01-05', 'libur_nasional'],
    ]);
    expect(intoNextYear.caveats).toEqual([
      expect.objectContaining({ cause: 'provisional_day', date: '2027-01-05' }),
    ]);
  });

  it('a year the office has no calendar for is counted without holidays, and the officer is told', () => {
    const result = dated(promise('2027-12-27'));
    expect(result.date).toBe('2027-12-31');
    expect(result.caveats).toEqual([]);
    const into2028 = dated(promise('2027-12-30'));
    expect(into2028.date).toBe('2028-01-05');
    expect(into2028.caveats).toEqual([expect.objectContaining({ cause: 'calendar_missing', year: 2028 })]);
  });

  it('an office closure from the office configuration moves the date like a holiday', () => {
    const result = dated(
      promise('2026-11-27', { closures: [{ date: '2026-12-01', reason: 'Rapat kerja kantor' }] }),
    );
    expect(result.date).toBe('2026-12-04');
    expect(result.reasons).toEqual([
      expect.objectContaining({
        date: '2026-12-01',
        cause: 'closure',
        text: {
          id: 'Selasa, 1 Desember 2026: kantor tutup (Rapat kerja kantor)',
          en: 'Tuesday, 1 December 2026: office closed (Rapat kerja kantor)',
        },
      }),
    ]);
  });

  it('an office open on Saturdays counts Saturday as a working day', () => {
    const hours = { ...defaultOfficeConfig.hours, sat: { open: '08:00', close: '12:00' } };
    expect(dated(promise('2026-11-27', { hours })).date).toBe('2026-12-02');
  });

  it('every replacement kind but lost and damaged gets the same four working days', () => {
    for (const kind of ['baru', 'habis_berlaku', 'halaman_penuh'] as const) {
      expect(dated(promise('2026-11-27', { kind })).date).toBe('2026-12-03');
    }
  });
});

describe('the print backlog', () => {
  it('a day with room keeps the natural date', () => {
    const result = dated(promise('2026-11-27', { booked: { '2026-12-03': 249 } }));
    expect(result.date).toBe('2026-12-03');
    expect(result.naturalDate).toBe('2026-12-03');
  });

  it('a full natural date moves the promise to the next working day, saying the printer is full', () => {
    const result = dated(promise('2026-11-27', { booked: { '2026-12-03': 250 } }));
    expect(result.naturalDate).toBe('2026-12-03');
    expect(result.date).toBe('2026-12-04');
    expect(result.reasons).toEqual([
      {
        date: '2026-12-03',
        cause: 'print_full',
        booked: 250,
        capacity: 250,
        text: {
          id: 'Kamis, 3 Desember 2026: pencetakan penuh (250 dari 250 paspor sudah dijanjikan)',
          en: 'Thursday, 3 December 2026: printing full (250 of 250 passports already promised)',
        },
      },
    ]);
  });

  it('several full days in a row push past the weekend to the first day with room', () => {
    const result = dated(
      promise('2026-11-27', { booked: { '2026-12-03': 250, '2026-12-04': 261, '2026-12-07': 250 } }),
    );
    expect(result.date).toBe('2026-12-08');
    expect(why(result)).toEqual([
      ['2026-12-03', 'print_full'],
      ['2026-12-04', 'print_full'],
      ['2026-12-07', 'print_full'],
    ]);
  });

  it('a full day before Christmas pushes past the cuti bersama and Christmas Day', () => {
    const result = dated(promise('2026-12-17', { booked: { '2026-12-23': 250 } }));
    expect(result.naturalDate).toBe('2026-12-23');
    expect(result.date).toBe('2026-12-28');
    expect(why(result)).toEqual([
      ['2026-12-23', 'print_full'],
      ['2026-12-24', 'cuti_bersama'],
      ['2026-12-25', 'libur_nasional'],
    ]);
  });
});

describe('lost and damaged passports', () => {
  it('are promised no date: they wait for the BAP', () => {
    for (const kind of ['hilang', 'rusak'] as const) {
      const result = promise('2026-11-27', { kind });
      expect(result.kind).toBe('after_bap');
      expect(result).not.toHaveProperty('date');
      if (result.kind === 'after_bap') expect(result.message.en).toContain('BAP');
    }
  });
});

describe('an officer overriding the promise', () => {
  const week = { calendar, officeHours: defaultOfficeConfig.hours, closures: [] };

  it('moves it to another working day with a reason, keeping the computed date beside it', () => {
    const computed = promise('2026-11-27');
    const moved = overridePickupPromise(
      computed,
      { date: '2026-12-07', reason: '  Data perlu verifikasi pusat ' },
      week,
    );
    expect(moved.date).toBe('2026-12-07');
    expect(moved.override).toEqual({ computedDate: '2026-12-03', reason: 'Data perlu verifikasi pusat' });
    const earlier = overridePickupPromise(
      computed,
      { date: '2026-12-01', reason: 'Keperluan ibadah haji' },
      week,
    );
    expect(earlier.date).toBe('2026-12-01');
  });

  it('is refused without a reason', () => {
    const computed = promise('2026-11-27');
    expect(() => overridePickupPromise(computed, { date: '2026-12-07', reason: '   ' }, week)).toThrow(
      /needs a reason/,
    );
  });

  it('is refused on a day the office is shut, naming the day', () => {
    const computed = promise('2026-12-17');
    let refusal: unknown = null;
    try {
      overridePickupPromise(computed, { date: '2026-12-25', reason: 'Permintaan pemohon' }, week);
    } catch (error) {
      refusal = error;
    }
    expect(isLoketError(refusal) && refusal.text.en).toBe(
      'The office is closed on Friday, 25 December 2026 (Christmas Day); pick a working day.',
    );
    expect(() =>
      overridePickupPromise(computed, { date: '2026-12-19', reason: 'Permintaan pemohon' }, week),
    ).toThrow(/weekend/);
  });

  it('is refused on or before the interview day', () => {
    const computed = promise('2026-11-27');
    expect(() =>
      overridePickupPromise(computed, { date: '2026-11-27', reason: 'Permintaan pemohon' }, week),
    ).toThrow(/after the interview date/);
  });

  it('may give a lost passport a date once the BAP is done', () => {
    const computed = promise('2026-11-27', { kind: 'hilang' });
    const moved = overridePickupPromise(computed, { date: '2026-12-10', reason: 'BAP selesai' }, week);
    expect(moved).toMatchObject({ kind: 'date', date: '2026-12-10', workingDays: null });
    expect(moved.override).toEqual({ computedDate: null, reason: 'BAP selesai' });
  });
});
