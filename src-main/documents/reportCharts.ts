import type { EChartsOption } from 'echarts';
import type {
  IssuanceReportView,
  KpiFigures,
  KpiReportView,
  PromisesReportView,
  PublicFiguresView,
} from '../api/reportViews.ts';

/**
 * The reports' charts as ECharts options: one definition for the supervisor console (ECharts in the
 * browser), the printed PDFs and the hub's public page (ECharts' server-side SVG, `chartSvg.ts`).
 * Pure: no Node, no DOM. Labels in Bahasa Indonesia, durations in minutes, no animation (a printed
 * chart is drawn once).
 */

/** A chart with the name a file or a test knows it by. */
export interface ReportChart {
  name: string;
  title: string;
  option: EChartsOption;
}

/** Milliseconds as minutes with one decimal; null stays a gap in the chart. */
export function minutesOf(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

export { monthNames } from '../domain/localTime.ts';

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** "2026-11-03" as "3 Nov": short enough for an axis. */
export function shortDate(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${Number(date.slice(8, 10))} ${shortMonths[month - 1] ?? date.slice(5, 7)}`;
}

const palette = ['#1f5fa8', '#e07b00', '#2e8b57', '#b03a48', '#6c5ba7'];

function frame(title: string, categories: string[], xName: string, yName: string): EChartsOption {
  return {
    animation: false,
    color: palette,
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 64, top: 56, bottom: 72 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: categories,
      name: xName,
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 44, minInterval: 1 },
  };
}

/** p50 as bars and p90 as a line, in minutes, over one grouping of the KPI report. */
function waitsChart(
  name: string,
  title: string,
  xName: string,
  groups: { label: string; figures: KpiFigures }[],
): ReportChart {
  return {
    name,
    title,
    option: {
      ...frame(
        title,
        groups.map((g) => g.label),
        xName,
        'Waktu tunggu (menit)',
      ),
      series: [
        {
          type: 'bar',
          name: 'Median (p50)',
          data: groups.map((g) => minutesOf(g.figures.wait.p50Ms)),
        },
        {
          type: 'line',
          name: 'Persentil ke-90 (p90)',
          data: groups.map((g) => minutesOf(g.figures.wait.p90Ms)),
        },
      ],
    },
  };
}

/** Waits by the local hour the wait started ("08.00"). */
export function waitsPerHourChart(kpi: KpiReportView): ReportChart {
  const groups = [...kpi.byHour]
    .sort((a, b) => a.hour - b.hour)
    .map((g) => ({ label: `${String(g.hour).padStart(2, '0')}.00`, figures: g.figures }));
  return waitsChart('waits-per-hour', 'Waktu tunggu per jam', 'Jam mulai menunggu', groups);
}

/** Waits by booked arrival window ("08:00–09:00"). */
export function waitsPerWindowChart(kpi: KpiReportView): ReportChart {
  const groups = kpi.byWindow.map((g) => ({ label: g.window, figures: g.figures }));
  return waitsChart('waits-per-window', 'Waktu tunggu per jadwal kedatangan', 'Jadwal kedatangan', groups);
}

/** Waits by stage, named as the office names its stages. */
export function waitsPerStageChart(
  kpi: KpiReportView,
  stageName: (id: string) => string = (id) => id,
): ReportChart {
  const groups = kpi.byStage.map((g) => ({ label: stageName(g.stage), figures: g.figures }));
  return waitsChart('waits-per-stage', 'Waktu tunggu per tahap', 'Tahap', groups);
}

export const issuanceSeries = [
  { key: 'biasaBaru', name: 'Biasa baru' },
  { key: 'biasaPenggantian', name: 'Biasa penggantian' },
  { key: 'elektronikBaru', name: 'Elektronik baru' },
  { key: 'elektronikPenggantian', name: 'Elektronik penggantian' },
] as const;

/** The year's passports per month, stacked by kind as in the study's table. */
export function issuancePerMonthChart(issuance: IssuanceReportView): ReportChart {
  const months = [...issuance.months].sort((a, b) => a.month - b.month);
  const title = `Paspor terbit per bulan, ${issuance.year}`;
  return {
    name: 'issuance-per-month',
    title,
    option: {
      ...frame(
        title,
        months.map((m) => shortMonths[m.month - 1] as string),
        'Bulan',
        'Paspor',
      ),
      series: issuanceSeries.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        stack: 'paspor',
        data: months.map((m) => m[s.key]),
      })),
    },
  };
}

/** Per promised pickup date: printed on time, late, and not printed with the date already past. */
export function promisesKeptChart(promises: PromisesReportView): ReportChart {
  const title = 'Janji tanggal pengambilan per hari';
  const days = promises.days;
  return {
    name: 'promises-kept',
    title,
    option: {
      ...frame(
        title,
        days.map((d) => shortDate(d.date)),
        'Tanggal janji',
        'Paspor',
      ),
      color: ['#2e8b57', '#e07b00', '#b03a48'],
      series: [
        { type: 'bar', name: 'Tepat waktu', stack: 'janji', data: days.map((d) => d.printedOnTime) },
        { type: 'bar', name: 'Terlambat', stack: 'janji', data: days.map((d) => d.late) },
        { type: 'bar', name: 'Belum dicetak', stack: 'janji', data: days.map((d) => d.notPrinted) },
      ],
    },
  };
}

/** The public figures: each day's average and p90 wait. */
export function publicDaysChart(figures: PublicFiguresView): ReportChart {
  const title = 'Waktu tunggu per hari';
  const days = figures.days;
  return {
    name: 'public-days',
    title,
    option: {
      ...frame(
        title,
        days.map((d) => shortDate(d.date)),
        'Tanggal',
        'Waktu tunggu (menit)',
      ),
      series: [
        { type: 'bar', name: 'Rata-rata', data: days.map((d) => minutesOf(d.averageWaitMs)) },
        { type: 'line', name: 'Persentil ke-90 (p90)', data: days.map((d) => minutesOf(d.p90WaitMs)) },
      ],
    },
  };
}

/** The survey's IKM figures a chart needs: the NRR of each element (issue 22). */
interface SurveyNrr {
  elements: readonly { element: string; nrr: number | null }[];
}

/**
 * The satisfaction survey's NRR per element (U1–U9) as bars on the regulation's 1–4 scale, the
 * value over each bar with three decimals; an element nobody answered is a gap.
 */
export function surveyElementsChart(
  figures: SurveyNrr,
  title = 'Nilai rata-rata per unsur pelayanan',
): ReportChart {
  const base = frame(
    title,
    figures.elements.map((e) => e.element.toUpperCase()),
    'Unsur pelayanan',
    'Nilai rata-rata (NRR)',
  );
  return {
    name: 'survey-elements',
    title,
    option: {
      ...base,
      legend: { show: false },
      grid: { left: 64, right: 32, top: 56, bottom: 56 },
      yAxis: {
        type: 'value',
        name: 'Nilai rata-rata (NRR)',
        nameLocation: 'middle',
        nameGap: 44,
        min: 1,
        max: 4,
        interval: 0.5,
      },
      series: [
        {
          type: 'bar',
          name: 'NRR',
          data: figures.elements.map((e) => (e.nrr === null ? null : Math.round(e.nrr * 1000) / 1000)),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: unknown }) =>
              typeof p.value === 'number' ? p.value.toFixed(3).replace('.', ',') : '',
          },
        },
      ],
    },
  };
}

/** The survey's index (IKM × 25, 25–100) month by month over a year; a month without answers is a gap. */
export function surveyIndexPerMonthChart(
  year: number,
  months: readonly { month: number; index: number | null }[],
): ReportChart {
  const title = `Indeks Kepuasan Masyarakat per bulan, ${year}`;
  const sorted = [...months].sort((a, b) => a.month - b.month);
  const base = frame(
    title,
    sorted.map((m) => shortMonths[m.month - 1] as string),
    'Bulan',
    'Nilai IKM',
  );
  return {
    name: 'survey-index-per-month',
    title,
    option: {
      ...base,
      legend: { show: false },
      yAxis: { type: 'value', name: 'Nilai IKM', nameLocation: 'middle', nameGap: 44, min: 25, max: 100 },
      series: [
        {
          type: 'line',
          name: 'Nilai IKM',
          connectNulls: false,
          data: sorted.map((m) => (m.index === null ? null : Math.round(m.index * 100) / 100)),
        },
      ],
    },
  };
}
