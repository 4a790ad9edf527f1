import type {
  IssuanceReportView,
  KpiFigures,
  KpiReportView,
  OfficersReportView,
  PromisesReportView,
  PublicFiguresView,
  ReportKind,
} from '../api/reportViews.ts';
import { writtenDate } from '../domain/localTime.ts';
import { gradedIndexText } from '../domain/survey/publishing.ts';
import {
  issuancePerMonthChart,
  issuanceSeries,
  minutesOf,
  monthNames,
  promisesKeptChart,
  publicDaysChart,
  waitsPerHourChart,
  waitsPerStageChart,
  waitsPerWindowChart,
  type ReportChart,
} from './reportCharts.ts';

/**
 * Each report as the files lay it out: a title, a period line, tables ("sheets") of plain cells and
 * the charts. The first sheet is the report's main table (the CSV holds it alone); the writers in
 * `reportFiles.ts` turn a document into CSV, XLSX or PDF. Cells hold minutes (one decimal) and
 * shares (0..1), never milliseconds.
 */

/**
 * How a column's cells are written: text, a whole count, minutes with one decimal, a share 0..1,
 * or a plain number with two or three decimals (the survey's index and NRR).
 */
export type ColumnKind = 'text' | 'count' | 'minutes' | 'share' | 'decimal2' | 'decimal3';
export interface Column {
  header: string;
  kind: ColumnKind;
}
export type Cell = string | number | null;

export interface ReportSheet {
  /** The worksheet's name (at most 31 characters, as Excel allows). */
  name: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** The last row sums the others (JUMLAH): printed bold. */
  totalRow?: boolean;
}

export interface ReportDocument {
  /** The report it lays out; `survey` is the satisfaction survey's IKM (`surveySheets.ts`). */
  kind: ReportKind | 'survey';
  office: string;
  title: string;
  period: string;
  /** Lines under the period: filters, thresholds, how a figure is counted. */
  notes: string[];
  /** The result in a few lines, printed large under the period (the survey's index and grade). */
  headline?: string[];
  sheets: ReportSheet[];
  charts: ReportChart[];
  /** A4 portrait, or landscape for the wide tables. */
  layout: 'portrait' | 'landscape';
}

/** What a view does not say: the office's name and its own words for stages and reason codes. */
export interface ReportNames {
  office: string;
  stage?: (id: string) => string;
  outOfOrderReason?: (code: string) => string;
}

export function periodLine(from: string, to: string): string {
  return from === to
    ? `Periode: ${writtenDate(from, 'id')}`
    : `Periode: ${writtenDate(from, 'id')} – ${writtenDate(to, 'id')}`;
}

const text = (header: string): Column => ({ header, kind: 'text' });
const count = (header: string): Column => ({ header, kind: 'count' });
const minutes = (header: string): Column => ({ header, kind: 'minutes' });
const share = (header: string): Column => ({ header, kind: 'share' });

const kpiColumns: Column[] = [
  text('Dimensi'),
  text('Kelompok'),
  count('Datang'),
  count('Dilayani'),
  count('Tidak hadir'),
  count('Pergi sebelum dipanggil'),
  count('Batal'),
  count('Dialihkan'),
  count('Ditahan'),
  minutes('Tunggu p50 (menit)'),
  minutes('Tunggu p90 (menit)'),
  minutes('Tunggu maks (menit)'),
  minutes('Tunggu rata-rata (menit)'),
  minutes('Jalan ke loket p50 (menit)'),
  minutes('Layanan p50 (menit)'),
  minutes('Layanan p90 (menit)'),
  minutes('Layanan rata-rata (menit)'),
  share('Dipanggil sesuai jadwal'),
  share('Tunggu di atas ambang'),
];

