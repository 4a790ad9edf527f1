import { LoketError, isLoketError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Caller, ServiceContext } from '../context.ts';

/**
 * A burst: more than `burstLimit` refused scans from one station within `burstWindowMinutes`
 * (codes that name no visit finished today, visits already answered, nothing just finished at the
 * counter). The station's survey is then refused for `blockMinutes`, and `survey.burstRefused`
 * tells the supervisor. The block is read from that event, so it outlives a restart of the hub;
 * the refusals counted towards a burst are kept in memory only (a restart forgets them).
 */
export const burstLimit = 5;
export const burstWindowMinutes = 10;
export const blockMinutes = 10;

const refusals = new WeakMap<Store, Map<string, number[]>>();

/** The instant a station's survey is refused until, or null when it is open. */
export function blockedUntil(ctx: ServiceContext, stationId: string): number | null {
  const now = ctx.clock.now();
  const recent = ctx.store.events
    .ofTypeSince('survey.burstRefused', now - blockMinutes * 60_000)
    .filter((e) => e.station === stationId);
  const until = Math.max(0, ...recent.map((e) => (e.payload as { blockedUntil: number }).blockedUntil));
  return until > now ? until : null;
}

export function burstRefusal(until: number, timeOfDay: string): LoketError {
  return new LoketError(
    'TOO_MANY_ATTEMPTS',
    {
      id: `Terlalu banyak kode yang ditolak di perangkat ini. Survei dibuka lagi pukul ${timeOfDay}; petugas sudah diberi tahu.`,
      en: `Too many codes were refused at this device. The survey opens again at ${timeOfDay}; staff have been told.`,
    },
    { blockedUntil: until },
  );
}

/**
 * Runs a scan; a refusal counts towards the station's burst. The refusal that makes a burst writes
 * `survey.burstRefused` (its own transaction: the scan itself wrote nothing) and is answered with
 * the block instead.
 */
export function countingRefusals<T>(
  ctx: ServiceContext,
  caller: Caller,
  timeOfDay: (instant: number) => string,
  scan: () => T,
): T {
  try {
    return scan();
  } catch (error) {
    if (!isLoketError(error) || caller.stationId === null) throw error;
    const stationId = caller.stationId;
    const now = ctx.clock.now();
    const byStation = refusals.get(ctx.store) ?? new Map<string, number[]>();
    refusals.set(ctx.store, byStation);
    const times = [...(byStation.get(stationId) ?? []), now].filter(
      (t) => t > now - burstWindowMinutes * 60_000,
    );
    if (times.length <= burstLimit) {
      byStation.set(stationId, times);
      throw error;
    }
    byStation.delete(stationId);
    const until = now + blockMinutes * 60_000;
    const station = ctx.store.stations.find(stationId);
    ctx.store.transaction(() =>
      ctx.store.events.emit({
        type: 'survey.burstRefused',
        at: now,
        actor: caller.actor,
        station: stationId,
        payload: {
          station: { id: stationId, name: station?.name ?? stationId, mode: station?.mode ?? 'feedback' },
          refused: times.length,
          blockedUntil: until,
        },
      }),
    );
    throw burstRefusal(until, timeOfDay(until));
  }
}
