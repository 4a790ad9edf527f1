import type { Bilingual } from '../../src-main/domain/errors.ts';
import type {
  surveyAgeBands,
  surveyEducations,
  surveyOccupations,
  surveySexes,
} from '../../src-main/api/surveyViews.ts';

/** The satisfaction survey's words, Bahasa Indonesia first, English second. */
export const feedbackTexts = {
  idleTitle: { id: 'Bagaimana layanan kami hari ini?', en: 'How was our service today?' },
  scanPrompt: { id: 'Pindai tiket atau tanda terima Anda', en: 'Scan your ticket or receipt' },
  anonymous: {
    id: 'Survei ini tanpa nama: jawaban Anda tidak disimpan bersama nama, NIK, atau nomor tiket Anda.',
    en: 'This survey is anonymous: your answers are never kept with your name, NIK or ticket number.',
  },
  formTitle: { id: 'Survei Kepuasan Masyarakat', en: 'Public satisfaction survey' },
  formAbout: { id: 'Tentang layanan di', en: 'About the service at' },
  formHelp: {
    id: 'Sentuh satu jawaban untuk setiap pertanyaan. Pertanyaan boleh dilewati.',
    en: 'Tap one answer for each question. You may skip a question.',
  },
  answered: { id: 'dijawab', en: 'answered' },
  profileTitle: { id: 'Tentang Anda (tidak wajib)', en: 'About you (optional)' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  ageBand: { id: 'Usia', en: 'Age' },
  education: { id: 'Pendidikan terakhir', en: 'Education' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  comment: { id: 'Pengaduan, saran, atau masukan', en: 'Complaint, suggestion or feedback' },
  commentHint: {
    id: 'Tidak wajib. Jangan tuliskan nama atau NIK Anda.',
    en: 'Optional. Please do not write your name or NIK.',
  },
  send: { id: 'Kirim', en: 'Send' },
  sendNeedsAnswer: {
    id: 'Jawab setidaknya satu pertanyaan sebelum mengirim.',
    en: 'Answer at least one question before sending.',
  },
  sending: { id: 'Mengirim…', en: 'Sending…' },
  opening: { id: 'Mohon tunggu…', en: 'Please wait…' },
  cancel: { id: 'Batal', en: 'Cancel' },
  done: { id: 'Selesai', en: 'Done' },
  thanks: { id: 'Terima kasih atas penilaian Anda', en: 'Thank you for your rating' },
  thanksMore: {
    id: 'Penilaian Anda membantu kami memperbaiki layanan.',
    en: 'Your rating helps us improve our service.',
  },
  scanTooLong: {
    id: 'Kode tidak dikenali. Pindai ulang QR pada tiket atau tanda terima Anda.',
    en: 'Code not recognised. Scan the QR on your ticket or receipt again.',
  },
  failed: { id: 'Terjadi kesalahan. Silakan coba lagi.', en: 'Something went wrong. Please try again.' },
  /** The kiosk's pickup screen opens the same form with the scanned receipt. */
  kioskOpen: { id: 'Isi survei kepuasan', en: 'Take the satisfaction survey' },
} satisfies Record<string, Bilingual>;

/** The button of a feedback station that stands at a counter's exit. */
export const rateCounter = (counter: number): Bilingual => ({
  id: `Nilai layanan yang baru selesai di Loket ${counter}`,
  en: `Rate the service just finished at Counter ${counter}`,
});

export const counterName = (counter: number): Bilingual => ({
  id: `Loket ${counter}`,
  en: `Counter ${counter}`,
});

/** The profile's choices, in the words a form printed by the office uses. */
export const sexWords: Record<(typeof surveySexes)[number], Bilingual> = {
  'laki-laki': { id: 'Laki-laki', en: 'Male' },
  perempuan: { id: 'Perempuan', en: 'Female' },
};
export const ageBandWords: Record<(typeof surveyAgeBands)[number], Bilingual> = {
  '<20': { id: 'Di bawah 20 tahun', en: 'Under 20' },
  '20-29': { id: '20–29 tahun', en: '20–29' },
  '30-39': { id: '30–39 tahun', en: '30–39' },
  '40-49': { id: '40–49 tahun', en: '40–49' },
  '50-59': { id: '50–59 tahun', en: '50–59' },
  '60+': { id: '60 tahun ke atas', en: '60 and over' },
};
export const educationWords: Record<(typeof surveyEducations)[number], Bilingual> = {
  sd: { id: 'SD', en: 'Primary school' },
  smp: { id: 'SMP', en: 'Junior high school' },
  sma: { id: 'SMA/SMK', en: 'Senior high school' },
  diploma: { id: 'Diploma (D1–D3)', en: 'Diploma' },
  s1: { id: 'S1/D4', en: "Bachelor's degree" },
  's2+': { id: 'S2/S3', en: 'Postgraduate' },
};
export const occupationWords: Record<(typeof surveyOccupations)[number], Bilingual> = {
  pns: { id: 'PNS', en: 'Civil servant' },
  'tni-polri': { id: 'TNI/Polri', en: 'Military/police' },
  swasta: { id: 'Pegawai swasta', en: 'Private employee' },
  wirausaha: { id: 'Wirausaha', en: 'Self-employed' },
  pelajar: { id: 'Pelajar/Mahasiswa', en: 'Student' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};
