import type { Bilingual } from '../errors.ts';
import { gradeWords, shownIndex, type SurveyGrade } from './ikm.ts';

/**
 * The words and numbers the survey's result is published with (PermenPANRB No. 14 Tahun 2017):
 * the grade's mutu and kinerja, the profile's categories as a report prints them, and numbers as
 * an Indonesian reader writes them. One copy for the PDF and XLSX, the console, the board and
 * `/public`.
 */

export { gradeWords, type SurveyGrade };

/** The regulation's conversion table: the index's interval for each grade, as printed under the result. */
export const gradeIntervals: readonly { grade: SurveyGrade; from: string; to: string }[] = [
  { grade: 'A', from: '88,31', to: '100,00' },
  { grade: 'B', from: '76,61', to: '88,30' },
  { grade: 'C', from: '65,00', to: '76,60' },
  { grade: 'D', from: '25,00', to: '64,99' },
];

/** A number with a fixed count of decimals and a decimal comma: 87.5 as "87,50", 3.5 as "3,500". */
export function decimalText(value: number, places: number): string {
  // Half up, with the same hair of slack as the index's grade (76.605 is 76.60499… as a double).
  const scale = 10 ** places;
  const rounded = Math.round(value * scale + 1e-6) / scale;
  const [whole, fraction] = rounded.toFixed(places).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

/** The index as published: two decimals, half up as its grade is decided, rounded only here ("87,50"). */
export const indexText = (index: number) => shownIndex(index).replace('.', ',');

/** "87,50 (B, Baik)": the index with its mutu and kinerja, in one language. */
export function gradedIndexText(
  index: number,
  grade: SurveyGrade | null,
  locale: 'id' | 'en' = 'id',
): string {
  return grade === null ? indexText(index) : `${indexText(index)} (${grade}, ${gradeWords[grade][locale]})`;
}

/** The profile's categories and the services, as the report's tables name them. */
export const profileValueNames: Record<string, Bilingual> = {
  'laki-laki': { id: 'Laki-laki', en: 'Male' },
  perempuan: { id: 'Perempuan', en: 'Female' },
  '<20': { id: 'Di bawah 20 tahun', en: 'Under 20' },
  '20-29': { id: '20–29 tahun', en: '20–29' },
  '30-39': { id: '30–39 tahun', en: '30–39' },
  '40-49': { id: '40–49 tahun', en: '40–49' },
  '50-59': { id: '50–59 tahun', en: '50–59' },
  '60+': { id: '60 tahun ke atas', en: '60 and over' },
  sd: { id: 'SD', en: 'Primary school' },
  smp: { id: 'SMP', en: 'Junior high school' },
  sma: { id: 'SMA/sederajat', en: 'Senior high school' },
  diploma: { id: 'D1–D3', en: 'Diploma' },
  s1: { id: 'S1/D4', en: "Bachelor's degree" },
  's2+': { id: 'S2/S3', en: "Master's or doctorate" },
  pns: { id: 'PNS', en: 'Civil servant' },
  'tni-polri': { id: 'TNI/Polri', en: 'Armed forces or police' },
  swasta: { id: 'Pegawai swasta', en: 'Private employee' },
  wirausaha: { id: 'Wirausaha', en: 'Self-employed' },
  pelajar: { id: 'Pelajar/mahasiswa', en: 'Student' },
  lainnya: { id: 'Lainnya', en: 'Other' },
  'paspor-baru': { id: 'Paspor baru', en: 'New passport' },
  penggantian: { id: 'Penggantian paspor', en: 'Passport replacement' },
  pengambilan: { id: 'Pengambilan paspor', en: 'Passport pickup' },
  'tidak diisi': { id: 'Tidak diisi', en: 'Not given' },
};

/** A profile value by its name, or as given when the report meets one it does not know (a blank, say). */
export function profileValueName(value: string): Bilingual {
  return (
    profileValueNames[value] ??
    (value === '' ? { id: 'Tidak diisi', en: 'Not given' } : { id: value, en: value })
  );
}

/** The profile's tables in the order a report prints them. */
export const profileTables = [
  { key: 'sex', name: { id: 'Jenis kelamin', en: 'Sex' } },
  { key: 'ageBand', name: { id: 'Umur', en: 'Age' } },
  { key: 'education', name: { id: 'Pendidikan terakhir', en: 'Education' } },
  { key: 'occupation', name: { id: 'Pekerjaan', en: 'Occupation' } },
  { key: 'service', name: { id: 'Jenis layanan', en: 'Service received' } },
] as const satisfies readonly { key: string; name: Bilingual }[];

/** When a file was made, in the office's words: "2026-12-07", "14.05", "WITA". */
export interface PrintedAt {
  date: string;
  time: string;
  zone: string;
}

const zoneNames: Record<string, string> = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' };

/** An office wall-clock instant (`2026-12-07T14:05:09+08:00`, from `isoInstant`) as printed. */
export function printedAtOf(iso: string): PrintedAt {
  const offset = /([+-]\d\d:\d\d|Z)$/.exec(iso)?.[1] ?? 'Z';
  return {
    date: iso.slice(0, 10),
    time: `${iso.slice(11, 13)}.${iso.slice(14, 16)}`,
    zone: zoneNames[offset] ?? (offset === 'Z' ? 'UTC' : `UTC${offset}`),
  };
}
