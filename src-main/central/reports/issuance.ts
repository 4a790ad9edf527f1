import {
  issuanceCountsOf,
  issuanceTable,
  noIssuance,
  type IssuanceCounts,
  type IssuanceSource,
} from '../../domain/reports/issuance.ts';
import type { CentralStore } from '../store.ts';
import { checkPeriod, officesOf, type NationalQuery } from './query.ts';

/** One month of the study's table (domain/reports/issuance.ts), with its year. */
export interface IssuanceRow extends IssuanceCounts {
  year: number;
  month: number;
  /** Where the month's figures come from; `mixed` nationally when offices differ. */
  source: IssuanceSource | 'mixed' | null;
}

export interface IssuanceRows {
  months: IssuanceRow[];
  /** JUMLAH: the column sums over the months. */
  jumlah: IssuanceCounts;
}

export interface NationalIssuance {
  from: string;
  to: string;
  offices: ({ code: string; name: string } & IssuanceRows)[];
  national: IssuanceRows;
}

const columns = [
  'biasaBaru',
  'biasaPenggantian',
  'elektronikBaru',
  'elektronikPenggantian',
  'total',
] as const;

/** The months (year, month) a period of dates touches, in order. */
export function monthsOf(from: string, to: string): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = to.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push({ year, month });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/**
 * Passports issued per month in the study's table format (biasa / elektronik, baru / penggantian,
 * JUMLAH), per office and nationally, for the months the period touches: a month the floor printed
 * in counts its print jobs once printed (as the floor's own report does), a month the office imported
 * stands as imported. Read from the per-month counts kept at ingest (`central_issuance_months`).
 */
export async function nationalIssuance(store: CentralStore, q: NationalQuery): Promise<NationalIssuance> {
  checkPeriod(q);
  const offices = await officesOf(store, q.offices);
  const codes = offices.map((o) => o.code);
  const span = monthsOf(q.from, q.to);
  const first = span[0] as { year: number; month: number };
  const last = span[span.length - 1] as { year: number; month: number };
  const [printed, imported] = await Promise.all([
    store.pool.query<{
      office: string;
      month: string;
      passport_type: string;
      application_kind: string;
      passports: number;
    }>(
      `SELECT office, month, passport_type, application_kind, passports FROM central_issuance_months
       WHERE office = ANY($1::text[]) AND month BETWEEN $2 AND $3`,
      [codes, monthKey(first.year, first.month), monthKey(last.year, last.month)],
    ),
    store.pool.query<{
      office: string;
      year: number;
      month: number;
      biasa_baru: number;
      biasa_penggantian: number;
      elektronik_baru: number;
      elektronik_penggantian: number;
      total: number;
    }>(
      `SELECT office, year, month, biasa_baru, biasa_penggantian, elektronik_baru, elektronik_penggantian, total
       FROM central_issuance_imported WHERE office = ANY($1::text[]) AND year BETWEEN $2 AND $3`,
      [codes, first.year, last.year],
    ),
  ]);
  const printedBy = new Map<string, { passportType: string; applicationKind: string; passports: number }[]>();
  for (const r of printed.rows) {
    const key = `${r.office} ${r.month}`;
    const rows = printedBy.get(key) ?? [];
    rows.push({ passportType: r.passport_type, applicationKind: r.application_kind, passports: r.passports });
    printedBy.set(key, rows);
  }
  const importedBy = new Map<string, IssuanceCounts>();
  for (const r of imported.rows)
    importedBy.set(`${r.office} ${monthKey(r.year, r.month)}`, {
      biasaBaru: r.biasa_baru,
      biasaPenggantian: r.biasa_penggantian,
      elektronikBaru: r.elektronik_baru,
      elektronikPenggantian: r.elektronik_penggantian,
      total: r.total,
    });
  const wanted = new Set(span.map((m) => monthKey(m.year, m.month)));
  const years = [...new Set(span.map((m) => m.year))];

  const perOffice = offices.map((o) => {
    const months: IssuanceRow[] = [];
    for (const year of years) {
      const floor = new Map<number, IssuanceCounts>();
      const history = new Map<number, IssuanceCounts>();
      for (let month = 1; month <= 12; month += 1) {
        const key = `${o.code} ${monthKey(year, month)}`;
        const rows = printedBy.get(key);
        if (rows) floor.set(month, issuanceCountsOf(rows));
        const known = importedBy.get(key);
        if (known) history.set(month, known);
      }
      // The floor's own table of the year, then the months the period touches.
      for (const m of issuanceTable(year, floor, history).months)
        if (wanted.has(monthKey(year, m.month))) months.push({ ...m, year });
    }
    return { code: o.code, name: o.name, months, jumlah: sumOf(months) };
  });

  const national: IssuanceRow[] = span.map(({ year, month }, i) => {
    const row: IssuanceRow = { year, month, source: null, ...noIssuance() };
    const sources = new Set<IssuanceSource>();
    for (const office of perOffice) {
      const m = office.months[i] as IssuanceRow;
      for (const c of columns) row[c] += m[c];
      if (m.source !== null && m.source !== 'mixed') sources.add(m.source);
    }
    row.source =
      sources.size === 0 ? null : sources.size === 1 ? ([...sources][0] as IssuanceSource) : 'mixed';
    return row;
  });
  return {
    from: q.from,
    to: q.to,
    offices: perOffice,
    national: { months: national, jumlah: sumOf(national) },
  };
}

function sumOf(months: readonly IssuanceCounts[]): IssuanceCounts {
  const jumlah = noIssuance();
  for (const m of months) for (const c of columns) jumlah[c] += m[c];
  return jumlah;
}
