import type { EChartsOption } from 'echarts';
import { issuancePerMonthChart, minutesOf, type ReportChart } from '../../documents/reportCharts.ts';
import { periodLine, type Column, type ReportDocument } from '../../documents/reportSheets.ts';
import { gradeOf } from '../../domain/survey/ikm.ts';
import { nationalIkm, type IkmFigures } from '../reports/ikm.ts';
import { nationalIssuance, type IssuanceRows } from '../reports/issuance.ts';
import { nationalPromises } from '../reports/promises.ts';
import type { NationalQuery } from '../reports/query.ts';
import { nationalWaits, type WaitFigures } from '../reports/waits.ts';
import type { CentralStore, OfficeLink } from '../store.ts';
import type { PromisesReport } from '../../domain/reports/promises.ts';

/**
 * What the national page shows and exports: for each office asked for and for all of them
 * together, the waits, the issuance table, the promises kept and the IKM, and each office's link.
 */
export const staleAfterMinutes = 30;

export interface LinkState {
  /** When its last batch came (ms), null if it never sent. */
  receivedAt: number | null;
  /** Events the hub holds that the central store does not have yet, and how old the newest is. */
  lagEvents: number;
  lagMinutes: number;
  stale: boolean;
}

export interface NationalColumn {
  code: string;
  name: string;
  link: LinkState | null;
  waits: WaitFigures;
  issuance: IssuanceRows;
  promises: PromisesReport;
  ikm: IkmFigures;
}

export interface NationalView {
  from: string;
  to: string;
  /** How the waits were measured (`NationalWaits.method`): the page and the exports say so. */
  waitsMethod: 'exact' | 'combined';
  offices: NationalColumn[];
  national: NationalColumn;
}

/**
 * An office's link is stale when no batch came for more than 30 minutes (a hub sends at least a
 * heartbeat while it runs), or when its hub reported events more than 30 minutes newer than the
 * last one the central store holds.
 */
export function linkState(office: OfficeLink, now: number): LinkState {
  const receivedAt = office.receivedAt ? office.receivedAt.getTime() : null;
  const lagEvents = Math.max(0, office.hubSeq - office.seq);
  const lagMinutes =
    lagEvents > 0 && office.hubAt !== null && office.lastAt !== null
      ? Math.max(0, Math.round((office.hubAt - office.lastAt) / 60_000))
      : 0;
  const silent = receivedAt === null || now - receivedAt > staleAfterMinutes * 60_000;
  return { receivedAt, lagEvents, lagMinutes, stale: silent || lagMinutes > staleAfterMinutes };
}

export async function nationalView(
  store: CentralStore,
  q: NationalQuery,
  now: number = Date.now(),
  options: { exactVisits?: number } = {},
): Promise<NationalView> {
  const [waits, issuance, promises, ikm, links] = await Promise.all([
    nationalWaits(store, q, options),
    nationalIssuance(store, q),
    nationalPromises(store, { ...q, now }),
    nationalIkm(store, q),
    store.offices(),
  ]);
  const linkOf = new Map(links.map((o) => [o.code, o]));
  const offices = waits.offices.map((w, i): NationalColumn => {
    const link = linkOf.get(w.code);
    return {
      code: w.code,
      name: w.name,
      link: link ? linkState(link, now) : null,
      waits: w,
      issuance: issuance.offices[i] as IssuanceRows,
      promises: promises.offices[i] as PromisesReport,
      ikm: ikm.offices[i] as IkmFigures,
    };
  });
  return {
    from: q.from,
    to: q.to,
    waitsMethod: waits.method,
    offices,
    national: {
      code: 'NASIONAL',
      name: 'Nasional / National',
      link: null,
      waits: waits.national,
      issuance: issuance.national,
      promises: promises.national,
      ikm: ikm.national,
    },
  };
}

/** Said wherever the waits were read from the pre-combined summaries (`NationalWaits.method`). */
export const combinedWaitsNote = {
  id: 'Periode ini dihitung dari ringkasan harian dan bulanan: jumlah, persentase, rata-rata dan maksimum tepat; p50/p90 dari histogram, selisih paling banyak setengah detik atau 0,4%.',
  en: 'This period is counted from the daily and monthly summaries: counts, shares, means and maxima are exact; p50/p90 come from histograms, at most half a second or 0.4% off.',
};

