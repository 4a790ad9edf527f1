import type { z } from 'zod';
import type { Bilingual } from '../domain/errors.ts';

/**
 * A refused input said in words an officer can act on ("Alasan wajib diisi."), never "the data
 * sent is not valid": the field by its name on the screen, then what is wrong with it. The
 * machine-readable issues still go in the error's details.
 */

/** The fields of the operations' inputs by the names their screens give them. */
const fieldLabels: Record<string, Bilingual> = {
  action: { id: 'Tindakan', en: 'Action' },
  address: { id: 'Alamat', en: 'Address' },
  answer: { id: 'Jawaban', en: 'Answer' },
  applicantNik: { id: 'NIK pemohon', en: "Applicant's NIK" },
  applicationId: { id: 'Permohonan', en: 'Application' },
  arrival: { id: 'Kedatangan', en: 'Arrival' },
  bookingCode: { id: 'Kode pemesanan', en: 'Booking code' },
  code: { id: 'Kode', en: 'Code' },
  content: { id: 'Isi berkas', en: 'File content' },
  counter: { id: 'Nomor loket', en: 'Counter number' },
  date: { id: 'Tanggal', en: 'Date' },
  documents: { id: 'Dokumen', en: 'Documents' },
  finger: { id: 'Jari', en: 'Finger' },
  format: { id: 'Format', en: 'Format' },
  jpeg: { id: 'Foto', en: 'Photo' },
  kind: { id: 'Jenis', en: 'Kind' },
  lane: { id: 'Jalur', en: 'Lane' },
  letterReference: { id: 'Nomor surat', en: 'Letter reference' },
  message: { id: 'Pesan', en: 'Message' },
  mode: { id: 'Mode stasiun', en: 'Station mode' },
  name: { id: 'Nama', en: 'Name' },
  nik: { id: 'NIK', en: 'NIK' },
  nikOnKtp: { id: 'NIK pada KTP', en: 'NIK on the ID card' },
  note: { id: 'Catatan', en: 'Note' },
  notes: { id: 'Catatan', en: 'Notes' },
  number: { id: 'Nomor', en: 'Number' },
  officeDate: { id: 'Tanggal layanan', en: 'Office date' },
  outcome: { id: 'Hasil', en: 'Outcome' },
  passportType: { id: 'Jenis paspor', en: 'Passport type' },
  photo: { id: 'Foto', en: 'Photo' },
  pickupOverride: { id: 'Tanggal pengambilan', en: 'Pickup date' },
  priority: { id: 'Prioritas', en: 'Priority' },
  problem: { id: 'Masalah', en: 'Problem' },
  reason: { id: 'Alasan', en: 'Reason' },
  receiver: { id: 'Penerima', en: 'Receiver' },
  representative: { id: 'Kuasa', en: 'Representative' },
  secret: { id: 'PIN', en: 'PIN' },
  seeds: { id: 'Jumlah hari simulasi', en: 'Simulated days (seeds)' },
  policies: { id: 'Cara pemanggilan', en: 'Calling policies' },
  bookingsPerWindow: { id: 'Pemesanan per jadwal kedatangan', en: 'Bookings per arrival window' },
  runId: { id: 'Simulasi', en: 'Simulation' },
  serial: { id: 'Nomor seri', en: 'Serial number' },
  state: { id: 'Status', en: 'State' },
  stationId: { id: 'Stasiun', en: 'Station' },
  text: { id: 'Isi pindaian', en: 'Scanned text' },
  ticket: { id: 'Nomor antrean', en: 'Ticket number' },
  ticketId: { id: 'Nomor antrean', en: 'Ticket' },
  toCounter: { id: 'Loket tujuan', en: 'Destination counter' },
  toStage: { id: 'Tahap tujuan', en: 'Destination stage' },
  username: { id: 'Nama pengguna', en: 'Username' },
  value: { id: 'Nilai', en: 'Value' },
  windowEnd: { id: 'Akhir jadwal kedatangan', en: 'Arrival window end' },
  windowNumber: { id: 'Jadwal kedatangan', en: 'Arrival window' },
  windowStart: { id: 'Awal jadwal kedatangan', en: 'Arrival window start' },
  year: { id: 'Tahun', en: 'Year' },
};

/** The label of the field an issue is about: its last named path segment. */
function labelOf(path: readonly PropertyKey[]): Bilingual {
  const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  if (key === undefined) return { id: 'Data', en: 'The data' };
  return fieldLabels[key] ?? { id: `Kolom "${key}"`, en: `Field "${key}"` };
}

/** What is wrong with the field, after its label. */
function faultOf(issue: z.core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? { id: 'wajib diisi', en: 'is required' }
        : { id: 'isinya tidak sesuai jenisnya', en: 'has the wrong kind of value' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return { id: 'wajib diisi', en: 'is required' };
      if (issue.origin === 'string')
        return {
          id: `minimal ${issue.minimum} karakter`,
          en: `needs at least ${issue.minimum} characters`,
        };
      if (issue.origin === 'array' && Number(issue.minimum) <= 1)
        return { id: 'wajib dipilih', en: 'needs a choice' };
      return { id: `minimal ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string')
        return {
          id: `terlalu panjang (maksimal ${issue.maximum} karakter)`,
          en: `is too long (at most ${issue.maximum} characters)`,
        };
      return { id: `maksimal ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_format':
      return { id: 'formatnya tidak sesuai', en: 'is not in the expected format' };
    case 'invalid_value':
      return {
        id: `harus salah satu dari: ${issue.values.map(String).join(', ')}`,
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        id: `tidak dikenal: ${issue.keys.join(', ')}`,
        en: `not known: ${issue.keys.join(', ')}`,
      };
    default:
      return { id: 'tidak dapat diterima', en: 'is not accepted' };
  }
}

/** Capital first letter: the label may start the sentence. */
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The refusal of an input in both languages: at most the first three faults, one per field. */
export function describeInputIssues(issues: readonly z.core.$ZodIssue[]): Bilingual {
  const parts: { id: string; en: string }[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const label = issue.code === 'unrecognized_keys' ? { id: 'Kolom', en: 'Fields' } : labelOf(issue.path);
    if (seen.has(label.id)) continue;
    seen.add(label.id);
    const fault = faultOf(issue);
    parts.push({ id: `${label.id} ${fault.id}.`, en: `${label.en} ${fault.en}.` });
    if (parts.length === 3) break;
  }
  if (parts.length === 0) return { id: 'Data tidak dapat diterima.', en: 'The data is not accepted.' };
  return {
    id: parts.map((p) => sentence(p.id)).join(' '),
    en: parts.map((p) => sentence(p.en)).join(' '),
  };
}
