import { z } from 'zod';
import type { RandomStream } from './random.ts';

/**
 * How long something takes, or how many minutes early or late someone comes: a distribution in
 * minutes, drawn from a seeded stream. Service times are log-normal by default (positive, skewed to
 * the right, as measured service times are); the others are there for validation and teaching.
 */
export const distributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deterministic'), minutes: z.number().finite().min(0).max(1440) }).strict(),
  z
    .object({ kind: z.literal('exponential'), meanMinutes: z.number().finite().positive().max(1440) })
    .strict(),
  z
    .object({
      kind: z.literal('uniform'),
      minMinutes: z.number().finite().min(0).max(1440),
      maxMinutes: z.number().finite().min(0).max(1440),
    })
    .strict()
    .refine((d) => d.minMinutes <= d.maxMinutes, 'minMinutes must not be above maxMinutes'),
  z
    .object({
      kind: z.literal('lognormal'),
      meanMinutes: z.number().finite().positive().max(1440),
      /** Coefficient of variation: standard deviation ÷ mean. */
      cv: z.number().finite().positive().max(5),
    })
    .strict(),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** One draw, in minutes. A log-normal's normal comes from Box–Muller over two uniform draws. */
export function draw(distribution: Distribution, stream: RandomStream): number {
  switch (distribution.kind) {
    case 'deterministic':
      return distribution.minutes;
    case 'exponential':
      return stream.exponential(1 / distribution.meanMinutes);
    case 'uniform':
      return distribution.minMinutes + (distribution.maxMinutes - distribution.minMinutes) * stream.unit();
    case 'lognormal': {
      const sigma2 = Math.log(1 + distribution.cv ** 2);
      const mu = Math.log(distribution.meanMinutes) - sigma2 / 2;
      const normal = Math.sqrt(-2 * Math.log(stream.unit())) * Math.cos(2 * Math.PI * stream.unit());
      return Math.exp(mu + Math.sqrt(sigma2) * normal);
    }
  }
}

/** The distribution's mean, for the docs' tables and the planner's first guess. */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'deterministic':
      return distribution.minutes;
    case 'uniform':
      return (distribution.minMinutes + distribution.maxMinutes) / 2;
    default:
      return distribution.meanMinutes;
  }
}
