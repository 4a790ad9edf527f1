import { describe, it, expect } from 'vitest';
import { nikMatchesBirthDate, readNik } from '../../../src-main/domain/nik.ts';

describe('the birth date and sex inside a NIK', () => {
  it('reads a man’s NIK: day as written', () => {
    expect(readNik('5171011508850003')).toEqual({
      birthDate: { day: 15, month: 8, yearTwoDigits: 85 },
      sex: 'L',
    });
  });

  it('reads a woman’s NIK: day plus 40', () => {
    expect(readNik('5171015203900002')).toEqual({
      birthDate: { day: 12, month: 3, yearTwoDigits: 90 },
      sex: 'P',
    });
  });

  it('accepts 29 February, leaving the year to the full birth date', () => {
    expect(readNik('5171012902000001')?.birthDate).toEqual({ day: 29, month: 2, yearTwoDigits: 0 });
  });

  it('refuses a NIK whose date part is not a date', () => {
    expect(readNik('5171013213900001')).toBeNull(); // month 13
    expect(readNik('5171013202900001')).toBeNull(); // 32 February for a man
    expect(readNik('5171017102900001')).toBeNull(); // 31 February for a woman
    expect(readNik('5171010001900001')).toBeNull(); // day 0
    expect(readNik('5171014001900001')).toBeNull(); // day 0 for a woman
  });

  it('refuses a NIK without a region or with serial 0000', () => {
    expect(readNik('0000001508850003')).toBeNull();
    expect(readNik('5171011508850000')).toBeNull();
  });

  it('refuses anything that is not 16 digits', () => {
    expect(readNik('517101150885000')).toBeNull();
    expect(readNik('51710115088500031')).toBeNull();
    expect(readNik('51710115O8850003')).toBeNull();
    expect(readNik('')).toBeNull();
  });
});

describe('a birth date checked against the NIK', () => {
  const facts = readNik('5171015203900002');

  it('agrees when day, month and two-digit year match', () => {
    expect(facts && nikMatchesBirthDate(facts, '1990-03-12')).toBe(true);
  });

  it('disagrees on another day, month or year', () => {
    expect(facts && nikMatchesBirthDate(facts, '1990-03-13')).toBe(false);
    expect(facts && nikMatchesBirthDate(facts, '1990-04-12')).toBe(false);
    expect(facts && nikMatchesBirthDate(facts, '1991-03-12')).toBe(false);
  });

  it('cannot tell centuries apart, since the NIK holds only two digits of the year', () => {
    expect(facts && nikMatchesBirthDate(facts, '2090-03-12')).toBe(true);
  });
});
