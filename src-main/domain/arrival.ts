import type { OfficeConfig } from './office.ts';
import { minutesOf, timeOfDayFrom, type TimeOfDay } from './localTime.ts';

/**
 * Where an arrival falls against its booked window [start, end): it may check in from
 * start − early to end + late. Before that: come back later. After: the standby lane.
 */
export type Arrival =
  | { kind: 'on_time'; early: boolean }
  | { kind: 'too_early'; comeBackAt: TimeOfDay }
  | { kind: 'late'; minutesLate: number };

export function classifyArrival(
  office: Pick<OfficeConfig, 'checkIn'>,
  window: { start: TimeOfDay; end: TimeOfDay },
  minuteOfDay: number,
): Arrival {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const opensAt = start - office.checkIn.earlyMinutes;
  if (minuteOfDay < opensAt) return { kind: 'too_early', comeBackAt: timeOfDayFrom(opensAt) };
  const lateAfter = end + office.checkIn.lateMinutes;
  if (minuteOfDay > lateAfter) return { kind: 'late', minutesLate: Math.floor(minuteOfDay - end) };
  return { kind: 'on_time', early: minuteOfDay < start };
}
