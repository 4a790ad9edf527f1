import { z } from 'zod';
import { applicationKinds, type ApplicationKind } from '../applicationKinds.ts';
import { classifyArrival } from '../arrival.ts';
import { calendarDaySchema, isWorkingDay, type WorkingWeek } from '../calendar.ts';
import {
  callingPolicySchema,
  freshCallingMemory,
  nextToCall,
  rememberCall,
  type CallingMemory,
  type QueuedTicket,
} from '../callingOrder.ts';
import { laneIds, type LaneId } from '../laneIds.ts';
import {
  instantAt,
  isValidLocalDate,
  isValidTimeZone,
  localDatePattern,
  minutesOf,
  plusDays,
  timeOfDayFrom,
  type LocalDate,
} from '../localTime.ts';
import { officeConfigSchema, pickupSchema } from '../office.ts';
import { pickupPromise } from '../pickupPromise.ts';
import { byDeadline, projectQueue, type QueuedJob } from '../printQueue.ts';
import { distributionSchema, draw } from './distributions.ts';
import { EventQueue } from './events.ts';
import type { ResolvedPolicy } from './policies.ts';
import { randomStreams, type RandomStream } from './random.ts';

/**
 * One office day on a simulated clock (minutes of the office's local day): bookings arrive early,
 * on time, late or not at all; check-in applies the arrival-window rules (`classifyArrival`);
 * counters call through the floor's calling order (`nextToCall`, `rememberCall`); the last stage's
 * approvals get the pickup promise (`pickupPromise`) and join the print queue in deadline order
 * (`byDeadline`); at closing the queue left is projected (`projectQueue`) to count the promises it
 * would miss. The rules are the floor's own functions; only the clock and the citizens are made up.
 *
 * Everything random is drawn per citizen before the day runs, in booking order, from the seed's
 * streams: the same seed gives the same citizens (arrival, service times, spoiled prints) under
 * every policy, and the same output byte for byte.
 */

const minuteOfDay = z.number().finite().min(0).max(1440);
const stageId = z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'lower-case letters, digits and _');
const share = z.number().finite().min(0).max(1);

const breakSchema = z
  .object({
    start: minuteOfDay,
    end: minuteOfDay,
    /** How many of the stage's officers take this break (staggered breaks are several entries). */
    officers: z.number().int().min(1).max(30),
  })
  .strict()
  .refine((b) => b.start < b.end, 'a break must end after it starts');

export const simulatedStageSchema = z
  .object({
    id: stageId,
    /** Officers (counters) serving the stage. */
    officers: z
      .number({ error: 'officers must be a number' })
      .int('officers must be a whole number')
      .min(1, 'a stage needs at least 1 officer')
      .max(30, 'at most 30 officers a stage'),
    service: distributionSchema,
    breaks: z.array(breakSchema).max(20).default([]),
  })
  .strict();
export type SimulatedStage = z.infer<typeof simulatedStageSchema>;

export const simulatedBookingSchema = z
  .object({
    /** The arrival window booked (1 = the one opening at opening time). */
    window: z.number().int().min(1).max(288),
    lane: z.enum(laneIds).exclude(['standby']),
    /** Drawn from the mix when absent. */
    kind: z.enum(applicationKinds).optional(),
    /** A replayed day's arrival minute; null: did not come. Drawn from the behaviour when absent. */
    arrivalMinute: minuteOfDay.nullable().optional(),
    /** A replayed day's measured service minutes per stage; drawn when absent. */
    serviceMinutes: z.record(stageId, z.number().finite().min(0).max(1440)).optional(),
  })
  .strict();
export type SimulatedBooking = z.infer<typeof simulatedBookingSchema>;

export const floorDayLimits = { bookings: 5000, handoverVisits: 5000, backlog: 20_000 } as const;

/** Seeds a run may ask for: from the command line, and from the supervisor console (bounded). */
export const floorSimulationLimits = { seeds: 1000, consoleSeeds: 200, policies: 6 } as const;

