import { readyNumbers } from './handover.ts';
import type {
  BoardView,
  ClaimsAndBreaksView,
  CounterView,
  EntryView,
  FloorView,
  OfficerView,
} from '../api/counterViews.ts';
import type { Appointment } from '../domain/appointment.ts';
import { LoketError } from '../domain/errors.ts';
import { counterOf, stageOf } from '../domain/floor.ts';
import { instantAt, isoInstant, localDateOf, timeOfDayFrom } from '../domain/localTime.ts';
import { laneOf, type OfficeConfig } from '../domain/office.ts';
import type { QueueEntry } from '../store/queue.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';
import type { Officer } from './officers.ts';
import { priorityClaimFigures } from './priorityClaims.ts';
import { todaysQuota } from './quota.ts';

export function officerView(officer: Officer): OfficerView {
  const { user, session } = officer;
  return { id: user.id, username: user.username, name: user.name, role: user.role, counter: session.counter };
}

const priority = (lane: string) => lane !== 'regular' && lane !== 'standby';

export function entryView(ctx: ServiceContext, office: OfficeConfig, entry: QueueEntry): EntryView {
  const ticket = ctx.store.tickets.find(entry.ticketId);
  const booking = ticket ? ctx.store.bookings.find(ticket.bookingCode) : null;
  if (!ticket || !booking) throw new LoketError('NOT_FOUND', { id: 'Tiket hilang.', en: 'Ticket missing.' });
  const lane = laneOf(office, entry.lane);
  const stage = stageOf(office.floor, entry.stage);
  // A pickup number stands on the visit's ticket: the counter opens the handover of its passport.
  const application =
    entry.stage === office.pickup.stage ? ctx.store.applications.findByTicket(entry.ticketId) : null;
  return {
    entryId: entry.id,
    ticketId: entry.ticketId,
    number: entry.number,
    stage: { id: entry.stage, name: stage?.name ?? { id: entry.stage, en: entry.stage } },
    lane: { id: lane.id, name: lane.name, priority: priority(lane.id) },
    window: application
      ? { start: office.pickup.hours.open, end: office.pickup.hours.close }
      : { start: ticket.windowStart, end: ticket.windowEnd },
    status: entry.status,
    recalls: entry.recalls,
    checkedInAt: isoInstant(entry.placedAt, office.timeZone),
    unverified: ticket.unverified === true,
    booking: bookingViewOf(booking),
    pickup: application ? { applicationId: application.id, applicationNumber: application.number } : null,
    priorityClaim: claimViewOf(ctx, office, entry.ticketId),
  };
}

function claimViewOf(
  ctx: ServiceContext,
  office: OfficeConfig,
  ticketId: string,
): EntryView['priorityClaim'] {
  const claim = ctx.store.priorityClaims.forTicket(ticketId);
  if (!claim) return null;
  const lane = laneOf(office, claim.claimedLane);
  return {
    lane: { id: lane.id, name: lane.name },
    kiosk: claim.kioskId === null ? null : (ctx.store.stations.find(claim.kioskId)?.name ?? null),
    claimedAt: isoInstant(claim.claimedAt, office.timeZone),
    late: claim.late,
    decision: claim.decision,
    reason: claim.reason,
    decidedBy: claim.officerId === null ? null : (ctx.store.officers.user(claim.officerId)?.name ?? null),
  };
}

export function bookingViewOf(booking: Appointment): EntryView['booking'] {
  return {
    code: booking.bookingCode,
    fullName: booking.fullName,
    nik: booking.nik,
    birthDate: booking.birthDate,
    sex: booking.sex,
    applicationKind: booking.applicationKind,
    passportType: booking.passportType,
    validityYears: booking.validityYears,
    phone: booking.phone ?? null,
  };
}

function waitingCounts(ctx: ServiceContext, today: string, stages?: readonly string[]) {
  return ctx.store.queue
    .waitingCounts(today)
    .filter((row) => !stages || stages.includes(row.stage))
    .map((row) => ({
      stage: row.stage,
      lane: row.lane,
      window: timeOfDayFrom(row.windowStart),
      waiting: row.waiting,
    }));
}

export function counterView(ctx: ServiceContext, caller: CounterCaller): CounterView {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const number = caller.officer.session.counter as number;
  const counter = counterOf(office.floor, number);
  if (!counter)
    throw new LoketError('OFFICER_REQUIRED', { id: 'Masuk di sebuah loket.', en: 'Sign in at a counter.' });
  const state = ctx.store.queue.counterState(number);
  const current = ctx.store.queue.atCounter(number);
  const figures = ctx.store.queue.officerFigures(today, caller.officer.user.id);
  return {
    counter: {
      number,
      stages: counter.stages.map((id) => ({ id, name: stageOf(office.floor, id)?.name ?? { id, en: id } })),
      lanes: counter.lanes,
      state: state?.state ?? 'closed',
      since: state ? isoInstant(state.since, office.timeZone) : null,
      breakReason: state?.state === 'on_break' ? ctx.store.queue.breakReason(number) : null,
    },
    officer: officerView(caller.officer),
    current: current ? entryView(ctx, office, current) : null,
    held: ctx.store.queue
      .heldAt(number, today)
      .map((e) => ({ entryId: e.id, number: e.number, stage: e.stage })),
    waiting: waitingCounts(ctx, today, counter.stages),
    figures: {
      called: figures.called,
      served: figures.served,
      averageServiceMinutes:
        figures.averageServiceMs === null ? null : Math.round(figures.averageServiceMs / 6000) / 10,
      outOfOrder: figures.outOfOrder,
    },
    noShowAfterRecalls: office.floor.noShowAfterRecalls,
    reasons: office.floor.outOfOrderReasons,
    transferTo: transferTargets(office, number, current?.stage ?? null),
  };
}

