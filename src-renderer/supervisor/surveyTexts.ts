import type { Bilingual } from '../../src-main/domain/errors.ts';

/** The words of the console's survey section (Survei kepuasan), Bahasa Indonesia first. */
export const surveyTexts = {
  title: { id: 'Survei kepuasan masyarakat (IKM)', en: 'Satisfaction survey (IKM)' },
  periodKind: { id: 'Periode', en: 'Period' },
  periodIndex: { id: 'Bagian', en: 'Which' },
  periodKinds: {
    month: { id: 'Bulan', en: 'Month' },
    quarter: { id: 'Triwulan', en: 'Quarter' },
    semester: { id: 'Semester', en: 'Half year' },
    year: { id: 'Tahun', en: 'Year' },
  },
  indexName: { id: 'Nilai IKM', en: 'Index' },
  grade: { id: 'Mutu pelayanan', en: 'Grade' },
  noAnswers: {
    id: 'Belum ada jawaban survei pada periode ini.',
    en: 'No survey answers in this period yet.',
  },
  sample: (responses: number, needed: number): Bilingual => ({
    id: `${responses.toLocaleString('id-ID')} tanggapan dari ${needed.toLocaleString('id-ID')} yang dibutuhkan`,
    en: `${responses.toLocaleString('en-GB')} responses of the ${needed.toLocaleString('en-GB')} needed`,
  }),
  population: (population: number): Bilingual => ({
    id: `(${population.toLocaleString('id-ID')} pengguna layanan, tabel Krejcie dan Morgan)`,
    en: `(${population.toLocaleString('en-GB')} service users, Krejcie and Morgan's table)`,
  }),
  chartTitle: { id: 'Nilai rata-rata per unsur pelayanan', en: 'Mean score per element' },
  element: { id: 'Unsur pelayanan', en: 'Element' },
  answered: { id: 'Menjawab', en: 'Answered' },
  weighted: { id: 'NRR tertimbang', en: 'Weighted' },
  byStage: { id: 'Per tahap', en: 'Per stage' },
  byCounter: { id: 'Per loket', en: 'Per counter' },
  responses: { id: 'Tanggapan', en: 'Responses' },
  profile: { id: 'Profil responden', en: "Respondents' profile" },
  count: { id: 'Jumlah', en: 'Count' },
  percent: { id: 'Persen', en: 'Per cent' },
  complaints: { id: 'Pengaduan, saran dan masukan', en: 'Complaints and suggestions' },
  noComplaints: { id: 'Tidak ada pengaduan pada periode ini.', en: 'No complaints in this period.' },
  notAnswered: { id: 'Belum ditindaklanjuti', en: 'Not answered yet' },
  answerLabel: { id: 'Tindak lanjut', en: 'Follow-up' },
  answer: { id: 'Tanggapi', en: 'Answer' },
  bursts: { id: 'Jawaban beruntun yang ditolak', en: 'Refused bursts of answers' },
  noBursts: { id: 'Tidak ada.', en: 'None.' },
  burstAt: { id: 'Waktu', en: 'Time' },
  station: { id: 'Stasiun', en: 'Station' },
  refused: { id: 'Ditolak', en: 'Refused' },
  download: { id: 'Unduh hasil survei', en: 'Download the result' },
} as const;