export const floorDayInput = z
  .object({
    date: z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date'),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    /** The day's opening hours, minutes of the day. */
    open: minuteOfDay,
    close: minuteOfDay,
    windowMinutes: z.number().int().min(5).max(1440),
    checkIn: officeConfigSchema.shape.checkIn,
    calling: callingPolicySchema,
    /** The applicant's stages in the order a visit takes them; the last one's completion is the approval. */
    stages: z.array(simulatedStageSchema).min(1).max(10),
    /** Minutes from a call to the citizen at the desk; the counter waits through them. */
    walkUpMinutes: z.number().finite().min(0).max(30).default(0.5),
    bookings: z.array(simulatedBookingSchema).max(floorDayLimits.bookings),
    arrival: z
      .object({
        noShow: share,
        /** Of those who come: before the window opens, and after it ends; the rest within it. */
        early: share,
        late: share,
        earlyMinutes: distributionSchema,
        lateMinutes: distributionSchema,
      })
      .strict()
      .refine((a) => a.early + a.late <= 1, 'early + late must not exceed 1'),
    kindMix: z.partialRecord(z.enum(applicationKinds), share).refine((mix) => {
      const total = Object.values(mix).reduce((sum, v) => sum + v, 0);
      return total > 0;
    }, 'the mix of application kinds needs a share above 0'),
    /** Another day's visits: collecting a ready passport at the handover counters; null: not simulated. */
    handover: z
      .object({
        officers: z.number().int().min(1).max(30),
        service: distributionSchema,
        visits: z.number().int().min(0).max(floorDayLimits.handoverVisits),
        from: minuteOfDay,
        to: minuteOfDay,
      })
      .strict()
      .refine((h) => h.from < h.to, 'handover hours must end after they start')
      .nullable(),
    printer: z
      .object({
        secondsPerPassport: z.number().finite().positive().max(3600),
        /** The share of prints spoiled and printed again. */
        spoilRate: z.number().finite().min(0).max(0.5),
        /** Earlier days' approved passports still to print at opening. */
        backlogAtOpen: z.number().int().min(0).max(floorDayLimits.backlog),
        /** Approvals on each of the last working days (the promises already made on the printer). */
        approvalsPerDayBefore: z.number().int().min(0).max(floorDayLimits.backlog),
      })
      .strict(),
    pickup: pickupSchema.pick({ workingDays: true, printerCapacityPerDay: true, hours: true }),
    /** The calendar and week the promise counts working days in. */
    calendar: z.array(calendarDaySchema).max(2000),
    officeHours: officeConfigSchema.shape.hours,
    closures: officeConfigSchema.shape.closures,
    /** "Inside the window": first called before the window's end plus this. */
    insideWindowGraceMinutes: z.number().int().min(0).max(240).default(15),
    sampleEveryMinutes: z.number().int().min(1).max(60).default(5),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.open >= input.close)
      context.addIssue({ code: 'custom', path: ['close'], message: 'the office must close after it opens' });
    const windows = Math.ceil((input.close - input.open) / input.windowMinutes);
    input.bookings.forEach((booking, index) => {
      if (booking.window > windows)
        context.addIssue({
          code: 'custom',
          path: ['bookings', index, 'window'],
          message: `window ${booking.window} is beyond the day's ${windows} windows (${timeOfDayFrom(input.open)}–${timeOfDayFrom(input.close)})`,
        });
    });
    input.stages.forEach((stage, index) => {
      for (const pause of stage.breaks)
        if (pause.officers > stage.officers)
          context.addIssue({
            code: 'custom',
            path: ['stages', index, 'breaks'],
            message: `a break of ${pause.officers} officers at ${stage.id}, which has ${stage.officers}`,
          });
    });
    if (input.printer.backlogAtOpen > 4 * input.printer.approvalsPerDayBefore)
      context.addIssue({
        code: 'custom',
        path: ['printer', 'backlogAtOpen'],
        message:
          'the backlog at opening must come from the last four working days: at most 4 × approvalsPerDayBefore',
      });
    const ids = input.stages.map((s) => s.id);
    if (new Set(ids).size !== ids.length)
      context.addIssue({ code: 'custom', path: ['stages'], message: 'stage ids must be distinct' });
  });