function kpiRow(dimension: string, group: string, f: KpiFigures): Cell[] {
  return [
    dimension,
    group,
    f.arrived,
    f.served,
    f.noShows,
    f.walkOuts,
    f.cancelled,
    f.transferred,
    f.held,
    minutesOf(f.wait.p50Ms),
    minutesOf(f.wait.p90Ms),
    minutesOf(f.wait.maxMs),
    minutesOf(f.wait.meanMs),
    minutesOf(f.walkUp.p50Ms),
    minutesOf(f.service.p50Ms),
    minutesOf(f.service.p90Ms),
    minutesOf(f.service.meanMs),
    f.calledInsideWindow.share,
    f.aboveWaitThreshold.share,
  ];
}

const measureNames = { wait: 'Tunggu', walkUp: 'Jalan ke loket', service: 'Layanan' } as const;

export function kpiDocument(view: KpiReportView, names: ReportNames): ReportDocument {
  const stageName = names.stage ?? ((id: string) => id);
  const rows: Cell[][] = [
    kpiRow('Semua', 'Semua', view.total),
    ...view.byDay.map((g) => kpiRow('Hari', g.date, g.figures)),
    ...view.byStage.map((g) => kpiRow('Tahap', stageName(g.stage), g.figures)),
    ...view.byCounter.map((g) => kpiRow('Loket', `Loket ${g.counter}`, g.figures)),
    ...view.byOfficer.map((g) => kpiRow('Petugas', `${g.name} (${g.officer})`, g.figures)),
    ...view.byHour.map((g) => kpiRow('Jam', `${String(g.hour).padStart(2, '0')}.00`, g.figures)),
    ...view.byWindow.map((g) => kpiRow('Jadwal kedatangan', g.window, g.figures)),
  ];
  const t = view.total;
  const stats = [
    ['Tunggu', t.wait],
    ['Jalan ke loket', t.walkUp],
    ['Layanan', t.service],
    ['Tunggu jalur prioritas', t.priorityLane.wait],
  ] as const;
  const filters = [
    view.filters.stage ? `tahap ${stageName(view.filters.stage)}` : null,
    view.filters.counter ? `loket ${view.filters.counter}` : null,
    view.filters.officer ? `petugas ${view.filters.officer}` : null,
  ].filter((f) => f !== null);
  return {
    kind: 'kpi',
    office: names.office,
    title: 'Laporan kinerja antrean',
    period: periodLine(view.from, view.to),
    notes: [
      ...(filters.length ? [`Hanya ${filters.join(', ')}.`] : []),
      `Dipanggil sesuai jadwal: dipanggil paling lambat ${view.settings.windowGraceMinutes} menit setelah jadwal kedatangan dimulai.`,
      `Ambang waktu tunggu: ${view.settings.waitThresholdMinutes} menit. Pencilan: nilai z ${view.settings.outlierZ} atau lebih.`,
      `Cek-in belum terverifikasi: ${t.unverifiedCheckIns}. Klaim prioritas diterima: ${t.priorityClaimsConfirmed}, ditolak: ${t.priorityClaimsRefused}.`,
    ],
    sheets: [
      { name: 'KPI', title: 'Kinerja per kelompok', columns: kpiColumns, rows },
      {
        name: 'Ringkasan',
        title: 'Waktu dengan dan tanpa pencilan',
        columns: [
          text('Ukuran'),
          count('Jumlah'),
          minutes('p50 (menit)'),
          minutes('p90 (menit)'),
          minutes('Maks (menit)'),
          minutes('Rata-rata (menit)'),
          count('Pencilan'),
          minutes('p50 tanpa pencilan (menit)'),
          minutes('p90 tanpa pencilan (menit)'),
          minutes('Maks tanpa pencilan (menit)'),
          minutes('Rata-rata tanpa pencilan (menit)'),
        ],
        rows: stats.map(([label, s]) => [
          label,
          s.count,
          minutesOf(s.p50Ms),
          minutesOf(s.p90Ms),
          minutesOf(s.maxMs),
          minutesOf(s.meanMs),
          s.outliers,
          minutesOf(s.withoutOutliers.p50Ms),
          minutesOf(s.withoutOutliers.p90Ms),
          minutesOf(s.withoutOutliers.maxMs),
          minutesOf(s.withoutOutliers.meanMs),
        ]),
      },
      {
        name: 'Pencilan',
        title: 'Kunjungan pencilan (nomor antrean, tanpa nama)',
        columns: [text('Tanggal'), text('Nomor'), text('Tahap'), text('Ukuran'), minutes('Menit'), text('z')],
        rows: view.outliers.map((o) => [
          o.date,
          o.number,
          stageName(o.stage),
          measureNames[o.measure],
          minutesOf(o.ms),
          o.z.toFixed(1),
        ]),
      },
    ],
    charts: [waitsPerHourChart(view), waitsPerWindowChart(view), waitsPerStageChart(view, stageName)],
    layout: 'landscape',
  };
}

