import { spokenDate, type LocalDate } from './localTime.ts';

/** One SMS in the GSM alphabet. */
const maxLength = 160;

export interface ReadySmsFacts {
  /** `DPS-261130-0001`. */
  applicationNumber: string;
  /** The office as configured: `Kantor Imigrasi Kelas I TPI Denpasar`. */
  officeName: string;
  /** The first day it can be collected. */
  fromDate: LocalDate;
}

/**
 * The "passport ready" SMS, in Indonesian only (the citizen's booking language), one SMS long.
 * The office's class (`Kelas I TPI`) is left out, as people say it; when it is still too long the
 * weekday goes, then `Kantor Imigrasi` becomes `Kanim`. The warning about calo always stays.
 */
export function readySmsBody(facts: ReadySmsFacts): string {
  const office = facts.officeName
    .replace(/\s+Kelas\s+(I{1,3}|IV)(\s+(Khusus|Non))?(\s+TPI)?/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const withDay = spokenDate(facts.fromDate, 'id'); // Senin, 7 Desember 2026
  const date = withDay.replace(/^[^,]+,\s*/, '');
  const body = (place: string, from: string) =>
    `Paspor Anda (permohonan ${facts.applicationNumber}) sudah siap diambil di ${place} mulai ${from}. ` +
    'Bawa tanda terima. Jangan gunakan calo.';
  const short = office.replace(/^Kantor Imigrasi\b/i, 'Kanim');
  const variants = [body(office, withDay), body(office, date), body(short, date)];
  return variants.find((text) => text.length <= maxLength) ?? (variants.at(-1) as string);
}
