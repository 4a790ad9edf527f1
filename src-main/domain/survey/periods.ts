import { LoketError } from '../errors.ts';
import { monthNames, type LocalDate } from '../localTime.ts';

/**
 * The periods the SKM is reported on: a month, a quarter (triwulan), a semester or a year, as
 * office days from–to and the label the office prints.
 */
export const surveyPeriodKinds = ['month', 'quarter', 'semester', 'year'] as const;
export type SurveyPeriodKind = (typeof surveyPeriodKinds)[number];

export interface SurveyPeriod {
  kind: SurveyPeriodKind;
  year: number;
  /** The month (1–12), quarter (1–4) or semester (1–2); 1 for a year. */
  index: number;
  label: string;
  from: LocalDate;
  to: LocalDate;
}

const roman = ['I', 'II', 'III', 'IV'];
const monthsIn: Record<SurveyPeriodKind, number> = { month: 1, quarter: 3, semester: 6, year: 12 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A period of a year; `index` names the month, quarter or semester (absent for a year). */
export function surveyPeriod(kind: SurveyPeriodKind, year: number, index?: number): SurveyPeriod {
  const count = 12 / monthsIn[kind];
  const which = kind === 'year' ? 1 : index;
  if (
    !Number.isInteger(year) ||
    year < 2000 ||
    year > 2100 ||
    which === undefined ||
    !Number.isInteger(which) ||
    which < 1 ||
    which > count
  )
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Periode tidak sah: ${kind === 'year' ? 'tahun' : kind === 'month' ? 'bulan 1–12' : kind === 'quarter' ? 'triwulan 1–4' : 'semester 1–2'} dari tahun 2000–2100.`,
        en: `Not a period: ${kind === 'year' ? 'a year' : kind === 'month' ? 'month 1–12' : kind === 'quarter' ? 'quarter 1–4' : 'semester 1–2'} of a year 2000–2100.`,
      },
      { kind, year, index },
    );
  if (kind === 'year' && index !== undefined && index !== 1)
    throw new LoketError('INVALID_INPUT', {
      id: 'Periode tahunan tidak memakai nomor.',
      en: 'A yearly period takes no index.',
    });
  const firstMonth = (which - 1) * monthsIn[kind] + 1;
  const lastMonth = firstMonth + monthsIn[kind] - 1;
  const label =
    kind === 'month'
      ? `${monthNames[which - 1]} ${year}`
      : kind === 'quarter'
        ? `Triwulan ${roman[which - 1]} ${year}`
        : kind === 'semester'
          ? `Semester ${roman[which - 1]} ${year}`
          : `Tahun ${year}`;
  return {
    kind,
    year,
    index: which,
    label,
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDayOf(year, lastMonth))}`,
  };
}

/** The quarter an office day falls in. */
export function quarterOf(date: LocalDate): SurveyPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return surveyPeriod('quarter', year, Math.ceil(month / 3));
}
