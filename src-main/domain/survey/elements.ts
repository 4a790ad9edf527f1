import type { Bilingual } from '../errors.ts';

/**
 * The nine elements of the Survei Kepuasan Masyarakat (PermenPANRB No. 14 Tahun 2017, Lampiran),
 * each with the question the form asks and its four answers worded for the element, from 1 (the
 * worst) to 4 (the best), as the regulation's sample questionnaire words them.
 */
/** The nine elements of the survey, in the regulation's order. */
export const surveyElements = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type SurveyElement = (typeof surveyElements)[number];

export interface ElementWording {
  element: SurveyElement;
  /** The element's name, as the report's columns print it. */
  name: Bilingual;
  question: Bilingual;
  /** Answers 1, 2, 3 and 4. */
  scale: readonly [Bilingual, Bilingual, Bilingual, Bilingual];
}

const scale = (
  ...words: [[string, string], [string, string], [string, string], [string, string]]
): ElementWording['scale'] => words.map(([id, en]) => ({ id, en })) as unknown as ElementWording['scale'];

export const surveyElementWording: readonly ElementWording[] = [
  {
    element: 'u1',
    name: { id: 'Persyaratan', en: 'Requirements' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
      en: 'How well do the requirements match the service you received?',
    },
    scale: scale(
      ['Tidak sesuai', 'Not suitable'],
      ['Kurang sesuai', 'Somewhat unsuitable'],
      ['Sesuai', 'Suitable'],
      ['Sangat sesuai', 'Very suitable'],
    ),
  },
  {
    element: 'u2',
    name: { id: 'Sistem, Mekanisme, dan Prosedur', en: 'System, mechanism and procedure' },
    question: {
      id: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
      en: 'How easy was the procedure at this office?',
    },
    scale: scale(
      ['Tidak mudah', 'Not easy'],
      ['Kurang mudah', 'Somewhat difficult'],
      ['Mudah', 'Easy'],
      ['Sangat mudah', 'Very easy'],
    ),
  },
  {
    element: 'u3',
    name: { id: 'Waktu Penyelesaian', en: 'Completion time' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
      en: 'How fast was the service?',
    },
    scale: scale(
      ['Tidak cepat', 'Not fast'],
      ['Kurang cepat', 'Somewhat slow'],
      ['Cepat', 'Fast'],
      ['Sangat cepat', 'Very fast'],
    ),
  },
  {
    element: 'u4',
    name: { id: 'Biaya/Tarif', en: 'Cost/fee' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
      en: 'How fair was the cost of the service?',
    },
    scale: scale(
      ['Sangat mahal', 'Very expensive'],
      ['Cukup mahal', 'Quite expensive'],
      ['Murah', 'Cheap'],
      ['Gratis', 'Free'],
    ),
  },
  {
    element: 'u5',
    name: { id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service product' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      en: 'How well did what you received match the service standard?',
    },
    scale: scale(
      ['Tidak sesuai', 'Not suitable'],
      ['Kurang sesuai', 'Somewhat unsuitable'],
      ['Sesuai', 'Suitable'],
      ['Sangat sesuai', 'Very suitable'],
    ),
  },
  {
    element: 'u6',
    name: { id: 'Kompetensi Pelaksana', en: "Officers' competence" },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
      en: 'How competent were the officers?',
    },
    scale: scale(
      ['Tidak kompeten', 'Not competent'],
      ['Kurang kompeten', 'Somewhat incompetent'],
      ['Kompeten', 'Competent'],
      ['Sangat kompeten', 'Very competent'],
    ),
  },
  {
    element: 'u7',
    name: { id: 'Perilaku Pelaksana', en: "Officers' conduct" },
    question: {
      id: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
      en: 'How polite and friendly were the officers?',
    },
    scale: scale(
      ['Tidak sopan dan ramah', 'Not polite or friendly'],
      ['Kurang sopan dan ramah', 'Somewhat impolite'],
      ['Sopan dan ramah', 'Polite and friendly'],
      ['Sangat sopan dan ramah', 'Very polite and friendly'],
    ),
  },
  {
    element: 'u8',
    name: { id: 'Sarana dan Prasarana', en: 'Facilities' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
      en: 'How good were the facilities?',
    },
    scale: scale(['Buruk', 'Poor'], ['Cukup', 'Fair'], ['Baik', 'Good'], ['Sangat baik', 'Very good']),
  },
  {
    element: 'u9',
    name: { id: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Handling of complaints and suggestions' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
      en: 'How are complaints from service users handled?',
    },
    scale: scale(
      ['Tidak ada', 'There is none'],
      ['Ada tetapi tidak berfungsi', 'Exists but does not work'],
      ['Berfungsi kurang maksimal', 'Works, but not fully'],
      ['Dikelola dengan baik', 'Well managed'],
    ),
  },
];
