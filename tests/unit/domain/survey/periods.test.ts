import { describe, expect, it } from 'vitest';
import { quarterOf, surveyPeriod } from '../../../../src-main/domain/survey/periods.ts';

describe('the survey’s periods', () => {
  it('names a month, a quarter, a semester and a year in Bahasa Indonesia with their office days', () => {
    expect(surveyPeriod('month', 2026, 11)).toMatchObject({
      label: 'November 2026',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(surveyPeriod('month', 2028, 2)).toMatchObject({
      label: 'Februari 2028',
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(surveyPeriod('quarter', 2026, 4)).toMatchObject({
      label: 'Triwulan IV 2026',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(surveyPeriod('semester', 2026, 2)).toMatchObject({
      label: 'Semester II 2026',
      from: '2026-07-01',
      to: '2026-12-31',
    });
    expect(surveyPeriod('semester', 2026, 1)).toMatchObject({
      label: 'Semester I 2026',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(surveyPeriod('year', 2026)).toMatchObject({
      label: 'Tahun 2026',
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('finds the quarter of an office day', () => {
    expect(quarterOf('2026-12-07')).toMatchObject({ label: 'Triwulan IV 2026', from: '2026-10-01' });
    expect(quarterOf('2026-03-31')).toMatchObject({ label: 'Triwulan I 2026', to: '2026-03-31' });
  });

  it('refuses a period that does not exist', () => {
    for (const [kind, index] of [
      ['month', 13],
      ['month', undefined],
      ['quarter', 5],
      ['semester', 3],
      ['year', 2],
    ] as const)
      expect(() => surveyPeriod(kind, 2026, index)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
  });
});
