import type { IkmFigures, SurveyReportView } from '../api/surveyViews.ts';
import { writtenDate } from '../domain/localTime.ts';
import { surveyElementWording } from '../domain/survey/elements.ts';
import {
  type PrintedAt,
  gradeIntervals,
  gradeWords,
  gradedIndexText,
  profileTables,
  profileValueName,
} from '../domain/survey/publishing.ts';
import { surveyElementsChart } from './reportCharts.ts';
import type { Cell, Column, ReportDocument, ReportNames, ReportSheet } from './reportSheets.ts';

/**
 * The survey's result in the layout offices publish as "Hasil Survei Kepuasan Masyarakat"
 * (PermenPANRB No. 14 Tahun 2017): the nine elements with their NRR, the weight and the weighted
 * NRR, their sum the IKM; the index (IKM × 25) with its mutu and kinerja; the responses against
 * the sample needed; the respondents' profile (jumlah and persen); the complaints with their
 * follow-up; per stage and counter. Every figure is computed from the view's unrounded values and
 * rounded only as written (NRR three decimals, the index two).
 */

const text = (header: string): Column => ({ header, kind: 'text' });
const count = (header: string): Column => ({ header, kind: 'count' });
const share = (header: string): Column => ({ header, kind: 'share' });
const nrr = (header: string): Column => ({ header, kind: 'decimal3' });
const index = (header: string): Column => ({ header, kind: 'decimal2' });

export const surveyTitle = 'Hasil Survei Kepuasan Masyarakat';

const elementName = (element: string) =>
  surveyElementWording.find((w) => w.element === element)?.name.id ?? element.toUpperCase();

/** "Mutu pelayanan B, kinerja unit pelayanan Baik", or that there is nothing yet. */
function gradeLine(figures: IkmFigures): string {
  return figures.grade === null
    ? 'Mutu pelayanan: belum ada jawaban.'
    : `Mutu pelayanan: ${figures.grade}. Kinerja unit pelayanan: ${gradeWords[figures.grade].id}.`;
}

/** The few lines printed large under the period: the index, its grade, the responses and sample. */
export function surveyHeadline(view: SurveyReportView): string[] {
  const { overall, sample } = view;
  return [
    overall.index === null
      ? 'Indeks Kepuasan Masyarakat: belum ada jawaban pada periode ini.'
      : `Indeks Kepuasan Masyarakat (IKM): ${gradedIndexText(overall.index, overall.grade)}`,
    gradeLine(overall),
    `Jumlah responden: ${sample.responses.toLocaleString('id-ID')} dari ${sample.needed.toLocaleString('id-ID')} yang dibutuhkan` +
      ` (${sample.population.toLocaleString('id-ID')} pengguna layanan).`,
  ];
}

/** The index of one group's figures as cells: responses, the nine NRR, IKM, index, mutu, kinerja. */
function groupCells(figures: IkmFigures): Cell[] {
  return [
    figures.responses,
    ...figures.elements.map((e) => e.nrr),
    figures.ikm,
    figures.index,
    figures.grade,
    figures.grade === null ? null : gradeWords[figures.grade].id,
  ];
}

function groupColumns(first: string, view: SurveyReportView): Column[] {
  return [
    text(first),
    count('Responden'),
    ...view.overall.elements.map((e) => nrr(`NRR ${e.element.toUpperCase()}`)),
    nrr('IKM'),
    index('Nilai IKM'),
    text('Mutu'),
    text('Kinerja'),
  ];
}

/** The stage or counter the request narrowed the report to, if any. */
export interface SurveyFilters {
  stage?: string | undefined;
  counter?: number | undefined;
}