const breakNames: Record<string, string> = {
  istirahat: 'Istirahat',
  sholat: 'Salat',
  rapat: 'Rapat',
  gangguan: 'Gangguan',
};

/** "12,5" for the lines inside a cell, where a number is text. */
const minutesText = (ms: number) => (minutesOf(ms) ?? 0).toFixed(1).replace('.', ',');

export function officersDocument(view: OfficersReportView, names: ReportNames): ReportDocument {
  const reasonName = names.outOfOrderReason ?? ((code: string) => code);
  return {
    kind: 'officers',
    office: names.office,
    title: 'Laporan waktu kerja petugas',
    period: periodLine(view.from, view.to),
    notes: ['Sibuk: ada nomor yang dipanggil atau dilayani. Luang: loket buka tanpa nomor.'],
    sheets: [
      {
        name: 'Petugas',
        title: 'Waktu kerja dan panggilan per petugas',
        columns: [
          text('Petugas'),
          text('Nama'),
          minutes('Sibuk (menit)'),
          minutes('Luang (menit)'),
          minutes('Istirahat (menit)'),
          text('Istirahat menurut alasan'),
          count('Dipanggil'),
          count('Dilayani'),
          count('Di luar urutan'),
          text('Di luar urutan menurut alasan'),
          count('Klaim prioritas diterima'),
          count('Klaim prioritas ditolak'),
        ],
        rows: view.officers.map((o) => [
          o.officer,
          o.name,
          minutesOf(o.busyMs),
          minutesOf(o.idleMs),
          minutesOf(o.breakMs),
          o.breaks
            .map(
              (b) =>
                `${b.reason === null ? 'Tanpa alasan' : (breakNames[b.reason] ?? b.reason)} ${minutesText(b.ms)} menit (${b.count}×)`,
            )
            .join('; '),
          o.called,
          o.served,
          o.outOfOrder.reduce((sum, r) => sum + r.calls, 0),
          o.outOfOrder.map((r) => `${reasonName(r.reason)}: ${r.calls}`).join('; '),
          o.priorityClaimsConfirmed,
          o.priorityClaimsRefused,
        ]),
      },
    ],
    charts: [],
    layout: 'landscape',
  };
}

const sourceNames = { floor: 'Tercatat', imported: 'Diimpor' } as const;

export function issuanceDocument(view: IssuanceReportView, names: ReportNames): ReportDocument {
  const months = [...view.months].sort((a, b) => a.month - b.month);
  return {
    kind: 'issuance',
    office: names.office,
    title: `Penerbitan paspor ${names.office}`,
    period: `Tahun ${view.year}`,
    notes: [
      'Tercatat: dari pencetakan paspor di kantor ini. Diimpor: dari riwayat kantor sebelum Loket dipakai.',
    ],
    sheets: [
      {
        name: 'Penerbitan',
        title: 'Penerbitan paspor per bulan',
        columns: [
          count('No'),
          text('Bulan'),
          ...issuanceSeries.map((s) => count(`Paspor ${s.name.toLowerCase()}`)),
          count('Jumlah'),
          text('Sumber'),
        ],
        rows: [
          ...months.map((m, index) => [
            index + 1,
            (monthNames[m.month - 1] as string).toUpperCase(),
            ...issuanceSeries.map((s) => m[s.key]),
            m.total,
            m.source === null ? '' : sourceNames[m.source],
          ]),
          ['', 'JUMLAH', ...issuanceSeries.map((s) => view.jumlah[s.key]), view.jumlah.total, ''],
        ],
        totalRow: true,
      },
    ],
    charts: [issuancePerMonthChart(view)],
    layout: 'portrait',
  };
}

