import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isoInstant,
  localDateOf,
  minutesOfDayOf,
  weekdayOf,
  writtenDate,
} from '../../../src-main/domain/localTime.ts';

const zones = [
  'Asia/Makassar',
  'Asia/Jakarta',
  'Asia/Jayapura',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'UTC',
];

describe('the office wall clock', () => {
  it('is already 30 November in Denpasar while UTC still says the 29th', () => {
    const instant = Date.parse('2026-11-29T16:30:00Z');
    expect(localDateOf(instant, 'Asia/Makassar')).toBe('2026-11-30');
    expect(minutesOfDayOf(instant, 'Asia/Makassar')).toBe(30);
    expect(isoInstant(instant, 'Asia/Makassar')).toBe('2026-11-30T00:30:00+08:00');
  });

  it('follows daylight-saving changes in zones that have them', () => {
    // Berlin moves from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
    expect(isoInstant(Date.parse('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:00+01:00');
    expect(isoInstant(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
  });

  it('agrees with luxon for any instant in the zones an office may use', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const expected = DateTime.fromMillis(instant, { zone });
          expect(localDateOf(instant, zone)).toBe(expected.toISODate());
          expect(minutesOfDayOf(instant, zone)).toBeCloseTo(
            expected.hour * 60 + expected.minute + expected.second / 60,
            9,
          );
          expect(isoInstant(instant, zone)).toBe(
            expected.toISO({ suppressMilliseconds: true, includeOffset: true }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the weekday of a local date', () => {
    expect(weekdayOf('2026-11-28')).toBe('sat');
    expect(weekdayOf('2026-11-30')).toBe('mon');
    expect(weekdayOf('2024-02-29')).toBe('thu');
  });

  it('writes a date as a form prints it: "10 Maret 1954", "10 March 1954"', () => {
    expect(writtenDate('1954-03-10', 'id')).toBe('10 Maret 1954');
    expect(writtenDate('1954-03-10', 'en')).toBe('10 March 1954');
    expect(writtenDate('2027-01-01', 'id')).toBe('1 Januari 2027');
  });
});