export function surveyDocument(
  view: SurveyReportView,
  names: ReportNames,
  printed: PrintedAt,
  narrowed: SurveyFilters = {},
): ReportDocument {
  const stageName = names.stage ?? ((id: string) => id);
  const { overall } = view;
  const elementRows: Cell[][] = overall.elements.map((e, i) => {
    const weight = view.weights[i] ?? 0;
    return [
      i + 1,
      e.element.toUpperCase(),
      elementName(e.element),
      e.answered,
      e.nrr,
      weight,
      e.nrr === null ? null : e.nrr * weight,
    ];
  });
  const filters = [
    ...(narrowed.stage !== undefined ? [`tahap ${stageName(narrowed.stage)}`] : []),
    ...(narrowed.counter !== undefined ? [`loket ${narrowed.counter}`] : []),
  ];
  const sheets: ReportSheet[] = [
    {
      name: 'IKM',
      title: 'Nilai rata-rata per unsur pelayanan',
      columns: [
        count('No'),
        text('Unsur'),
        text('Unsur pelayanan'),
        count('Responden menjawab'),
        nrr('NRR per unsur'),
        nrr('Bobot'),
        nrr('NRR tertimbang'),
      ],
      rows: [
        ...elementRows,
        [
          '',
          '',
          'JUMLAH NRR TERTIMBANG (IKM)',
          overall.responses,
          '',
          view.weights.reduce((a, b) => a + b, 0),
          overall.ikm,
        ],
      ],
      totalRow: true,
    },
    {
      name: 'Ringkasan',
      title: 'Indeks Kepuasan Masyarakat unit pelayanan',
      columns: [
        count('Responden'),
        count('Sampel dibutuhkan'),
        count('Pengguna layanan'),
        nrr('IKM (jumlah NRR tertimbang)'),
        index('Nilai IKM unit pelayanan (IKM × 25)'),
        text('Mutu pelayanan'),
        text('Kinerja unit pelayanan'),
      ],
      rows: [
        [
          view.sample.responses,
          view.sample.needed,
          view.sample.population,
          overall.ikm,
          overall.index,
          overall.grade,
          overall.grade === null ? null : gradeWords[overall.grade].id,
        ],
      ],
    },
    {
      name: 'Per tahap',
      title: 'Nilai IKM per tahap pelayanan',
      columns: groupColumns('Tahap', view),
      rows: view.byStage.map((g) => [stageName(g.stage), ...groupCells(g)]),
    },
    {
      name: 'Per loket',
      title: 'Nilai IKM per loket',
      columns: groupColumns('Loket', view),
      rows: view.byCounter.map((g) => [`Loket ${g.counter}`, ...groupCells(g)]),
    },
    {
      name: 'Profil',
      title: 'Profil responden',
      columns: [text('Karakteristik'), text('Kategori'), count('Jumlah'), share('Persen')],
      rows: profileTables.flatMap(({ key, name }) => {
        const rows = view.profile[key];
        const total = rows.reduce((sum, r) => sum + r.count, 0);
        return rows.map((r, i): Cell[] => [
          i === 0 ? name.id : '',
          profileValueName(r.value).id,
          r.count,
          total === 0 ? null : r.count / total,
        ]);
      }),
    },
    {
      name: 'Pengaduan',
      title: 'Pengaduan, saran dan masukan, dan tindak lanjutnya',
      columns: [
        text('Tanggal'),
        text('Jam'),
        text('Tahap'),
        text('Loket'),
        text('Pengaduan, saran dan masukan'),
        text('Tindak lanjut'),
      ],
      rows: view.complaints.map((c) => [
        c.day,
        `${String(c.hour).padStart(2, '0')}.00`,
        stageName(c.stage),
        c.counter === null ? '–' : String(c.counter),
        c.text,
        c.followUps.length === 0
          ? 'Belum ditindaklanjuti'
          : c.followUps
              .map((f) => `${f.note} (${f.officer}, ${writtenDate(f.at.slice(0, 10), 'id')})`)
              .join('; '),
      ]),
    },
  ];
  return {
    kind: 'survey',
    office: names.office,
    title: surveyTitle,
    period: `Periode: ${view.period.label} (${writtenDate(view.period.from, 'id')} – ${writtenDate(view.period.to, 'id')})`,
    headline: surveyHeadline(view),
    notes: [
      'Dihitung menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017: NRR = jumlah nilai per unsur ÷ jumlah responden yang menjawab unsur itu;' +
        ' IKM = jumlah NRR × bobot; nilai IKM unit pelayanan = IKM × 25. Dibulatkan hanya saat ditulis.',
      `Mutu pelayanan: ${gradeIntervals.map((g) => `${g.grade} ${g.from}–${g.to} (${gradeWords[g.grade].id})`).join('; ')}.`,
      'Sampel dibutuhkan: tabel Krejcie dan Morgan untuk jumlah pengguna layanan pada periode ini.',
      ...(filters.length ? [`Hanya ${filters.join(', ')}.`] : []),
      `Dicetak: ${writtenDate(printed.date, 'id')} pukul ${printed.time} ${printed.zone}.`,
      'Tanpa data pribadi: jawaban tidak dikaitkan dengan nama, NIK atau nomor antrean.',
    ],
    sheets,
    charts: [surveyElementsChart(overall)],
    layout: 'portrait',
  };
}

/** "loket-ikm-2026-triwulan-4.xlsx": the period in the file's name. */
export function surveyFileName(view: SurveyReportView, format: 'pdf' | 'xlsx'): string {
  const slug = view.period.label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `loket-ikm-${slug || view.period.from}.${format}`;
}