export type FloorDayInput = z.output<typeof floorDayInput>;

/** One citizen's day, when asked for (replay, the reports' KPIs). Minutes of the day. */
export interface SimulatedVisit {
  number: string;
  lane: LaneId;
  bookedLane: LaneId;
  window: number;
  windowStart: number;
  windowEnd: number;
  kind: ApplicationKind;
  arrival: number;
  checkIn: number;
  standby: boolean;
  stages: {
    stage: string;
    enqueued: number;
    called: number;
    started: number;
    ended: number;
    officer: number;
  }[];
  /** The pickup date promised at the last stage; null for lost or damaged (after the BAP). */
  promisedDate: LocalDate | null;
}

/** One replication of one policy: the measures a supervisor compares. Minutes unless named. */
export interface FloorDayOutcome {
  policy: string;
  seed: number;
  booked: number;
  arrived: number;
  /** Sent away to come back at check-in's opening. */
  cameTooEarly: number;
  /** Came at or after closing time: check-in is shut, they go home without a number. */
  turnedAway: number;
  standby: number;
  /** Applicants who finished every stage. */
  served: number;
  /** First call minus the later of arrival and the window's start. */
  waitP50: number;
  waitP90: number;
  waitMax: number;
  /** Of those who came before their window's end plus the late tolerance: called first by the window's end plus the grace. */
  insideWindowShare: number;
  /** Per stage: its own wait (from joining its line to the call) and its officers' busy share of their hours. */
  stages: { stage: string; waitP50: number; waitP90: number; utilisation: number }[];
  /** Applicants waiting at any stage at each sample, from opening to closing. */
  queueLength: number[];
  meanQueueLength: number;
  /** The minute the last applicant left the last stage (past closing means overtime). */
  lastServed: number;
  overtimeMinutes: number;
  handover: { served: number; waitP50: number; waitP90: number; utilisation: number } | null;
  printed: number;
  printerBacklogAtClose: number;
  /** Jobs at closing that the printer's projection says would be late for their promise. */
  promisesAtRisk: number;
  /** Lost and damaged passports: no date until the BAP. */
  afterBap: number;
  /** Every applicant's wait, for the distribution chart. */
  waits: number[];
  visits?: SimulatedVisit[];
}

interface Visit extends QueuedTicket {
  booking: SimulatedBooking;
  index: number;
  bookedLane: LaneId;
  window: number;
  windowEnd: number;
  bookedWindowStart: number;
  kind: ApplicationKind;
  arrival: number | null;
  checkIn: number;
  standby: boolean;
  service: number[];
  spoils: number;
  stageIndex: number;
  enqueuedAt: number;
  record: SimulatedVisit['stages'];
}

interface Officer {
  busy: boolean;
  breaks: [number, number][];
  busyMinutes: number;
}

type Happening =
  | { type: 'checkIn'; visit: Visit }
  | { type: 'done'; stage: number; officer: number; visit: Visit }
  | { type: 'wake' }
  | { type: 'printed'; job: Job }
  | { type: 'sample' };

interface Job extends QueuedJob {
  spoilsLeft: number;
}

const nearestRank = (sorted: readonly number[], p: number): number =>
  sorted.length ? (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number) : 0;
const sortedCopy = (values: readonly number[]) => Float64Array.from(values).sort();

