import { describe, expect, it } from 'vitest';
import {
  inRange,
  rangeSize,
  rangesOverlap,
  reconcile,
  serialAt,
  serialRange,
} from '../../../src-main/domain/booklets.ts';

describe('blank booklet stock', () => {
  it('takes a received range by its first and last serial, keeping the leading zeros', () => {
    const range = serialRange('x0012340', 'X0012349');
    expect(rangeSize(range)).toBe(10);
    expect(serialAt(range, 12345)).toBe('X0012345');
    expect(inRange(range, 'X0012349')).toBe(true);
    expect(inRange(range, 'X0012350')).toBe(false);
    expect(inRange(range, 'Y0012345')).toBe(false);
  });

  it('refuses a range that runs backwards, mixes letters or lengths, or is too large, saying why', () => {
    expect(() => serialRange('X0012349', 'X0012340')).toThrow(/runs backwards/);
    expect(() => serialRange('X0012340', 'Y0012349')).toThrow(/share their letters and length/);
    expect(() => serialRange('X001234', 'X0012349')).toThrow(/share their letters and length/);
    expect(() => serialRange('X0000000', 'X0010000')).toThrow(/at most 10,000/);
    expect(() => serialRange('12345678', 'X0012349')).toThrow(/Not a booklet serial/);
  });

  it('sees two ranges that share a serial', () => {
    const a = serialRange('X0012340', 'X0012349');
    expect(rangesOverlap(a, serialRange('X0012349', 'X0012360'))).toBe(true);
    expect(rangesOverlap(a, serialRange('X0012350', 'X0012360'))).toBe(false);
    expect(rangesOverlap(a, serialRange('AB012340', 'AB012349'))).toBe(false);
  });

  it('balances the day: opening + received − used − spoiled = closing, with the serials behind it', () => {
    const day = reconcile({
      opening: ['X0000001', 'X0000002', 'X0000003'],
      received: ['X0000010', 'X0000011'],
      used: ['X0000001', 'X0000010'],
      spoiled: ['X0000002'],
    });
    expect(day).toMatchObject({ opening: 3, received: 2, used: 2, spoiled: 1, closing: 2, unaccounted: [] });
    expect(day.closingSerials).toEqual(['X0000003', 'X0000011']);
    expect(day.closing).toBe(day.closingSerials.length);
  });

  it('names a booklet used that was never in stock', () => {
    const day = reconcile({ opening: ['X0000001'], received: [], used: ['X0000099'], spoiled: [] });
    expect(day.unaccounted).toEqual(['X0000099']);
    expect(day.closingSerials).toEqual(['X0000001']);
  });
});
