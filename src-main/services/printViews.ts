import type { z } from 'zod';
import type { PrintJobView, PrintQueueView, reconciliationView } from '../api/printViews.ts';
import { isoInstant } from '../domain/localTime.ts';
import {
  printPace,
  projectQueue,
  workingMinutesPerDay,
  type Projection,
  type WorkingTime,
} from '../domain/printQueue.ts';
import type { NamedPrintJob, PrintJobRecord } from '../store/printJobs.ts';
import { bookingOf } from './applications.ts';
import { reconcileDay } from './booklets.ts';
import type { ServiceContext } from './context.ts';
import { printerStatus } from './passportPrinting.ts';

/** The print station's and the supervisor's views of the queue, the stock and the day's booklets. */

/** Prints the measured pace looks back over. */
const paceWindow = 20;

/** A job as the screens show it; a listed job brings its number and name, a single one looks them up. */
function jobView(
  ctx: ServiceContext,
  job: PrintJobRecord | NamedPrintJob,
  projection?: Projection,
): PrintJobView {
  const zone = ctx.store.office.get().timeZone;
  const named = 'fullName' in job ? job : namedJob(ctx, job);
  const iso = (at: number | null | undefined) =>
    at === null || at === undefined ? null : isoInstant(at, zone);
  return {
    id: job.id,
    applicationId: job.applicationId,
    applicationNumber: named.applicationNumber,
    fullName: named.fullName,
    passportType: job.passportType as PrintJobView['passportType'],
    promisedDate: job.promisedDate,
    approvedAt: isoInstant(job.approvedAt, zone),
    state: job.state,
    bookletSerial: job.bookletSerial,
    attempts: job.attempts,
    lastError: job.lastError,
    position: projection?.position ?? null,
    projectedFinish: iso(projection?.projectedFinish),
    deadline: iso(projection?.deadline),
    atRisk: projection?.atRisk ?? false,
  };
}

export { jobView as printJobViewOf };

function namedJob(ctx: ServiceContext, job: PrintJobRecord): NamedPrintJob {
  const application = ctx.store.applications.find(job.applicationId);
  return {
    ...job,
    applicationNumber: application?.number ?? '',
    fullName: application ? bookingOf(ctx, application).fullName : '',
  };
}

/** Whether a station prints on the simulated passport printer and reads with a simulated scanner. */
function simulatedReader(ctx: ServiceContext, stationId: string): boolean {
  if (ctx.store.stations.passportPrinter(stationId).address !== 'simulator') return false;
  const scanner = ctx.store.stations.devices().find((d) => d.stationId === stationId)?.scanner;
  return (scanner as { transport?: unknown } | null)?.transport === 'simulator';
}

/** The queue with each job's projected finish against its promise, the printer and its pace. */
export async function printQueueView(ctx: ServiceContext, stationId: string | null): Promise<PrintQueueView> {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const pace = printPace(ctx.store.booklets.lastPrintDurations(paceWindow), {
    workingMinutesPerDay: workingMinutesPerDay(office.hours),
    capacityPerDay: office.pickup.printerCapacityPerDay,
  });
  const time: WorkingTime = {
    timeZone: office.timeZone,
    officeHours: office.hours,
    closures: office.closures,
    calendar: ctx.store.calendar.closedDaysBetween(
      isoInstant(now, office.timeZone).slice(0, 10),
      '9999-12-31',
    ),
  };
  const waiting = ctx.store.printJobs.inStateNamed('printing', 'queued');
  const printing = waiting.filter((j) => j.state === 'printing');
  const queued = waiting.filter((j) => j.state === 'queued');
  const projections = new Map(
    projectQueue(queued, {
      now,
      pace,
      time,
      pickupHours: office.pickup.hours,
      busyUntil: printing.length ? now + pace.secondsPerPassport * 1000 : undefined,
    }).map((p) => [p.id, p]),
  );
  const queue = [
    ...printing.map((j) => jobView(ctx, j)),
    ...queued
      .map((j) => jobView(ctx, j, projections.get(j.id)))
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
  ];
  return {
    now: isoInstant(now, office.timeZone),
    printer:
      stationId && ctx.store.stations.find(stationId)?.mode === 'print'
        ? await printerStatus(ctx, stationId)
        : null,
    pace,
    queue,
    printed: ctx.store.printJobs.inStateNamed('printed').map((j) => jobView(ctx, j)),
    simulatedReader: stationId !== null && simulatedReader(ctx, stationId),
    ready: ctx.store.printJobs.inState('ready').length,
    atRisk: queue
      .filter((j) => j.atRisk)
      .map((j) => ({
        applicationNumber: j.applicationNumber,
        promisedDate: j.promisedDate,
        projectedFinish: j.projectedFinish,
      })),
  };
}

/** Consecutive serials as runs: `X0000001–X0000050`, a lone serial as itself. */
export function serialRuns(serials: readonly string[]): string[] {
  const runs: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const split = (s: string) => /^([A-Z]+)(\d+)$/.exec(s);
  const follows = (a: string, b: string) => {
    const x = split(a);
    const y = split(b);
    return !!x && !!y && x[1] === y[1] && x[2]?.length === y[2]?.length && Number(y[2]) === Number(x[2]) + 1;
  };
  for (const serial of [...serials].sort()) {
    if (prev !== null && follows(prev, serial)) {
      prev = serial;
      continue;
    }
    if (start !== null) runs.push(start === prev ? start : `${start}–${prev}`);
    start = serial;
    prev = serial;
  }
  if (start !== null) runs.push(start === prev ? start : `${start}–${prev}`);
  return runs;
}

/** The day's reconciliation as the report shows it: each figure and its serials as runs. */
export function reconciliationOf(ctx: ServiceContext, date: string): z.infer<typeof reconciliationView> {
  return {
    date,
    types: reconcileDay(ctx, date).map((r) => ({
      passportType: r.passportType,
      opening: r.opening,
      received: r.received,
      used: r.used,
      spoiled: r.spoiled,
      closing: r.closing,
      balances: r.closing === r.closingSerials.length && r.unaccounted.length === 0,
      openingSerials: serialRuns(r.openingSerials),
      receivedSerials: serialRuns(r.receivedSerials),
      usedSerials: r.usedSerials,
      spoiledSerials: r.spoiledSerials.map((s) => ({
        serial: s.serial,
        reason: s.reason,
        signedOff: s.signedOffBy !== null,
      })),
      closingSerials: serialRuns(r.closingSerials),
      unaccounted: r.unaccounted,
    })),
  };
}
