import type { Bilingual } from '../errors.ts';

/**
 * The office's monthly issuance table (the study's Figure 2): per month, ordinary (biasa) and
 * electronic (elektronik) passports, each new (baru) or replacement (penggantian), and JUMLAH, the
 * column sums. A month comes from the floor's print jobs, or from the office's history imported
 * once from its CSV (`year,month,biasa_baru,biasa_penggantian,elektronik_baru,elektronik_penggantian,total`).
 */

export interface IssuanceCounts {
  biasaBaru: number;
  biasaPenggantian: number;
  elektronikBaru: number;
  elektronikPenggantian: number;
  total: number;
}

export type IssuanceSource = 'floor' | 'imported';

export interface IssuanceMonth extends IssuanceCounts {
  month: number;
  source: IssuanceSource | null;
}

export interface IssuanceTable {
  year: number;
  months: IssuanceMonth[];
  jumlah: IssuanceCounts;
}

/** One imported month as the office's report gives it. */
export interface IssuanceHistoryRow extends IssuanceCounts {
  year: number;
  month: number;
}

export const issuanceCsvHeader = [
  'year',
  'month',
  'biasa_baru',
  'biasa_penggantian',
  'elektronik_baru',
  'elektronik_penggantian',
  'total',
] as const;

const countFields = ['biasaBaru', 'biasaPenggantian', 'elektronikBaru', 'elektronikPenggantian'] as const;

export const noIssuance = (): IssuanceCounts => ({
  biasaBaru: 0,
  biasaPenggantian: 0,
  elektronikBaru: 0,
  elektronikPenggantian: 0,
  total: 0,
});

/** The column a passport counts in: its type, and new (`baru`) or any replacement. */
export function issuanceColumn(
  passportType: string,
  applicationKind: string,
): Exclude<keyof IssuanceCounts, 'total'> | null {
  const replacement = applicationKind !== 'baru';
  if (passportType === 'biasa') return replacement ? 'biasaPenggantian' : 'biasaBaru';
  if (passportType === 'elektronik') return replacement ? 'elektronikPenggantian' : 'elektronikBaru';
  return null;
}

/** Counts of passports printed in one month, by type and application kind, into the table's columns. */
export function issuanceCountsOf(
  rows: readonly { passportType: string; applicationKind: string; passports: number }[],
): IssuanceCounts {
  const counts = noIssuance();
  for (const row of rows) {
    const column = issuanceColumn(row.passportType, row.applicationKind);
    if (!column) continue;
    counts[column] += row.passports;
    counts.total += row.passports;
  }
  return counts;
}

/**
 * The year's table: an imported month stands as the office reported it (the import refused it
 * while the floor had data there); otherwise a month with passports printed on the floor is
 * `floor`; a month with neither is zeros with no source. JUMLAH is the column sums.
 */
export function issuanceTable(
  year: number,
  floor: ReadonlyMap<number, IssuanceCounts>,
  imported: ReadonlyMap<number, IssuanceCounts>,
): IssuanceTable {
  const months: IssuanceMonth[] = [];
  for (let month = 1; month <= 12; month++) {
    const history = imported.get(month);
    const printed = floor.get(month);
    if (history) months.push({ month, source: 'imported', ...pick(history) });
    else if (printed && printed.total > 0) months.push({ month, source: 'floor', ...pick(printed) });
    else months.push({ month, source: null, ...noIssuance() });
  }
  const jumlah = noIssuance();
  for (const m of months) {
    for (const field of countFields) jumlah[field] += m[field];
    jumlah.total += m.total;
  }
  return { year, months, jumlah };
}

const pick = (c: IssuanceCounts): IssuanceCounts => ({
  biasaBaru: c.biasaBaru,
  biasaPenggantian: c.biasaPenggantian,
  elektronikBaru: c.elektronikBaru,
  elektronikPenggantian: c.elektronikPenggantian,
  total: c.total,
});

/** A line of the file the import refuses, and why: the whole file is refused with it. */
export interface IssuanceRowFault {
  line: number;
  fault: string;
  message: Bilingual;
}

const faultAt = (line: number, fault: string, id: string, en: string): IssuanceRowFault => ({
  line,
  fault,
  message: { id: `Baris ${line}: ${id}`, en: `Line ${line}: ${en}` },
});

