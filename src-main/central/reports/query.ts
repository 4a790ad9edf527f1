import { CentralError, type CentralStore, type OfficeLink } from '../store.ts';

/** Which offices (undefined: all) and which office-local dates, inclusive, a national report covers. */
export interface NationalQuery {
  offices?: string[] | undefined;
  from: string;
  to: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** Longer periods are refused: a national report is at most a few years. */
const maxDays = 5 * 366;

export function checkPeriod(q: NationalQuery): void {
  const valid = (d: string) => isoDate.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(q.from) || !valid(q.to) || q.from > q.to)
    throw new CentralError(400, 'INVALID_INPUT', {
      id: 'Periode harus berupa dua tanggal (TTTT-BB-HH), yang pertama tidak setelah yang kedua.',
      en: 'The period must be two dates (YYYY-MM-DD), the first not after the second.',
    });
  const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
  if (days >= maxDays)
    throw new CentralError(400, 'INVALID_INPUT', {
      id: 'Periode paling panjang lima tahun.',
      en: 'The period is at most five years.',
    });
}

/** The offices a query names (all when it names none), in code order; an unknown code is refused. */
export async function officesOf(
  store: CentralStore,
  codes: readonly string[] | undefined,
): Promise<OfficeLink[]> {
  const all = await store.offices();
  if (codes === undefined) return all;
  const known = new Map(all.map((o) => [o.code, o]));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new CentralError(400, 'UNKNOWN_OFFICE', {
      id: `Kantor tidak terdaftar: ${unknown.join(', ')}.`,
      en: `Offices not registered: ${unknown.join(', ')}.`,
    });
  return all.filter((o) => codes.includes(o.code));
}
