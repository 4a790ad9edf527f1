import { DateTime } from 'luxon';
import type { Bilingual } from './errors.ts';
import type { LocalDate } from './localTime.ts';
import type { MrzDifference } from './passportData.ts';

/**
 * What the quality check tells the print operator, in words: each MRZ field that differs, named as
 * the data page names it, with the value the application holds and the value the reader read
 * ("Tanggal lahir tidak cocok: data 10 Maret 1954, terbaca 10 Maret 1945"), or that all matched.
 */

const fieldNames: Record<string, Bilingual> = {
  documentCode: { id: 'Jenis dokumen', en: 'Document type' },
  issuingState: { id: 'Negara penerbit', en: 'Issuing state' },
  name: { id: 'Nama', en: 'Name' },
  documentNumber: { id: 'Nomor paspor', en: 'Passport number' },
  nationality: { id: 'Kewarganegaraan', en: 'Nationality' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  expirationDate: { id: 'Tanggal habis berlaku', en: 'Date of expiry' },
  personalNumber: { id: 'Nomor pribadi', en: 'Personal number' },
  compositeCheckDigit: { id: 'Digit periksa gabungan', en: 'Composite check digit' },
};

export const qcFieldName = (field: string): Bilingual => fieldNames[field] ?? { id: field, en: field };

const sexes: Record<string, Bilingual> = {
  M: { id: 'Laki-laki', en: 'Male' },
  F: { id: 'Perempuan', en: 'Female' },
  '<': { id: 'tidak disebut', en: 'unspecified' },
};

/**
 * An MRZ date (YYMMDD and its check digit) as a person reads it, its century taken from the date
 * the application holds: a birth date is never after the expected one's century allows, an expiry
 * date lies in the same century as the expected one.
 */
function spokenMrzDate(
  value: string,
  expected: LocalDate | null,
  kind: 'birth' | 'expiry',
): Bilingual | null {
  const digits = /^(\d{2})(\d{2})(\d{2})/.exec(value);
  if (!digits) return null;
  const [, yy, mm, dd] = digits as unknown as [string, string, string, string];
  const expectedYear = expected ? Number(expected.slice(0, 4)) : 2000;
  let year = Math.floor(expectedYear / 100) * 100 + Number(yy);
  if (kind === 'birth' && expected && year > expectedYear + 50) year -= 100;
  if (kind === 'birth' && expected && year < expectedYear - 50) year += 100;
  const date = DateTime.fromObject({ year, month: Number(mm), day: Number(dd) }, { zone: 'UTC' });
  if (!date.isValid) return null;
  return {
    id: date.setLocale('id-ID').toFormat('d LLLL yyyy'),
    en: date.setLocale('en-GB').toFormat('d LLLL yyyy'),
  };
}

const plain = (value: string): string =>
  value.replace(/<+$/, '').replace(/<<+/g, ', ').replace(/</g, ' ').trim();

/** One MRZ field's value as the operator reads it. */
function spokenValue(
  field: string,
  value: string,
  expected: { birthDate: LocalDate; expiryDate: LocalDate },
): Bilingual {
  const empty = { id: '(kosong)', en: '(empty)' };
  if (field === 'birthDate' || field === 'expirationDate') {
    const spoken = spokenMrzDate(
      value,
      field === 'birthDate' ? expected.birthDate : expected.expiryDate,
      field === 'birthDate' ? 'birth' : 'expiry',
    );
    if (spoken) return spoken;
  }
  if (field === 'sex') return sexes[value] ?? { id: value, en: value };
  // The number's own check digit is the MRZ's business: the operator compares numbers.
  const shown = field === 'documentNumber' ? value.slice(0, 9) : value;
  const text = field === 'name' ? plain(shown) : shown.replace(/</g, ' ').trim();
  return text ? { id: text, en: text } : empty;
}

/**
 * The fields worth naming: the composite check digit follows any other difference, so it is named
 * only when it is the one thing that differs.
 */
function named(differences: readonly MrzDifference[]): readonly MrzDifference[] {
  const fields = differences.filter((d) => d.field !== 'compositeCheckDigit');
  return fields.length ? fields : differences;
}

/** One finding per differing field: "Tanggal lahir tidak cocok: data 10 Maret 1954, terbaca 10 Maret 1945". */
export function qcFindings(
  differences: readonly MrzDifference[],
  expected: { birthDate: LocalDate; expiryDate: LocalDate },
): Bilingual[] {
  return named(differences).map((d) => {
    const name = qcFieldName(d.field);
    let data = spokenValue(d.field, d.expected, expected);
    let read = spokenValue(d.field, d.scanned, expected);
    // The same date with another check digit: the digits are what differ, so show the raw values.
    if (data.id === read.id && d.expected !== d.scanned) {
      data = { id: d.expected, en: d.expected };
      read = { id: d.scanned, en: d.scanned };
    }
    return {
      id: `${name.id} tidak cocok: data ${data.id}, terbaca ${read.id}`,
      en: `${name.en} does not match: data ${data.en}, read ${read.en}`,
    };
  });
}

/** The headline of a quality check's outcome for the passport numbered `serial`. */
export function qcHeadline(passed: boolean, serial: string, applicationNumber: string): Bilingual {
  return passed
    ? {
        id: `Lulus QC: paspor ${serial} (${applicationNumber}) cocok dengan data permohonan dan siap diambil.`,
        en: `QC passed: passport ${serial} (${applicationNumber}) matches the application and is ready for pickup.`,
      }
    : {
        id: `Gagal QC: paspor ${serial} (${applicationNumber}) tidak cocok dengan data permohonan. Buku dicatat rusak dan menunggu tanda tangan supervisor; permohonan kembali ke antrean cetak untuk buku baru.`,
        en: `QC failed: passport ${serial} (${applicationNumber}) does not match the application. The booklet is recorded as spoiled, awaiting a supervisor's sign-off; the application is back in the print queue for a new booklet.`,
      };
}

/** What the print queue's "last error" column says of a failed check, in the operator's language. */
export function qcFailureReason(differences: readonly MrzDifference[]): string {
  return `Gagal QC: ${named(differences)
    .map((d) => qcFieldName(d.field).id.toLowerCase())
    .join(', ')} tidak cocok`;
}
