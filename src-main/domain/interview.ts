import { z } from 'zod';
import type { Appointment } from './appointment.ts';
import { defaultFingerSet, fingerSetSchema } from './fingerprints.ts';
import type { Bilingual } from './errors.ts';
import { nikMatchesBirthDate, readNik } from './nik.ts';
import type { MrzPayload } from './payload.ts';
import { transliterate } from './passportMrz.ts';

/**
 * The interview at the counter: the documents an officer must see for each application kind, the
 * NIK checked against the booking, the old passport's MRZ compared for replacements, and which
 * outcomes need a supervisor. Warnings inform the officer; none of them blocks the interview.
 */

type ApplicationKind = Appointment['applicationKind'];

export const documentIds = [
  'ktp',
  'kk',
  'akta_ijazah_nikah',
  'paspor_lama',
  'surat_kehilangan',
  'bap',
] as const;
export type DocumentId = (typeof documentIds)[number];

export interface RequiredDocument {
  id: DocumentId;
  name: Bilingual;
}

const documentNames: Record<DocumentId, Bilingual> = {
  ktp: { id: 'KTP elektronik', en: 'Electronic identity card (KTP)' },
  kk: { id: 'Kartu Keluarga (KK)', en: 'Family card (KK)' },
  akta_ijazah_nikah: {
    id: 'Akta kelahiran, ijazah atau buku nikah',
    en: 'Birth certificate, diploma or marriage book',
  },
  paspor_lama: { id: 'Paspor lama', en: 'The old passport' },
  surat_kehilangan: { id: 'Surat keterangan hilang dari kepolisian', en: 'Police report of the loss' },
  bap: { id: 'Berita Acara Pemeriksaan (BAP)', en: 'Examination record (BAP)' },
};

const documentsByKind: Record<ApplicationKind, readonly DocumentId[]> = {
  baru: ['ktp', 'kk', 'akta_ijazah_nikah'],
  habis_berlaku: ['ktp', 'kk', 'akta_ijazah_nikah', 'paspor_lama'],
  halaman_penuh: ['ktp', 'kk', 'akta_ijazah_nikah', 'paspor_lama'],
  hilang: ['ktp', 'kk', 'akta_ijazah_nikah', 'surat_kehilangan', 'bap'],
  rusak: ['ktp', 'kk', 'akta_ijazah_nikah', 'paspor_lama', 'bap'],
};

/** The documents to see for an application kind, in the order the officer checks them. */
export function documentsFor(kind: ApplicationKind): RequiredDocument[] {
  return documentsByKind[kind].map((id) => ({ id, name: documentNames[id] }));
}

/** Replacements whose old passport is on the desk: its MRZ is scanned and compared. */
export function expectsOldPassport(kind: ApplicationKind): boolean {
  return documentsByKind[kind].includes('paspor_lama');
}

export interface Warning {
  code: string;
  text: Bilingual;
}

/**
 * The booking's NIK against its own birth date and sex, and against the NIK the officer reads on
 * the KTP. The booking is the citizen's own typing in M-Paspor; the KTP is the document.
 */
export function nikWarnings(
  booking: Pick<Appointment, 'nik' | 'birthDate' | 'sex'>,
  nikOnKtp: string | null,
): Warning[] {
  const warnings: Warning[] = [];
  if (nikOnKtp !== null && nikOnKtp !== booking.nik)
    warnings.push({
      code: 'nik_differs',
      text: {
        id: `NIK di KTP (${nikOnKtp}) berbeda dengan NIK di pemesanan (${booking.nik}).`,
        en: `The NIK on the KTP (${nikOnKtp}) differs from the booking's (${booking.nik}).`,
      },
    });
  const facts = readNik(nikOnKtp ?? booking.nik);
  if (!facts) {
    warnings.push({
      code: 'nik_unreadable',
      text: {
        id: 'NIK tidak memuat tanggal lahir yang sah.',
        en: 'The NIK does not hold a valid birth date.',
      },
    });
    return warnings;
  }
  if (!nikMatchesBirthDate(facts, booking.birthDate))
    warnings.push({
      code: 'nik_birth_date',
      text: {
        id: `Tanggal lahir dalam NIK tidak sama dengan tanggal lahir di pemesanan (${booking.birthDate}).`,
        en: `The birth date in the NIK does not match the booking's birth date (${booking.birthDate}).`,
      },
    });
  if (facts.sex !== booking.sex)
    warnings.push({
      code: 'nik_sex',
      text: {
        id: `Jenis kelamin dalam NIK (${facts.sex}) tidak sama dengan pemesanan (${booking.sex}).`,
        en: `The sex in the NIK (${facts.sex}) does not match the booking (${booking.sex}).`,
      },
    });
  return warnings;
}