const text = (header: string): Column => ({ header, kind: 'text' });
const count = (header: string): Column => ({ header, kind: 'count' });
const minutes = (header: string): Column => ({ header, kind: 'minutes' });
const share = (header: string): Column => ({ header, kind: 'share' });
const decimal2 = (header: string): Column => ({ header, kind: 'decimal2' });

const minutesCell = (ms: number | null) => (ms === null ? null : ms / 60_000);

/** The comparison table, a row per office and the national row: the page's first table and the CSV. */
export const comparisonColumns: Column[] = [
  text('Kantor'),
  text('Tautan'),
  count('Dilayani'),
  minutes('Tunggu p50 (menit)'),
  minutes('Tunggu p90 (menit)'),
  share('Dipanggil dalam jadwal'),
  count('Panggilan di luar urutan'),
  count('Paspor terbit'),
  share('Janji tepat waktu'),
  decimal2('Indeks IKM'),
  text('Mutu IKM'),
];

export function comparisonRow(column: NationalColumn): (string | number | null)[] {
  const f = column.waits.figures;
  return [
    column.link ? `${column.code} — ${column.name}` : column.name,
    column.link === null ? '' : column.link.stale ? 'TERHENTI / STALE' : 'Aktif / Live',
    f.served,
    minutesCell(f.wait.count ? f.wait.p50Ms : null),
    minutesCell(f.wait.count ? f.wait.p90Ms : null),
    f.calledInsideWindow.share,
    column.waits.outOfOrderCalls,
    column.issuance.jumlah.total,
    column.promises.total.onTimeShare,
    column.ikm.index,
    column.ikm.index === null ? '' : gradeOf(column.ikm.index),
  ];
}

const monthLabel = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

/** The national report as a document: the comparison (CSV), then per stage, issuance, promises, IKM. */
export function nationalDocument(view: NationalView): ReportDocument {
  const columns = [...view.offices, view.national];
  const stages = [...new Set(columns.flatMap((c) => c.waits.byStage.map((s) => s.stage)))];
  return {
    kind: 'kpi',
    office: 'Direktorat Jenderal Imigrasi',
    title: 'Laporan Nasional Layanan Paspor',
    period: periodLine(view.from, view.to),
    notes: [
      'Angka setiap kantor dihitung dengan definisi laporan kantor (docs/reports.md) dari peristiwa yang dikirim ke pusat.',
      `Tautan terhenti: tidak ada kiriman lebih dari ${staleAfterMinutes} menit, atau hub tertinggal lebih dari ${staleAfterMinutes} menit.`,
      ...(view.waitsMethod === 'combined' ? [combinedWaitsNote.id] : []),
    ],
    sheets: [
      {
        name: 'Perbandingan',
        title: 'Perbandingan kantor',
        columns: comparisonColumns,
        rows: columns.map(comparisonRow),
        totalRow: true,
      },
      {
        name: 'Tunggu per tahap',
        title: 'Waktu tunggu per tahap',
        columns: [
          text('Kantor'),
          text('Tahap'),
          count('Dipanggil'),
          minutes('p50 (menit)'),
          minutes('p90 (menit)'),
        ],
        rows: columns.flatMap((c) =>
          stages.flatMap((stage) => {
            const s = c.waits.byStage.find((b) => b.stage === stage);
            return s
              ? [
                  [
                    c.code,
                    stage,
                    s.figures.wait.count,
                    minutesCell(s.figures.wait.p50Ms),
                    minutesCell(s.figures.wait.p90Ms),
                  ],
                ]
              : [];
          }),
        ),
      },
      {
        name: 'Penerbitan',
        title: 'Paspor terbit per bulan',
        columns: [
          text('Kantor'),
          text('Bulan'),
          count('Biasa baru'),
          count('Biasa penggantian'),
          count('Elektronik baru'),
          count('Elektronik penggantian'),
          count('Jumlah'),
        ],
        rows: columns.flatMap((c) => [
          ...c.issuance.months.map((m) => [
            c.code,
            monthLabel(m),
            m.biasaBaru,
            m.biasaPenggantian,
            m.elektronikBaru,
            m.elektronikPenggantian,
            m.total,
          ]),
          [
            c.code,
            'JUMLAH',
            c.issuance.jumlah.biasaBaru,
            c.issuance.jumlah.biasaPenggantian,
            c.issuance.jumlah.elektronikBaru,
            c.issuance.jumlah.elektronikPenggantian,
            c.issuance.jumlah.total,
          ],
        ]),
      },
      {
        name: 'Janji pengambilan',
        title: 'Janji tanggal pengambilan',
        columns: [
          text('Kantor'),
          count('Dijanjikan'),
          count('Tepat waktu'),
          count('Terlambat'),
          count('Belum dicetak'),
          share('Tepat waktu'),
          count('Diambil'),
        ],
        rows: columns.map((c) => [
          c.code,
          c.promises.total.promised,
          c.promises.total.printedOnTime,
          c.promises.total.late,
          c.promises.total.notPrinted,
          c.promises.total.onTimeShare,
          c.promises.total.collected,
        ]),
      },
      {
        name: 'IKM',
        title: 'Indeks Kepuasan Masyarakat',
        columns: [text('Kantor'), count('Responden'), decimal2('Indeks'), text('Mutu'), count('Tanpa nilai')],
        rows: columns.map((c) => [
          c.code,
          c.ikm.responses,
          c.ikm.index,
          c.ikm.grade ?? '',
          c.ikm.withoutScores,
        ]),
      },
    ],
    charts: nationalCharts(view),
    layout: 'landscape',
  };
}

