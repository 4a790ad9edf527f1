import { z } from 'zod';
import { callingPolicySchema, defaultCallingPolicy } from './callingOrder.ts';
import { laneIds } from './laneIds.ts';

/**
 * How the floor works past check-in: the visit's stages served at counters, the counters and what
 * each serves, the calling policy, and the officers' rules (idle lock, no-show, out-of-order
 * reasons). Part of the office configuration (`floor.*` in `loket office set`).
 */

const bilingual = z.object({ id: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const stageId = z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'lower-case letters, digits and _');

export const stageSchema = z.object({
  id: stageId,
  name: bilingual,
  /** The stage a completed visit moves to; null: it leaves the counters here. */
  next: stageId.nullable(),
});
export type Stage = z.infer<typeof stageSchema>;

export const counterSchema = z.object({
  /** The number on the desk and on the board: "silakan menuju loket 3". */
  number: z.number().int().min(1).max(30),
  stages: z.array(stageId).min(1).max(10),
  lanes: z.array(z.enum(laneIds)).min(1),
});
export type CounterConfig = z.infer<typeof counterSchema>;

export const floorSchema = z
  .object({
    stages: z.array(stageSchema).min(1).max(10),
    counters: z.array(counterSchema).max(30),
    calling: callingPolicySchema,
    /** Recalls before a counter may mark the ticket a no-show. */
    noShowAfterRecalls: z.number().int().min(0).max(10),
    /** An officer's session locks after this many minutes without an operation. */
    idleLockMinutes: z.number().int().min(1).max(240),
    /** The reasons an officer may give for calling a specific ticket out of order. */
    outOfOrderReasons: z
      .array(z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/), name: bilingual }))
      .min(1)
      .max(20),
  })
  .superRefine((floor, ctx) => {
    const ids = floor.stages.map((s) => s.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'stage ids must be distinct' });
    floor.stages.forEach((stage, index) => {
      // A visit only moves forward, so no configuration can send it round in a loop.
      if (stage.next !== null && !ids.slice(index + 1).includes(stage.next))
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'next'],
          message: `next must name a later stage (${ids.slice(index + 1).join(', ') || 'none'})`,
        });
    });
    const numbers = floor.counters.map((c) => c.number);
    if (new Set(numbers).size !== numbers.length)
      ctx.addIssue({ code: 'custom', path: ['counters'], message: 'counter numbers must be distinct' });
    floor.counters.forEach((counter, index) => {
      for (const stage of counter.stages)
        if (!ids.includes(stage))
          ctx.addIssue({ code: 'custom', path: ['counters', index, 'stages'], message: `no stage ${stage}` });
    });
  });
export type FloorConfig = z.infer<typeof floorSchema>;

const allLanes = [...laneIds];

export const defaultFloorConfig: FloorConfig = {
  stages: [
    {
      id: 'documents',
      name: { id: 'Pemeriksaan berkas', en: 'Document check' },
      next: 'interview',
    },
    {
      id: 'interview',
      name: { id: 'Wawancara, sidik jari dan foto', en: 'Interview, fingerprints and photo' },
      next: null,
    },
    // Another day's visit: a pickup number taken at the kiosk with the receipt of a ready passport.
    {
      id: 'pickup',
      name: { id: 'Pengambilan paspor', en: 'Passport pickup' },
      next: null,
    },
  ],
  counters: [
    { number: 1, stages: ['documents'], lanes: allLanes },
    { number: 2, stages: ['documents'], lanes: allLanes },
    { number: 3, stages: ['interview'], lanes: allLanes },
    { number: 4, stages: ['interview'], lanes: allLanes },
    { number: 5, stages: ['interview'], lanes: allLanes },
    { number: 6, stages: ['interview'], lanes: allLanes },
    { number: 7, stages: ['pickup'], lanes: allLanes },
  ],
  calling: defaultCallingPolicy,
  noShowAfterRecalls: 2,
  idleLockMinutes: 10,
  outOfOrderReasons: [
    { code: 'medical', name: { id: 'Kondisi medis mendesak', en: 'Urgent medical condition' } },
    { code: 'returning', name: { id: 'Kembali dari loket lain', en: 'Returning from another counter' } },
    { code: 'supervisor', name: { id: 'Atas arahan supervisor', en: "Supervisor's instruction" } },
    { code: 'correction', name: { id: 'Koreksi kesalahan sistem', en: 'Correcting a system error' } },
  ],
};

export function stageOf(floor: FloorConfig, id: string): Stage | null {
  return floor.stages.find((s) => s.id === id) ?? null;
}

export function counterOf(floor: FloorConfig, number: number): CounterConfig | null {
  return floor.counters.find((c) => c.number === number) ?? null;
}