/** Where the called ticket may go: pickup numbers between pickup desks only, other tickets anywhere else. */
function transferTargets(
  office: OfficeConfig,
  here: number,
  stage: string | null,
): CounterView['transferTo'] {
  const pickup = office.pickup.stage;
  const atPickup = stage === pickup;
  return {
    stages: atPickup
      ? []
      : office.floor.stages.filter((s) => s.id !== pickup).map((s) => ({ id: s.id, name: s.name })),
    counters: office.floor.counters
      .filter(
        (c) =>
          c.number !== here && (atPickup ? c.stages.includes(pickup) : c.stages.some((s) => s !== pickup)),
      )
      .map((c) => c.number),
  };
}

/** What the now-serving board shows: no names, only numbers, counters and counts. */
export function boardView(ctx: ServiceContext): BoardView {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const perLane = new Map<string, number>();
  // Pickup numbers have no lane of their own: the lanes count the day's visits.
  for (const row of ctx.store.queue.waitingCounts(today))
    if (row.stage !== office.pickup.stage) perLane.set(row.lane, (perLane.get(row.lane) ?? 0) + row.waiting);
  const quota = todaysQuota(ctx);
  const lanes = quota.windows.flatMap((w) => w.lanes).filter((l) => l.lane !== 'standby');
  const wait = ctx.store.queue.averageWaitSince(today, now - 60 * 60_000);
  return {
    officeDate: today,
    now: isoInstant(now, office.timeZone),
    calls: ctx.store.queue.latestCallPerNumber(today, 12).map((c) => ({
      number: c.number,
      counter: c.counter,
      at: isoInstant(c.at, office.timeZone),
      kind: c.kind,
    })),
    waiting: office.lanes.map((lane) => ({
      lane: lane.id,
      name: lane.name,
      waiting: perLane.get(lane.id) ?? 0,
    })),
    quota: {
      used: lanes.reduce((sum, l) => sum + l.used, 0),
      total: lanes.reduce((sum, l) => sum + l.total, 0),
    },
    averageWaitMinutes: wait.averageMs === null ? null : Math.round(wait.averageMs / 6000) / 10,
    readyForPickup: readyNumbers(ctx).map((r) => r.number),
  };
}

/** The supervisor's view of the floor: each counter, who is there, what it serves, out-of-order calls. */
export function floorView(ctx: ServiceContext): FloorView {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const nameOf = (id: string | null) => (id ? (ctx.store.officers.user(id)?.name ?? id) : null);
  return {
    officeDate: today,
    counters: office.floor.counters.map((counter) => {
      const state = ctx.store.queue.counterState(counter.number);
      const session = ctx.store.officers.sessionAtCounter(counter.number);
      return {
        number: counter.number,
        state: state?.state ?? 'closed',
        since: state ? isoInstant(state.since, office.timeZone) : null,
        officer: nameOf(session?.userId ?? null),
        current: ctx.store.queue.atCounter(counter.number)?.number ?? null,
      };
    }),
    outOfOrder: ctx.store.queue
      .outOfOrderCalls(today)
      .map((row) => ({ officer: nameOf(row.officerId) as string, calls: row.calls })),
    waiting: waitingCounts(ctx, today),
  };
}

const minutesOf = (ms: number) => Math.round(ms / 6000) / 10;

/**
 * The supervisor's view of today's priority claims (per kiosk, and the decisions per officer) and
 * of each officer's break time by reason.
 */
export function claimsAndBreaks(ctx: ServiceContext): ClaimsAndBreaksView {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const perOfficer = new Map<string, ClaimsAndBreaksView['breaks'][number]>();
  for (const row of ctx.store.queue.breakTime(instantAt(today, '00:00', office.timeZone), now)) {
    const name = ctx.store.officers.user(row.officerId)?.name ?? row.officerId;
    const officer = perOfficer.get(row.officerId) ?? { officer: name, minutes: 0, byReason: [] };
    officer.byReason.push({ reason: row.reason, minutes: minutesOf(row.ms), breaks: row.breaks });
    officer.minutes = Math.round((officer.minutes + minutesOf(row.ms)) * 10) / 10;
    perOfficer.set(row.officerId, officer);
  }
  return { officeDate: today, claims: priorityClaimFigures(ctx), breaks: [...perOfficer.values()] };
}