/** The citizens of a seed: every random draw of the day, made once, in booking order. */
function drawCitizens(input: FloorDayInput, seed: number) {
  const [arrivals, service, kinds, handover] = randomStreams(seed, 4) as [
    RandomStream,
    RandomStream,
    RandomStream,
    RandomStream,
  ];
  const mix = Object.entries(input.kindMix) as [ApplicationKind, number][];
  const mixTotal = mix.reduce((sum, [, v]) => sum + v, 0);
  const pickKind = (): ApplicationKind => {
    let u = kinds.unit() * mixTotal;
    for (const [kind, weight] of mix) {
      u -= weight;
      if (u <= 0) return kind;
    }
    return (mix.at(-1) as [ApplicationKind, number])[0];
  };
  const { arrival: behaviour } = input;
  const citizens = input.bookings.map((booking) => {
    const windowStart = input.open + (booking.window - 1) * input.windowMinutes;
    const windowEnd = Math.min(input.close, windowStart + input.windowMinutes);
    // Draws are taken whether used or not, so one field given never shifts the others' draws.
    const showDraw = arrivals.unit();
    const whenDraw = arrivals.unit();
    const withinDraw = arrivals.unit();
    const early = draw(behaviour.earlyMinutes, arrivals);
    const late = draw(behaviour.lateMinutes, arrivals);
    let arrival: number | null;
    if (booking.arrivalMinute !== undefined) arrival = booking.arrivalMinute;
    else if (showDraw <= behaviour.noShow) arrival = null;
    else if (whenDraw <= behaviour.early) arrival = Math.max(0, windowStart - early);
    else if (whenDraw <= behaviour.early + behaviour.late) arrival = Math.min(1439, windowEnd + late);
    else arrival = windowStart + (windowEnd - windowStart) * (1 - withinDraw);
    const times = input.stages.map((stage) => {
      const drawn = draw(stage.service, service);
      return booking.serviceMinutes?.[stage.id] ?? drawn;
    });
    const drawnKind = pickKind();
    let spoils = 0;
    while (spoils < 5 && kinds.unit() <= input.printer.spoilRate) spoils += 1;
    return { booking, windowStart, windowEnd, arrival, times, kind: booking.kind ?? drawnKind, spoils };
  });
  const handovers = input.handover
    ? Array.from({ length: input.handover.visits }, () => {
        const h = input.handover as NonNullable<FloorDayInput['handover']>;
        return { arrival: h.from + (h.to - h.from) * (1 - handover.unit()), time: draw(h.service, handover) };
      }).sort((a, b) => a.arrival - b.arrival)
    : [];
  return { citizens, handovers };
}

/** Officers of a stage with their breaks: each break goes to the next officers in turn, so staggered breaks fall on different people. */
function officersOf(stage: { officers: number; breaks: { start: number; end: number; officers: number }[] }) {
  const officers: Officer[] = Array.from({ length: stage.officers }, () => ({
    busy: false,
    breaks: [],
    busyMinutes: 0,
  }));
  let next = 0;
  for (const pause of stage.breaks)
    for (let i = 0; i < pause.officers; i += 1) {
      (officers[next % officers.length] as Officer).breaks.push([pause.start, pause.end]);
      next += 1;
    }
  return officers;
}