export function promisesDocument(view: PromisesReportView, names: ReportNames): ReportDocument {
  const t = view.total;
  return {
    kind: 'promises',
    office: names.office,
    title: 'Ketepatan janji pengambilan paspor',
    period: periodLine(view.from, view.to),
    notes: [
      `Dicetak tepat waktu: ${t.printedOnTime} dari ${t.promised} paspor yang dijanjikan` +
        (t.onTimeShare === null ? '.' : ` (${percentText(t.onTimeShare)}).`),
    ],
    sheets: [
      {
        name: 'Janji',
        title: 'Janji per tanggal pengambilan',
        columns: [
          text('Tanggal janji'),
          count('Dijanjikan'),
          count('Dicetak tepat waktu'),
          count('Terlambat'),
          count('Belum dicetak'),
          count('Terlambat: antrean cetak'),
          count('Terlambat: buku rusak'),
          count('Terlambat: pencetak dijeda'),
          count('Terlambat: adjudikasi'),
          count('Diambil'),
          count('Belum diambil setelah 30 hari'),
        ],
        rows: [
          ...view.days.map((d) => [
            d.date,
            d.promised,
            d.printedOnTime,
            d.late,
            d.notPrinted,
            d.lateBy.printerBacklog,
            d.lateBy.spoils,
            d.lateBy.pausedPrinter,
            d.lateBy.adjudication,
            d.collected,
            d.uncollectedAfter30Days,
          ]),
          [
            'JUMLAH',
            t.promised,
            t.printedOnTime,
            t.late,
            t.notPrinted,
            ...(['printerBacklog', 'spoils', 'pausedPrinter', 'adjudication'] as const).map((cause) =>
              view.days.reduce((sum, d) => sum + d.lateBy[cause], 0),
            ),
            t.collected,
            t.uncollectedAfter30Days,
          ],
        ],
        totalRow: true,
      },
    ],
    charts: [promisesKeptChart(view)],
    layout: 'portrait',
  };
}

export function publicDocument(view: PublicFiguresView): ReportDocument {
  const days = [...view.days].sort((a, b) => a.date.localeCompare(b.date));
  const first = days[0]?.date ?? view.today;
  const last = days.at(-1)?.date ?? view.today;
  return {
    kind: 'public',
    office: view.office,
    title: 'Waktu tunggu dan ketepatan janji',
    period: periodLine(first, last),
    notes: ['Tanpa data pribadi: hanya jumlah dan waktu rata-rata per hari.'],
    // The satisfaction survey's current index (issue 22), once the period has answers.
    ...(view.survey && view.survey.index !== null && view.survey.responses > 0
      ? {
          headline: [
            `Indeks Kepuasan Masyarakat ${view.survey.label}: ${gradedIndexText(view.survey.index, view.survey.grade)}, dari ${view.survey.responses} tanggapan.`,
          ],
        }
      : {}),
    sheets: [
      {
        name: 'Harian',
        title: 'Per hari',
        columns: [
          text('Tanggal'),
          count('Kunjungan'),
          minutes('Rata-rata tunggu (menit)'),
          minutes('p90 tunggu (menit)'),
          share('Dipanggil sesuai jadwal'),
          count('Paspor siap tepat waktu'),
          count('Paspor dijanjikan'),
        ],
        rows: days.map((d) => [
          d.date,
          d.visits,
          minutesOf(d.averageWaitMs),
          minutesOf(d.p90WaitMs),
          d.calledInsideWindowShare,
          d.readyOnTime.count,
          d.readyOnTime.of,
        ]),
      },
    ],
    charts: [publicDaysChart({ ...view, days })],
    layout: 'portrait',
  };
}

/** 0.875 as "87,5%": a share as an Indonesian reader reads it. */
export function percentText(value: number): string {
  return `${(value * 100).toFixed(1).replace('.', ',')}%`;
}
