import { localDateOf, minutesOf, minutesOfDayOf } from '../domain/localTime.ts';
import { arrivalWindowsOn } from '../domain/office.ts';
import type { QuotaView } from '../api/views.ts';
import type { ServiceContext } from './context.ts';

/**
 * Today's arrival windows with tickets issued / quota per lane: what the kiosk and board show. A
 * window whose end has passed is marked `past`, for screens that show only what is still ahead.
 */
export function todaysQuota(ctx: ServiceContext): QuotaView {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const minuteNow = minutesOfDayOf(now, office.timeZone);
  const issued = ctx.store.tickets.issuedPerLaneAndWindow(today);
  return {
    officeDate: today,
    windows: arrivalWindowsOn(office, today).map((window) => ({
      ...window,
      past: minutesOf(window.end) <= minuteNow,
      lanes: office.lanes.map((lane) => ({
        lane: lane.id,
        used: issued.find((i) => i.lane === lane.id && i.windowNumber === window.number)?.issued ?? 0,
        total: lane.quotaPerWindow,
      })),
    })),
  };
}