/** A name as the MRZ writes it, its fillers read as spaces: the form both sides are compared in. */
const mrzName = (name: string): string => transliterate(name).replace(/<+/g, ' ').trim();

export interface OldPassportComparison {
  documentNumber: string;
  expirationDate: string;
  warnings: Warning[];
}

/**
 * The old passport's MRZ against the booking: the name (as the MRZ alphabet writes it; a long name
 * may be cut short there), birth date and sex. Differences warn: a married name or a corrected
 * birth date is for the officer to judge.
 */
export function compareOldPassport(
  booking: Pick<Appointment, 'fullName' | 'birthDate' | 'sex'>,
  mrz: MrzPayload,
): OldPassportComparison {
  const warnings: Warning[] = [];
  const onPassport = mrzName(`${mrz.firstName} ${mrz.lastName}`);
  const booked = mrzName(booking.fullName);
  const sameWords = (a: string, b: string) => a.split(' ').sort().join(' ') === b.split(' ').sort().join(' ');
  if (!sameWords(onPassport, booked) && !booked.startsWith(onPassport))
    warnings.push({
      code: 'mrz_name',
      text: {
        id: `Nama di paspor lama (${onPassport}) berbeda dengan pemesanan (${booked}).`,
        en: `The name on the old passport (${onPassport}) differs from the booking (${booked}).`,
      },
    });
  const birth = booking.birthDate.replace(/-/g, '').slice(2);
  if (mrz.birthDate !== birth)
    warnings.push({
      code: 'mrz_birth_date',
      text: {
        id: `Tanggal lahir di paspor lama (${mrz.birthDate}) berbeda dengan pemesanan (${booking.birthDate}).`,
        en: `The birth date on the old passport (${mrz.birthDate}) differs from the booking (${booking.birthDate}).`,
      },
    });
  const sex = booking.sex === 'P' ? 'F' : 'M';
  if (mrz.sex !== sex)
    warnings.push({
      code: 'mrz_sex',
      text: {
        id: `Jenis kelamin di paspor lama (${mrz.sex}) berbeda dengan pemesanan (${booking.sex}).`,
        en: `The sex on the old passport (${mrz.sex}) differs from the booking (${booking.sex}).`,
      },
    });
  if (mrz.issuingState !== 'IDN')
    warnings.push({
      code: 'mrz_state',
      text: {
        id: `Paspor lama bukan terbitan Indonesia (${mrz.issuingState}).`,
        en: `The old passport was not issued by Indonesia (${mrz.issuingState}).`,
      },
    });
  return { documentNumber: mrz.documentNumber, expirationDate: mrz.expirationDate, warnings };
}

export const interviewOutcomes = ['continue', 'postpone', 'refuse'] as const;
export type InterviewOutcome = (typeof interviewOutcomes)[number];

/** What a supervisor approves with a PIN at the counter. */
export const approvalSubjects = ['refusal', 'finger_exceptions'] as const;
export type ApprovalSubject = (typeof approvalSubjects)[number];

/**
 * The interview's part of the office configuration (`interview.*` in `loket office set`): the
 * stage whose counters interview and capture, and how long biometric images stay after handover.
 */
export const interviewConfigSchema = z.object({
  /** The stage at which a visit becomes an application (the default floor's `interview`). */
  stage: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/),
  /** Days after handover when a passport's biometric images are purged (the record stays). */
  biometricRetentionDays: z.number().int().min(1).max(3650),
  /** The fingers taken and how: single or slap, the NFIQ 2 quality, attempts, seconds a capture. */
  fingers: fingerSetSchema.default(defaultFingerSet),
});
export type InterviewConfig = z.infer<typeof interviewConfigSchema>;

export const defaultInterviewConfig: InterviewConfig = {
  stage: 'interview',
  biometricRetentionDays: 30,
  fingers: defaultFingerSet,
};