const wholeNumber = /^\d{1,9}$/;

/**
 * Reads the office's issuance CSV: the header of shared/data, then one row per month. Answers the
 * rows, or the first fault with its line number (the header is line 1). `isFuture(year, month)`
 * says whether a month has not begun yet (a month after the office's current one).
 */
export function parseIssuanceCsv(
  content: string,
  isFuture: (year: number, month: number) => boolean,
): { rows: IssuanceHistoryRow[]; lines: number[] } | { fault: IssuanceRowFault } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  if (header.join(',') !== issuanceCsvHeader.join(','))
    return {
      fault: faultAt(
        1,
        'header',
        `kepala berkas harus "${issuanceCsvHeader.join(',')}".`,
        `the header must be "${issuanceCsvHeader.join(',')}".`,
      ),
    };
  if (lines.length < 2)
    return {
      fault: faultAt(2, 'no_rows', 'berkas tidak berisi satu bulan pun.', 'the file holds no month.'),
    };
  const rows: IssuanceHistoryRow[] = [];
  const rowLines: number[] = [];
  const seen = new Map<string, number>();
  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const cells = (lines[index] ?? '').split(',').map((cell) => cell.trim());
    if (cells.length !== issuanceCsvHeader.length)
      return {
        fault: faultAt(
          line,
          'columns',
          `harus ada ${issuanceCsvHeader.length} kolom, bukan ${cells.length}.`,
          `there must be ${issuanceCsvHeader.length} columns, not ${cells.length}.`,
        ),
      };
    for (const [i, cell] of cells.entries())
      if (!wholeNumber.test(cell))
        return {
          fault: faultAt(
            line,
            'not_a_count',
            `kolom ${issuanceCsvHeader[i]} harus bilangan bulat 0 atau lebih, bukan "${cell.slice(0, 20)}".`,
            `column ${issuanceCsvHeader[i]} must be a whole number 0 or more, not "${cell.slice(0, 20)}".`,
          ),
        };
    const [year, month, biasaBaru, biasaPenggantian, elektronikBaru, elektronikPenggantian, total] =
      cells.map(Number) as [number, number, number, number, number, number, number];
    if (year < 2000 || year > 2100)
      return {
        fault: faultAt(
          line,
          'year',
          `tahun ${year} di luar 2000–2100.`,
          `year ${year} is outside 2000–2100.`,
        ),
      };
    if (month < 1 || month > 12)
      return {
        fault: faultAt(line, 'month', `bulan ${month} harus 1–12.`, `month ${month} must be 1–12.`),
      };
    if (isFuture(year, month))
      return {
        fault: faultAt(
          line,
          'future',
          `bulan ${month}/${year} belum berjalan.`,
          `month ${month}/${year} has not begun yet.`,
        ),
      };
    const sum = biasaBaru + biasaPenggantian + elektronikBaru + elektronikPenggantian;
    if (total !== sum)
      return {
        fault: faultAt(
          line,
          'total',
          `jumlah ${total} tidak sama dengan penjumlahan keempat kolom (${sum}).`,
          `total ${total} is not the sum of the four columns (${sum}).`,
        ),
      };
    const key = `${year}-${month}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return {
        fault: faultAt(
          line,
          'duplicate',
          `bulan ${month}/${year} sudah ada di baris ${earlier}.`,
          `month ${month}/${year} is already on line ${earlier}.`,
        ),
      };
    seen.set(key, line);
    rows.push({ year, month, biasaBaru, biasaPenggantian, elektronikBaru, elektronikPenggantian, total });
    rowLines.push(line);
  }
  return { rows, lines: rowLines };
}

/** The fault of a row whose month is already in the table: imported before, or run on the floor. */
export function monthTakenFault(
  line: number,
  row: { year: number; month: number },
  by: 'imported' | 'floor',
): IssuanceRowFault {
  const when = `${row.month}/${row.year}`;
  return by === 'imported'
    ? faultAt(
        line,
        'already_imported',
        `bulan ${when} sudah pernah diimpor.`,
        `month ${when} was already imported.`,
      )
    : faultAt(
        line,
        'floor_data',
        `bulan ${when} sudah punya data paspor yang dicetak di Loket.`,
        `month ${when} already has passports printed on the floor.`,
      );
}