const palette = ['#1f5fa8', '#e07b00', '#2e8b57', '#b03a48', '#6c5ba7'];

function frame(title: string, categories: string[], xName: string, yName: string): EChartsOption {
  return {
    animation: false,
    color: palette,
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 64, top: 56, bottom: 72 },
    xAxis: { type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 44, minInterval: 1 },
  };
}

/**
 * The offices side by side, drawn as the floor's report charts are (the same style; `chartSvg`
 * renders them): waits p50 as bars and p90 as a line per office, passports per month per office,
 * and the national issuance stacked by kind as in the study's table.
 */
export function nationalCharts(view: NationalView): ReportChart[] {
  const codes = view.offices.map((o) => o.code);
  const waitsTitle = 'Waktu tunggu per kantor';
  const charts: ReportChart[] = [
    {
      name: 'national-waits',
      title: waitsTitle,
      option: {
        ...frame(waitsTitle, codes, 'Kantor', 'Waktu tunggu (menit)'),
        series: [
          {
            type: 'bar',
            name: 'Median (p50)',
            data: view.offices.map((o) =>
              o.waits.figures.wait.count ? minutesOf(o.waits.figures.wait.p50Ms) : null,
            ),
          },
          {
            type: 'line',
            name: 'Persentil ke-90 (p90)',
            data: view.offices.map((o) =>
              o.waits.figures.wait.count ? minutesOf(o.waits.figures.wait.p90Ms) : null,
            ),
          },
        ],
      },
    },
  ];
  const months = view.national.issuance.months;
  const issuanceTitle = 'Paspor terbit per bulan per kantor';
  charts.push({
    name: 'national-issuance-offices',
    title: issuanceTitle,
    option: {
      ...frame(issuanceTitle, months.map(monthLabel), 'Bulan', 'Paspor'),
      series: view.offices.map((o) => ({
        type: 'bar' as const,
        name: o.code,
        data: o.issuance.months.map((m) => m.total),
      })),
    },
  });
  // Within one year, the national table drawn as the floor draws its own (stacked by kind).
  const years = new Set(months.map((m) => m.year));
  if (years.size === 1) {
    const year = [...years][0] as number;
    charts.push(
      issuancePerMonthChart({
        year,
        months: months.map((m) => ({ ...m, source: m.source === 'mixed' ? 'floor' : m.source })),
        jumlah: view.national.issuance.jumlah,
      }),
    );
  }
  return charts;
}
