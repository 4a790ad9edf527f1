import type { EChartsCoreOption } from 'echarts/core';
import type { FloorDaySummaryView } from '../../src-main/api/simulationViews.ts';
import { simulatorTexts as words } from './simulatorTexts.ts';

/**
 * The Simulator's charts as ECharts options, drawn by the same `ReportChart` (ECharts, SVG) as the
 * Reports section: the queue over the day per policy (lines), the waits' distribution per policy
 * (bars) and the officers' utilisation per stage per policy (bars), in the screen's language.
 */

type Say = (text: { id: string; en: string }) => string;

const palette = ['#1f5fa8', '#e07b00', '#2e8b57', '#b03a48', '#6c5ba7'];

/** Minutes of the day as "08.30" (Indonesian) or "08:30". */
export function clockOf(minute: number, language: 'id' | 'en'): string {
  const m = Math.round(minute);
  const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return language === 'id' ? text.replace(':', '.') : text;
}

function frame(title: string, categories: string[], xName: string, yName: string): EChartsCoreOption {
  return {
    animation: false,
    color: palette,
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 32, top: 56, bottom: 84 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 44 },
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Applicants waiting at each sample minute, the mean over the seeds, one line per policy. */
export function queueLengthChart(
  summary: FloorDaySummaryView,
  say: Say,
  language: 'id' | 'en',
): EChartsCoreOption {
  const minutes = summary.policies[0]?.queueLength.map((q) => q.minute) ?? [];
  return {
    ...frame(
      say(words.queueChart),
      minutes.map((m) => clockOf(m, language)),
      say(words.time),
      say(words.waiting),
    ),
    series: summary.policies.map((p) => ({
      type: 'line',
      name: say(p.label),
      showSymbol: false,
      data: p.queueLength.map((q) => round(q.mean, 1)),
    })),
  };
}

/** The share of applicants in each 5-minute band of waiting, one bar per policy. */
export function waitDistributionChart(summary: FloorDaySummaryView, say: Say): EChartsCoreOption {
  const bands = summary.policies[0]?.waitDistribution ?? [];
  return {
    ...frame(
      say(words.waitChart),
      bands.map((b) => (b.to === null ? `${b.from}+` : `${b.from}–${b.to}`)),
      say(words.waitMinutes),
      say(words.shareOfApplicants),
    ),
    series: summary.policies.map((p) => ({
      type: 'bar',
      name: say(p.label),
      data: p.waitDistribution.map((b) => round(b.share * 100, 1)),
    })),
  };
}

/** Each stage's officers' utilisation (handover too, where it ran), one bar per policy. */
export function utilisationChart(
  summary: FloorDaySummaryView,
  say: Say,
  stageName: (id: string) => string,
  /** The pickup stage's name, where the handover counters ran. */
  handoverName: string,
): EChartsCoreOption {
  const first = summary.policies[0];
  const stages = first?.stages.map((s) => stageName(s.stage)) ?? [];
  const handover = first?.handover ? [handoverName] : [];
  return {
    ...frame(
      say(words.utilisationChart),
      [...stages, ...handover],
      say(words.stage),
      say(words.utilisationAxis),
    ),
    yAxis: { type: 'value', name: say(words.utilisationAxis), nameLocation: 'middle', nameGap: 44, max: 100 },
    series: summary.policies.map((p) => ({
      type: 'bar',
      name: say(p.label),
      data: [
        ...p.stages.map((s) => round(s.utilisation.mean * 100, 1)),
        ...(p.handover ? [round(p.handover.utilisation.mean * 100, 1)] : []),
      ],
    })),
  };
}
