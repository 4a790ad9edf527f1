import { laneIds } from '../../domain/laneIds.ts';
import type { Migration } from './index.ts';

/**
 * Pickup numbers are called at the floor's pickup stage (`pickup.stage`, default `pickup`). An
 * office configuration stored before the stage existed holds a whole floor without it: the stage
 * is added after the others, and, when no counter serves it, a desk numbered after the last one
 * (counter 7 on the default floor). A configuration that cannot take it (not JSON, no floor, the
 * stages or counters already at their limit) is left as it is: numbers are then handed over by
 * scanning the receipt, as before.
 */
export const pickupStage: Migration = {
  version: 19,
  name: 'pickup_stage',
  up(db) {
    const json = db.prepare('SELECT config FROM office_config WHERE id = 1').pluck().get();
    if (typeof json !== 'string') return; // the defaults stand, and they have the stage
    let config: {
      pickup?: { stage?: unknown };
      floor?: { stages?: unknown; counters?: unknown };
    } | null;
    try {
      config = JSON.parse(json) as typeof config;
    } catch {
      return;
    }
    const floor = config?.floor;
    if (!floor || !Array.isArray(floor.stages) || !Array.isArray(floor.counters)) return;
    const stages = floor.stages as Record<string, unknown>[];
    const counters = floor.counters as Record<string, unknown>[];
    const stage = typeof config?.pickup?.stage === 'string' ? config.pickup.stage : 'pickup';
    if (stages.some((s) => s?.id === stage) || stages.length >= 10) return;
    stages.push({ id: stage, name: { id: 'Pengambilan paspor', en: 'Passport pickup' }, next: null });
    const served = counters.some((c) => Array.isArray(c?.stages) && (c.stages as unknown[]).includes(stage));
    const last = Math.max(0, ...counters.map((c) => (typeof c?.number === 'number' ? c.number : 0)));
    if (!served && last < 30 && counters.length < 30)
      counters.push({ number: last + 1, stages: [stage], lanes: [...laneIds] });
    db.prepare('UPDATE office_config SET config = ? WHERE id = 1').run(JSON.stringify(config));
  },
};
