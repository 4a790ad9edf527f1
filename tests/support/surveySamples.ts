import { ikmOf as ikmOfForms } from '../../src-main/domain/survey/ikm.ts';
import {
  surveyElements,
  surveyReportView,
  type IkmFigures,
  type SurveyReportView,
} from '../../src-main/api/surveyViews.ts';

/**
 * A survey report made by hand from known answers, parsed by its schema so it stays what
 * `surveyReport` returns: the files, charts and console are tested on it apart from the service.
 */

/** The figures of a set of forms, each form nine answers (null: left blank), by the domain's IKM. */
export function ikmOf(forms: (number | null)[][]): IkmFigures {
  return ikmOfForms(
    forms.map((answers) => Object.fromEntries(surveyElements.map((e, i) => [e, answers[i]]))),
  );
}

// Four forms at the interview stage: NRR 3,500 3,250 3,000 4,000 3,500 3,750 3,750 3,250 3,000,
// IKM 31/9 = 3,444…, index 86,11 (B, Baik).
const interview = [
  [4, 3, 3, 4, 4, 4, 4, 3, 3],
  [3, 3, 3, 4, 3, 4, 4, 3, 3],
  [4, 4, 3, 4, 3, 3, 3, 4, 3],
  [3, 3, 3, 4, 4, 4, 4, 3, 3],
];

export const sampleSurvey: SurveyReportView = surveyReportView.parse({
  period: { kind: 'quarter', label: 'Triwulan IV 2026', from: '2026-10-01', to: '2026-12-31' },
  weights: surveyElements.map(() => 1 / 9),
  overall: ikmOf(interview),
  byStage: [{ stage: 'interview', ...ikmOf(interview) }],
  byCounter: [
    { counter: 3, ...ikmOf(interview.slice(0, 2)) },
    { counter: 4, ...ikmOf(interview.slice(2)) },
  ],
  sample: { population: 1200, needed: 291, responses: 4 },
  profile: {
    sex: [
      { value: 'perempuan', count: 3 },
      { value: 'laki-laki', count: 1 },
    ],
    ageBand: [
      { value: '30-39', count: 2 },
      { value: '60+', count: 1 },
    ],
    education: [{ value: 's1', count: 2 }],
    occupation: [{ value: 'wirausaha', count: 1 }],
    service: [
      { value: 'paspor-baru', count: 3 },
      { value: 'penggantian', count: 1 },
    ],
  },
  complaints: [
    {
      id: 7,
      day: '2026-11-03',
      hour: 10,
      stage: 'interview',
      counter: 3,
      text: 'Ruang tunggu panas, kipas angin mati.',
      followUps: [
        { at: '2026-11-04T09:12:00+08:00', officer: 'sari', note: 'Kipas angin sudah diperbaiki.' },
      ],
    },
    {
      id: 8,
      day: '2026-11-05',
      hour: 14,
      stage: 'interview',
      counter: 4,
      text: 'Antrean lambat.',
      followUps: [],
    },
  ],
  bursts: [{ at: '2026-11-06T11:02:00+08:00', station: 'feedback-2', refused: 6 }],
});

/** Every form answered 4 on every element: the index is exactly 100 (with 0,111 as the weight it would be 99,9). */
export const perfectSurvey: SurveyReportView = surveyReportView.parse({
  ...sampleSurvey,
  overall: ikmOf([Array.from({ length: 9 }, () => 4)]),
  byStage: [],
  byCounter: [],
  complaints: [],
});