/** Runs one day of `input` under `policy` with the citizens of `seed`. */
export function runFloorDay(
  input: FloorDayInput,
  policy: ResolvedPolicy,
  seed: number,
  options: { keepVisits?: boolean } = {},
): FloorDayOutcome {
  const { citizens, handovers } = drawCitizens(input, seed);
  // Numbers only break ties in the calling order; they read like the floor's, lane then window.
  const counters = new Map<string, number>();
  const numberFor = (lane: LaneId, window: number) => {
    const key = `${lane}${window}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}-${String(n).padStart(3, '0')}`;
  };
  const dayOpen = { checkIn: input.checkIn };
  const windowsToday = Math.ceil((input.close - input.open) / input.windowMinutes);
  const windowAt = (minute: number) =>
    Math.min(windowsToday, Math.max(1, Math.floor((minute - input.open) / input.windowMinutes) + 1));

  // Check-in under the policy: the window rules (come back later, or standby), or a number on arrival.
  const visits: Visit[] = [];
  let turnedAway = 0;
  citizens.forEach((citizen, index) => {
    if (citizen.arrival === null) return;
    const arrival = citizen.arrival;
    // Check-in refuses everyone from closing time on (`services/checkIn.ts`), whatever the policy.
    if (arrival >= input.close) {
      turnedAway += 1;
      return;
    }
    let checkIn = arrival;
    let standby = false;
    if (policy.checkInRules) {
      const verdict = classifyArrival(
        dayOpen,
        { start: timeOfDayFrom(citizen.windowStart), end: timeOfDayFrom(citizen.windowEnd) },
        arrival,
      );
      if (verdict.kind === 'too_early') checkIn = minutesOf(verdict.comeBackAt);
      else if (verdict.kind === 'late') standby = true;
    }
    const lane: LaneId = !policy.priority ? 'regular' : standby ? 'standby' : citizen.booking.lane;
    const window = standby ? windowAt(checkIn) : citizen.booking.window;
    const windowStart = !policy.windows
      ? 0
      : standby
        ? input.open + (window - 1) * input.windowMinutes
        : citizen.windowStart;
    visits.push({
      id: `v${String(index).padStart(5, '0')}`,
      number: policy.windows ? numberFor(lane, window) : '',
      lane,
      windowStart,
      placedAt: checkIn,
      booking: citizen.booking,
      index,
      bookedLane: citizen.booking.lane,
      window: citizen.booking.window,
      windowEnd: citizen.windowEnd,
      bookedWindowStart: citizen.windowStart,
      kind: citizen.kind,
      arrival,
      checkIn,
      standby,
      service: citizen.times,
      spoils: citizen.spoils,
      stageIndex: -1,
      enqueuedAt: checkIn,
      record: [],
    });
  });
  // Without windows the numbers run in the order taken, as a paper roll does.
  if (!policy.windows) {
    const byTaking = [...visits].sort((a, b) => a.checkIn - b.checkIn || a.index - b.index);
    byTaking.forEach((visit, i) => (visit.number = `A-${String(i + 1).padStart(4, '0')}`));
  }

  const stages = input.stages.map((stage) => ({
    id: stage.id,
    waiting: [] as Visit[],
    officers: officersOf(stage),
    memory: freshCallingMemory as CallingMemory,
    waits: [] as number[],
  }));
  const handoverStage = input.handover
    ? {
        id: 'handover',
        waiting: [] as Visit[],
        officers: officersOf({ officers: input.handover.officers, breaks: [] }),
        memory: freshCallingMemory as CallingMemory,
        waits: [] as number[],
      }
    : null;
  const allStages = handoverStage ? [...stages, handoverStage] : stages;
  const handoverIndex = stages.length;

  const events = new EventQueue<Happening>();
  for (const visit of visits) events.schedule(visit.checkIn, { type: 'checkIn', visit });
  handovers.forEach((h, i) => {
    const visit: Visit = {
      id: `p${String(i).padStart(5, '0')}`,
      number: `P-${String(i + 1).padStart(3, '0')}`,
      lane: 'regular',
      windowStart: input.handover?.from ?? 0,
      placedAt: h.arrival,
      booking: { window: 1, lane: 'regular' },
      index: -1,
      bookedLane: 'regular',
      window: 0,
      windowEnd: input.handover?.to ?? 0,
      bookedWindowStart: input.handover?.from ?? 0,
      kind: 'baru',
      arrival: h.arrival,
      checkIn: h.arrival,
      standby: false,
      service: new Array<number>(handoverIndex + 1).fill(0).map((_, s) => (s === handoverIndex ? h.time : 0)),
      spoils: 0,
      stageIndex: handoverIndex - 1,
      enqueuedAt: h.arrival,
      record: [],
    };
    events.schedule(h.arrival, { type: 'checkIn', visit });
  });
  // Counters may call at opening, when each window opens (a no-early policy waits for it) and after each break.
  const wakes = new Set<number>([input.open]);
  for (let w = 1; w <= windowsToday; w += 1) wakes.add(input.open + (w - 1) * input.windowMinutes);
  for (const stage of input.stages) for (const pause of stage.breaks) wakes.add(pause.end);
  for (const at of [...wakes].sort((a, b) => a - b)) events.schedule(at, { type: 'wake' });
  for (let t = input.open; t <= input.close; t += input.sampleEveryMinutes)
    events.schedule(t, { type: 'sample' });

  // The promises already made on the printer, and the backlog still to print at opening.
  const before = earlierApprovals(input);
  const bookedByDate: Record<LocalDate, number> = { ...before.bookedByDate };
  // A promise stays the same while its date has room: days only fill during a day, never empty, so
  // the days before it stay full and its natural date does not move. Kept per kind, asked again
  // of `pickupPromise` once its date is full.
  const promised = new Map<ApplicationKind, ReturnType<typeof pickupPromise>>();
  const promiseFor = (kind: ApplicationKind) => {
    const last = promised.get(kind);
    if (last && (last.kind !== 'date' || (bookedByDate[last.date] ?? 0) < input.pickup.printerCapacityPerDay))
      return last;
    const promise = pickupPromise({
      interviewDate: input.date,
      applicationKind: kind,
      workingDays: input.pickup.workingDays,
      calendarYears: before.calendarYears,
      printLoad: { capacityPerDay: input.pickup.printerCapacityPerDay, bookedByDate },
      ...before.week,
    });
    promised.set(kind, promise);
    return promise;
  };
  const workingWeek = before.week;
  const openInstant = instantAt(input.date, '00:00', input.timeZone);
  const instantOf = (minute: number) => openInstant + minute * 60_000;
  const jobs: Job[] = before.backlog.map((job) => ({ ...job }));
  jobs.sort(byDeadline);

  const printMinutes = input.printer.secondsPerPassport / 60;
  let printerBusy = false;
  let printed = 0;
  let afterBap = 0;
  const startPrinting = (now: number) => {
    if (printerBusy || !jobs.length || now < input.open || now + printMinutes > input.close) return;
    printerBusy = true;
    events.schedule(now + printMinutes, { type: 'printed', job: jobs[0] as Job });
  };

  const queueLength: number[] = [];
  const applicantWaits: number[] = [];
  let lastServed = input.open;
  let served = 0;
  let insideEligible = 0;
  let inside = 0;
  const kept: SimulatedVisit[] = [];

  const available = (officer: Officer, now: number) =>
    !officer.busy && now >= input.open && !officer.breaks.some(([s, e]) => now >= s && now < e);
  // An officer's hours: the office's, or the handover counters' own.
  const hoursOf = (index: number): [number, number] =>
    index === handoverIndex && input.handover
      ? [input.handover.from, input.handover.to]
      : [input.open, input.close];
  const tryCalls = (index: number, now: number) => {
    const stage = allStages[index] as (typeof allStages)[number];
    const [from, to] = hoursOf(index);
    for (let o = 0; o < stage.officers.length && stage.waiting.length; o += 1) {
      const officer = stage.officers[o] as Officer;
      if (!available(officer, now)) continue;
      const next = nextToCall(stage.waiting, Math.floor(now), policy.calling, stage.memory);
      if (!next) return;
      stage.memory = rememberCall(stage.memory, next, policy.calling);
      stage.waiting.splice(stage.waiting.indexOf(next), 1);
      officer.busy = true;
      const time = next.service[index] as number;
      const ended = now + input.walkUpMinutes + time;
      officer.busyMinutes += Math.max(0, Math.min(ended, to) - Math.max(now, from));
      stage.waits.push(now - next.enqueuedAt);
      if (index !== handoverIndex && next.stageIndex === 0) {
        const wait = now - Math.max(next.arrival as number, next.bookedWindowStart);
        applicantWaits.push(wait);
        if (!next.standby && (next.arrival as number) <= next.windowEnd + input.checkIn.lateMinutes) {
          insideEligible += 1;
          if (now <= next.windowEnd + input.insideWindowGraceMinutes) inside += 1;
        }
      }
      next.record.push({
        stage: stage.id,
        enqueued: next.enqueuedAt,
        called: now,
        started: now + input.walkUpMinutes,
        ended,
        officer: o + 1,
      });
      events.schedule(ended, { type: 'done', stage: index, officer: o, visit: next });
    }
  };
  const enqueue = (visit: Visit, index: number, now: number) => {
    visit.stageIndex = index;
    visit.enqueuedAt = now;
    (allStages[index] as (typeof allStages)[number]).waiting.push(visit);
    tryCalls(index, now);
  };

  startPrinting(input.open);
  for (let next = events.next(); next; next = events.next()) {
    const now = next.at;
    const happening = next.event;
    switch (happening.type) {
      case 'checkIn':
        enqueue(happening.visit, happening.visit.index < 0 ? handoverIndex : 0, now);
        break;
      case 'done': {
        const { visit, stage, officer } = happening;
        ((allStages[stage] as (typeof allStages)[number]).officers[officer] as Officer).busy = false;
        if (stage !== handoverIndex) {
          if (stage + 1 < stages.length) enqueue(visit, stage + 1, now);
          else {
            served += 1;
            lastServed = Math.max(lastServed, now);
            const promise = promiseFor(visit.kind);
            if (promise.kind === 'date') {
              bookedByDate[promise.date] = (bookedByDate[promise.date] ?? 0) + 1;
              const job: Job = {
                id: visit.id,
                promisedDate: promise.date,
                approvedAt: instantOf(now),
                spoilsLeft: visit.spoils,
              };
              const at = jobs.findIndex((j) => byDeadline(job, j) < 0);
              jobs.splice(at < 0 ? jobs.length : at, 0, job);
              startPrinting(now);
            } else afterBap += 1;
            if (options.keepVisits)
              kept.push({
                number: visit.number,
                lane: visit.lane,
                bookedLane: visit.bookedLane,
                window: visit.window,
                windowStart: visit.bookedWindowStart,
                windowEnd: visit.windowEnd,
                kind: visit.kind,
                arrival: visit.arrival as number,
                checkIn: visit.checkIn,
                standby: visit.standby,
                stages: visit.record,
                promisedDate: promise.kind === 'date' ? promise.date : null,
              });
          }
        }
        tryCalls(stage, now);
        break;
      }
      case 'wake':
        for (let s = 0; s < allStages.length; s += 1) tryCalls(s, now);
        break;
      case 'printed': {
        printerBusy = false;
        const job = happening.job;
        if (job.spoilsLeft > 0) job.spoilsLeft -= 1;
        else {
          jobs.splice(jobs.indexOf(job), 1);
          printed += 1;
        }
        startPrinting(now);
        break;
      }
      case 'sample':
        queueLength.push(stages.reduce((sum, stage) => sum + stage.waiting.length, 0));
        break;
    }
  }

  const pace = {
    secondsPerPassport: input.printer.secondsPerPassport,
    basis: 'configured' as const,
    samples: 0,
  };
  const projection = projectQueue(jobs, {
    now: instantOf(input.close),
    pace,
    time: { timeZone: input.timeZone, ...workingWeek },
    pickupHours: input.pickup.hours,
  });
  // Busy minutes inside the officers' hours over those hours less their breaks; overtime is not counted.
  const utilisationOf = (
    index: number,
    officers: Officer[],
    stageBreaks: { start: number; end: number; officers: number }[],
  ) => {
    const [from, to] = hoursOf(index);
    const span = to - from;
    const away = stageBreaks.reduce(
      (sum, b) => sum + b.officers * Math.max(0, Math.min(b.end, to) - Math.max(b.start, from)),
      0,
    );
    const hours = officers.length * span - away;
    return hours > 0 ? officers.reduce((sum, o) => sum + o.busyMinutes, 0) / hours : 0;
  };
  const waitsSorted = sortedCopy(applicantWaits);
  const handoverSorted = handoverStage ? sortedCopy(handoverStage.waits) : null;
  return {
    policy: policy.id,
    seed,
    booked: input.bookings.length,
    arrived: visits.length,
    cameTooEarly: visits.filter((v) => v.checkIn > (v.arrival as number)).length,
    turnedAway,
    standby: visits.filter((v) => v.standby).length,
    served,
    waitP50: nearestRank(waitsSorted as unknown as number[], 0.5),
    waitP90: nearestRank(waitsSorted as unknown as number[], 0.9),
    waitMax: waitsSorted.length ? (waitsSorted[waitsSorted.length - 1] as number) : 0,
    insideWindowShare: insideEligible ? inside / insideEligible : 1,
    stages: stages.map((stage, i) => {
      const sorted = sortedCopy(stage.waits) as unknown as number[];
      return {
        stage: stage.id,
        waitP50: nearestRank(sorted, 0.5),
        waitP90: nearestRank(sorted, 0.9),
        utilisation: utilisationOf(i, stage.officers, (input.stages[i] as SimulatedStage).breaks),
      };
    }),
    queueLength,
    meanQueueLength: queueLength.length ? queueLength.reduce((s, v) => s + v, 0) / queueLength.length : 0,
    lastServed,
    overtimeMinutes: Math.max(0, lastServed - input.close),
    handover:
      handoverStage && handoverSorted
        ? {
            served: handoverStage.waits.length,
            waitP50: nearestRank(handoverSorted as unknown as number[], 0.5),
            waitP90: nearestRank(handoverSorted as unknown as number[], 0.9),
            utilisation: utilisationOf(handoverIndex, handoverStage.officers, []),
          }
        : null,
    printed,
    printerBacklogAtClose: jobs.length,
    promisesAtRisk: projection.filter((p) => p.atRisk).length,
    afterBap,
    waits: applicantWaits,
    ...(options.keepVisits ? { visits: kept } : {}),
  };
}

