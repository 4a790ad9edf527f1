import type { EChartsCoreOption } from 'echarts/core';
import type { IssuanceReportView, KpiFigures, PromisesReportView } from '../../src-main/api/reportViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';

/**
 * The Reports section's charts as plain ECharts options, built from the report views alone (no DOM,
 * no ECharts instance): the console draws them with the SVG renderer. The printed PDFs and /public
 * build theirs from the same views on the hub; the lead folds these into one shared module.
 */

type Say = (text: Bilingual) => string;

const labels = {
  p50: { id: 'Median (p50)', en: 'Median (p50)' },
  p90: { id: 'p90', en: 'p90' },
  mean: { id: 'Rata-rata', en: 'Mean' },
  minutes: { id: 'menit', en: 'min' },
  biasaBaru: { id: 'Biasa baru', en: 'Ordinary, new' },
  biasaPenggantian: { id: 'Biasa penggantian', en: 'Ordinary, replacement' },
  elektronikBaru: { id: 'Elektronik baru', en: 'Electronic, new' },
  elektronikPenggantian: { id: 'Elektronik penggantian', en: 'Electronic, replacement' },
  printedOnTime: { id: 'Tercetak tepat waktu', en: 'Printed on time' },
  late: { id: 'Terlambat', en: 'Late' },
  notPrinted: { id: 'Belum tercetak', en: 'Not printed' },
} as const;

/** Month names as the office prints them in its table. */
export const monthNames: readonly Bilingual[] = [
  { id: 'Januari', en: 'January' },
  { id: 'Februari', en: 'February' },
  { id: 'Maret', en: 'March' },
  { id: 'April', en: 'April' },
  { id: 'Mei', en: 'May' },
  { id: 'Juni', en: 'June' },
  { id: 'Juli', en: 'July' },
  { id: 'Agustus', en: 'August' },
  { id: 'September', en: 'September' },
  { id: 'Oktober', en: 'October' },
  { id: 'November', en: 'November' },
  { id: 'Desember', en: 'December' },
];

const palette = ['#1f5fa8', '#e07b00', '#2e8b57', '#9b3d9b'];

/** Minutes with one decimal, or null (no bar) where nothing was counted. */
export const minutesOf = (ms: number | null): number | null =>
  ms === null ? null : Math.round(ms / 6_000) / 10;

/** One category per group: the wait's p50, p90 and mean in minutes, as bars side by side. */
export function waitChartOption(
  say: Say,
  groups: readonly { label: string; figures: KpiFigures }[],
): EChartsCoreOption {
  const series = (name: Bilingual, pick: (f: KpiFigures) => number | null) => ({
    name: say(name),
    type: 'bar',
    data: groups.map((g) => minutesOf(pick(g.figures))),
  });
  return {
    animation: false,
    color: palette,
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: say(labels.minutes) },
    series: [
      series(labels.p50, (f) => f.wait.p50Ms),
      series(labels.p90, (f) => f.wait.p90Ms),
      series(labels.mean, (f) => f.wait.meanMs),
    ],
  };
}

/** The year's passports per month, the four kinds stacked as in the study's figure. */
export function issuanceChartOption(say: Say, view: IssuanceReportView): EChartsCoreOption {
  const kinds = ['biasaBaru', 'biasaPenggantian', 'elektronikBaru', 'elektronikPenggantian'] as const;
  return {
    animation: false,
    color: palette,
    grid: { left: 56, right: 16, top: 48, bottom: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: view.months.map((m) => say(monthNames[m.month - 1] as Bilingual).slice(0, 3)),
    },
    yAxis: { type: 'value' },
    series: kinds.map((kind) => ({
      name: say(labels[kind]),
      type: 'bar',
      stack: 'issued',
      data: view.months.map((m) => m[kind]),
    })),
  };
}

/** Promises due per day: printed on time, late, not printed yet, stacked. */
export function promisesChartOption(say: Say, view: PromisesReportView): EChartsCoreOption {
  const kinds = ['printedOnTime', 'late', 'notPrinted'] as const;
  return {
    animation: false,
    color: ['#2e8b57', '#e07b00', '#c0392b'],
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: view.days.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: kinds.map((kind) => ({
      name: say(labels[kind]),
      type: 'bar',
      stack: 'promised',
      data: view.days.map((d) => d[kind]),
    })),
  };
}
