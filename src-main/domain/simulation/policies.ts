import { callingPolicySchema, type CallingPolicy } from '../callingOrder.ts';
import type { Bilingual } from '../errors.ts';

/**
 * The calling policies a simulated day can be run under. Each is the floor's real calling order
 * (`callingOrder.ts`) given other tickets or another policy, never a second copy of the rules:
 *
 * - `window`: Loket as configured: check-in by the arrival-window rules (too early: come back;
 *   late: standby), tickets called by window at the office's priority ratio.
 * - `fifo`: today's Denpasar: a number on arrival, whatever the booking, called in the order taken;
 *   no window, no priority lane.
 * - `priority-first`: as `window`, but the priority lanes at 20 calls to 1 (the most the
 *   configuration allows): close to strict priority.
 * - `no-early`: as `window`, but a ticket is never called before its window opens, even with
 *   counters idle.
 * - `open-check-in`: windows and priority as `window`, but no check-in rules: anyone early checks in
 *   on arrival and a late citizen keeps the booked window (no standby).
 * - `ratio-P-R`: as `window` with P priority calls to R regular ones (1–20 each).
 */
export const namedPolicies = ['window', 'fifo', 'priority-first', 'no-early', 'open-check-in'] as const;
export const policyPattern =
  /^(window|fifo|priority-first|no-early|open-check-in|ratio-(\d{1,2})-(\d{1,2}))$/;

export interface ResolvedPolicy {
  id: string;
  label: Bilingual;
  /** Too early: come back at the window's opening less the tolerance; too late: standby. */
  checkInRules: boolean;
  /** Tickets carry their booked window; false: one line in the order numbers were taken. */
  windows: boolean;
  /** The priority lanes are called at the ratio; false: everyone is regular. */
  priority: boolean;
  calling: CallingPolicy;
}

/** The policy named `id` over the office's own calling policy; null when the name is unknown. */
export function resolvePolicy(id: string, office: CallingPolicy): ResolvedPolicy | null {
  const match = policyPattern.exec(id);
  if (!match) return null;
  const window = { checkInRules: true, windows: true, priority: true };
  if (match[2] !== undefined) {
    const ratio = callingPolicySchema.shape.ratio.safeParse({
      priority: Number(match[2]),
      regular: Number(match[3]),
    });
    if (!ratio.success) return null;
    return {
      id,
      label: {
        id: `Per jadwal, rasio ${ratio.data.priority}:${ratio.data.regular}`,
        en: `By window, ratio ${ratio.data.priority}:${ratio.data.regular}`,
      },
      ...window,
      calling: { ...office, ratio: ratio.data },
    };
  }
  switch (id) {
    case 'window':
      return {
        id,
        label: { id: 'Per jadwal kedatangan (Loket)', en: 'By arrival window (Loket)' },
        ...window,
        calling: office,
      };
    case 'fifo':
      return {
        id,
        label: { id: 'Urut kedatangan (cara lama)', en: 'First come, first served (today)' },
        checkInRules: false,
        windows: false,
        priority: false,
        calling: office,
      };
    case 'priority-first':
      return {
        id,
        label: { id: 'Per jadwal, prioritas didahulukan', en: 'By window, priority first' },
        ...window,
        calling: { ...office, ratio: { priority: 20, regular: 1 } },
      };
    case 'no-early':
      return {
        id,
        label: { id: 'Per jadwal, tanpa panggilan awal', en: 'By window, never called early' },
        ...window,
        calling: { ...office, callEarlyWhenIdle: false },
      };
    default:
      return {
        id,
        label: { id: 'Per jadwal, tanpa aturan lapor diri', en: 'By window, no check-in rules' },
        checkInRules: false,
        windows: true,
        priority: true,
        calling: office,
      };
  }
}