/**
 * What the days before left: the promises they made on the printer (each as the floor promised it,
 * oldest first) and the latest approvals still unprinted at opening. The same for every seed and
 * policy of an input, so worked out once per input.
 */
const earlierByInput = new WeakMap<
  FloorDayInput,
  { week: WorkingWeek; calendarYears: number[]; bookedByDate: Record<LocalDate, number>; backlog: Job[] }
>();
function earlierApprovals(input: FloorDayInput) {
  const known = earlierByInput.get(input);
  if (known) return known;
  const week: WorkingWeek = {
    calendar: input.calendar,
    officeHours: input.officeHours,
    closures: input.closures,
  };
  const calendarYears = [...new Set(input.calendar.map((d) => Number(d.date.slice(0, 4))))];
  const bookedByDate: Record<LocalDate, number> = {};
  const approved: Job[] = [];
  for (const day of previousWorkingDays(input.date, week, 4).reverse())
    for (let i = 0; i < input.printer.approvalsPerDayBefore; i += 1) {
      const promise = pickupPromise({
        interviewDate: day,
        applicationKind: 'baru',
        workingDays: input.pickup.workingDays,
        calendarYears,
        printLoad: { capacityPerDay: input.pickup.printerCapacityPerDay, bookedByDate },
        ...week,
      });
      if (promise.kind !== 'date') continue;
      bookedByDate[promise.date] = (bookedByDate[promise.date] ?? 0) + 1;
      approved.push({
        id: `${day}-${String(i).padStart(5, '0')}`,
        promisedDate: promise.date,
        approvedAt: instantAt(day, '08:00', input.timeZone) + i * 60_000,
        spoilsLeft: 0,
      });
    }
  const backlog = approved.slice(Math.max(0, approved.length - input.printer.backlogAtOpen)).sort(byDeadline);
  const earlier = { week, calendarYears, bookedByDate, backlog };
  earlierByInput.set(input, earlier);
  return earlier;
}

/** The `count` working days before `date`, nearest first. */
function previousWorkingDays(date: LocalDate, week: WorkingWeek, count: number): LocalDate[] {
  const days: LocalDate[] = [];
  let day = date;
  for (let steps = 0; days.length < count && steps < 400; steps += 1) {
    day = plusDays(day, -1);
    if (isWorkingDay(day, week)) days.push(day);
  }
  return days;
}
