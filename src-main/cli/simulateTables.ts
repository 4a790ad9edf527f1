import type { Estimate } from '../domain/simulation/confidence.ts';
import { floorMeasures, type FloorDaySummary, type FloorMeasure } from '../domain/simulation/floorSummary.ts';
import { timeOfDayFrom } from '../domain/localTime.ts';
import { alignedTable } from './textTable.ts';

/** How `loket simulate` prints a floor day: one column per policy, each measure's mean ± its 95% half-width. */

const measureNames: Record<FloorMeasure, { label: string; unit: 'min' | 'share' | 'count' | 'clock' }> = {
  waitP50: { label: 'wait p50 (min)', unit: 'min' },
  waitP90: { label: 'wait p90 (min)', unit: 'min' },
  waitMax: { label: 'wait max (min)', unit: 'min' },
  insideWindowShare: { label: 'called inside window + grace', unit: 'share' },
  meanQueueLength: { label: 'mean queue (applicants)', unit: 'count' },
  lastServed: { label: 'last applicant served', unit: 'clock' },
  overtimeMinutes: { label: 'overtime (min)', unit: 'min' },
  printed: { label: 'passports printed', unit: 'count' },
  printerBacklogAtClose: { label: 'printer backlog at close', unit: 'count' },
  promisesAtRisk: { label: 'pickup promises at risk', unit: 'count' },
  served: { label: 'applicants served', unit: 'count' },
  arrived: { label: 'applicants who came', unit: 'count' },
  cameTooEarly: { label: 'sent back (too early)', unit: 'count' },
  turnedAway: { label: 'turned away (after closing)', unit: 'count' },
  standby: { label: 'standby (late)', unit: 'count' },
  afterBap: { label: 'lost/damaged (date after BAP)', unit: 'count' },
};

function cell(value: Estimate, unit: 'min' | 'share' | 'count' | 'clock'): string {
  const half =
    value.halfWidth === null
      ? ''
      : ` ±${unit === 'share' ? (value.halfWidth * 100).toFixed(1) : value.halfWidth.toFixed(1)}`;
  if (unit === 'share') return `${(value.mean * 100).toFixed(1)}%${half}`;
  if (unit === 'clock') return `${timeOfDayFrom(Math.round(value.mean))}${half}`;
  return `${value.mean.toFixed(1)}${half}`;
}

export function floorDayTable(summary: FloorDaySummary): string {
  const officers = Object.entries(summary.officers)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(', ');
  const last = summary.seeds.first + summary.seeds.count - 1;
  const lines = [
    `Floor day ${summary.date}, ${timeOfDayFrom(summary.open)}–${timeOfDayFrom(summary.close)}: ${summary.bookings} bookings; officers: ${officers}`,
    `${summary.seeds.count} seed${summary.seeds.count === 1 ? '' : 's'} (${summary.seeds.first}${last > summary.seeds.first ? `–${last}` : ''}); mean ± 95% half-width`,
  ];
  const header = ['measure', ...summary.policies.map((p) => p.policy)];
  const rows: string[][] = floorMeasures.map((measure) => [
    measureNames[measure].label,
    ...summary.policies.map((p) => cell(p.measures[measure], measureNames[measure].unit)),
  ]);
  for (const [s, stage] of (summary.policies[0]?.stages ?? []).entries()) {
    rows.push([
      `${stage.stage}: wait p90 (min)`,
      ...summary.policies.map((p) => cell(p.stages[s]!.waitP90, 'min')),
    ]);
    rows.push([
      `${stage.stage}: utilisation`,
      ...summary.policies.map((p) => cell(p.stages[s]!.utilisation, 'share')),
    ]);
  }
  if (summary.policies[0]?.handover) {
    rows.push(['handover: wait p90 (min)', ...summary.policies.map((p) => cell(p.handover!.waitP90, 'min'))]);
    rows.push([
      'handover: utilisation',
      ...summary.policies.map((p) => cell(p.handover!.utilisation, 'share')),
    ]);
  }
  lines.push('', ...alignedTable(header, rows));
  if (summary.comparison)
    lines.push(
      '',
      `By window against first come, first served: p90 wait ${(summary.comparison.p90Ratio * 100).toFixed(0)}% of it; ` +
        `called inside window + grace ${(summary.comparison.windowInsideShare * 100).toFixed(1)}% against ${(summary.comparison.fifoInsideShare * 100).toFixed(1)}%.`,
    );
  return `${lines.join('\n')}\n`;
}

/** One row per policy and measure: for a spreadsheet. */
export function floorDayCsv(summary: FloorDaySummary): string {
  const rows = [['policy', 'measure', 'mean', 'low', 'high']];
  const number = (n: number | null) => (n === null ? '' : String(Number(n.toFixed(6))));
  for (const policy of summary.policies) {
    for (const measure of floorMeasures) {
      const e = policy.measures[measure];
      rows.push([policy.policy, measure, number(e.mean), number(e.low), number(e.high)]);
    }
    for (const stage of policy.stages) {
      for (const [name, e] of [
        ['waitP50', stage.waitP50],
        ['waitP90', stage.waitP90],
        ['utilisation', stage.utilisation],
      ] as const)
        rows.push([policy.policy, `${stage.stage}.${name}`, number(e.mean), number(e.low), number(e.high)]);
    }
  }
  return `${rows.map((r) => r.join(',')).join('\n')}\n`;
}
