import type { InputOf, OutputOf } from '../../api/contract.ts';
import type { SurveyComplaint } from '../../api/surveyViews.ts';
import { LoketError, isLoketError } from '../../domain/errors.ts';
import {
  instantAt,
  isoInstant,
  localDateOf,
  minutesOfDayOf,
  plusDays,
  timeOfDayFrom,
} from '../../domain/localTime.ts';
import type { OfficeConfig } from '../../domain/office.ts';
import { readPayload } from '../../domain/payload.ts';
import { surveyElements } from '../../domain/survey/elements.ts';
import { equalWeights, ikmOfTotals, type IkmResult } from '../../domain/survey/ikm.ts';
import { surveyPeriod, type SurveyPeriod } from '../../domain/survey/periods.ts';
import { samplesNeeded } from '../../domain/survey/sampleSize.ts';
import type { SurveyFilter } from '../../store/survey.ts';
import type { Caller, ServiceContext } from '../context.ts';
import type { Officer } from '../officers.ts';
import { applicationOfReceipt } from '../receipts.ts';
import { blockedUntil, burstRefusal, countingRefusals } from './bursts.ts';
import { openSurvey, sealSurvey, surveyTokenMinutes, visitRefOf, type SurveySeal } from './token.ts';

/**
 * The Survei Kepuasan Masyarakat on the floor (issue 22; the rules: docs/survey.md). A feedback
 * station or the kiosk opens a form for a visit finished today (`startSurvey`), the citizen answers
 * it once (`submitSurvey`), and the supervisor reads the period's IKM (`surveyReport`), answers the
 * complaints (`answerSurveyComplaint`); an officer sees their counter's closed days only
 * (`mySurveyFigures`). An answer keeps the stage, counter, day and hour, never the visit.
 */

/** How recently a visit must have finished at the counter for "the visit just finished here". */
export const justFinishedMinutes = 10;

type Service = SurveySeal['service'];

const officeOf = (ctx: ServiceContext) => ctx.store.office.get();
const todayOf = (ctx: ServiceContext, office: OfficeConfig) => localDateOf(ctx.clock.now(), office.timeZone);
const hourOf = (instant: number, office: OfficeConfig) =>
  Math.floor(minutesOfDayOf(instant, office.timeZone) / 60);

const notFinished = () =>
  new LoketError('CONFLICT', {
    id: 'Kunjungan ini belum selesai hari ini. Survei diisi setelah pelayanan Anda selesai.',
    en: 'This visit has not finished today. The survey is for a service that has ended.',
  });
const alreadyAnswered = () =>
  new LoketError('CONFLICT', {
    id: 'Kunjungan ini sudah memberi penilaian.',
    en: 'This visit has already been rated.',
  });
const notThisOffice = () =>
  new LoketError('INVALID_SCAN', {
    id: 'Kode ini bukan tiket antrean atau tanda terima kantor ini. Pindai QR pada tiket atau tanda terima Anda.',
    en: "This code is not this office's queue ticket or receipt. Scan the QR on your ticket or receipt.",
  });

/** The service a visit received, from its booking (never asked of the citizen). */
function serviceOf(ctx: ServiceContext, ticketId: string, stage: string, office: OfficeConfig): Service {
  if (stage === office.pickup.stage) return 'pengambilan';
  const ticket = ctx.store.tickets.find(ticketId);
  const kind = ticket ? ctx.store.bookings.find(ticket.bookingCode)?.applicationKind : undefined;
  if (kind === 'baru') return 'paspor-baru';
  return kind ? 'penggantian' : 'lainnya';
}

/** Where a ticket's visit ended today: its latest queue entry done today and none of today's still live. */
function finishedToday(ctx: ServiceContext, ticketId: string, today: string) {
  const latest = ctx.store.queue.latestForTicket(ticketId);
  if (!latest || latest.status !== 'done' || latest.officeDate !== today) return null;
  // An earlier day's entry left waiting (a pickup's ticket is its interview day's) is another visit.
  if (ctx.store.queue.liveForTicket(ticketId).some((entry) => entry.officeDate === today)) return null;
  return latest;
}

interface FoundVisit {
  ticketId: string;
  stage: string;
  counter: number | null;
  finishedAt: number;
}

/** The visit a scanned ticket or receipt QR stands for, finished on this floor today. */
function visitOfCode(ctx: ServiceContext, code: string, office: OfficeConfig, today: string): FoundVisit {
  const payload = readPayload(code, { accept: ['ticket', 'receipt'] });
  if (payload.kind === 'ticket') {
    if (payload.office !== office.code || !ctx.store.tickets.find(payload.ticketId)) throw notThisOffice();
    const entry = finishedToday(ctx, payload.ticketId, today);
    if (!entry) throw notFinished();
    return {
      ticketId: payload.ticketId,
      stage: entry.stage,
      counter: entry.counter,
      finishedAt: entry.updatedAt,
    };
  }
  // A receipt: the passport handed over today ends the pickup visit (its number, where the floor
  // calls them, stands on the application's ticket at the pickup stage).
  const application = applicationOfReceipt(ctx, code);
  if (application.handedOverAt === null || localDateOf(application.handedOverAt, office.timeZone) !== today)
    throw new LoketError('CONFLICT', {
      id: 'Paspor pada tanda terima ini belum diserahkan hari ini. Survei diisi setelah paspor Anda terima.',
      en: 'The passport on this receipt was not handed over today. The survey is for after you receive it.',
    });
  const entry = finishedToday(ctx, application.ticketId, today);
  const atPickup = entry?.stage === office.pickup.stage ? entry : null;
  return {
    ticketId: application.ticketId,
    stage: office.pickup.stage,
    counter: atPickup?.counter ?? null,
    finishedAt: application.handedOverAt,
  };
}

/** The visit that finished last at the feedback station's counter, in the last minutes, not yet rated. */
function visitJustFinished(
  ctx: ServiceContext,
  caller: Caller,
  office: OfficeConfig,
  today: string,
): FoundVisit {
  const station = caller.stationId ? ctx.store.stations.find(caller.stationId) : null;
  const counter = station?.counter ?? null;
  if (counter === null)
    throw new LoketError('INVALID_INPUT', {
      id: 'Perangkat survei ini tidak ditempatkan di sebuah loket. Pindai QR pada tiket atau tanda terima Anda.',
      en: 'This survey device does not stand at a counter. Scan the QR on your ticket or receipt.',
    });
  const since = ctx.clock.now() - justFinishedMinutes * 60_000;
  for (const done of ctx.store.survey.finishedAtCounter(counter, today, since)) {
    const entry = finishedToday(ctx, done.ticketId, today);
    if (!entry || entry.counter !== counter) continue;
    if (ctx.store.survey.visitAnswered(visitRefOf(ctx, done.ticketId, today))) continue;
    return { ticketId: done.ticketId, stage: entry.stage, counter, finishedAt: entry.updatedAt };
  }
  throw new LoketError('NOT_FOUND', {
    id: 'Belum ada kunjungan yang baru selesai di loket ini. Pindai QR pada tiket Anda.',
    en: 'No visit has just finished at this counter. Scan the QR on your ticket.',
  });
}

export function startSurvey(
  ctx: ServiceContext,
  caller: Caller,
  input: InputOf<'startSurvey'>,
): OutputOf<'startSurvey'> {
  const office = officeOf(ctx);
  const clock = (instant: number) => timeOfDayFrom(minutesOfDayOf(instant, office.timeZone));
  if (caller.stationId === null)
    throw new LoketError('FORBIDDEN', {
      id: 'Survei diisi di perangkat survei atau kios.',
      en: 'The survey is answered at a feedback station or a kiosk.',
    });
  const stationId = caller.stationId;
  const until = blockedUntil(ctx, stationId);
  if (until !== null) throw burstRefusal(until, clock(until));
  return countingRefusals(ctx, caller, clock, () => {
    const today = todayOf(ctx, office);
    const visit =
      'code' in input
        ? visitOfCode(ctx, input.code, office, today)
        : visitJustFinished(ctx, caller, office, today);
    const visitRef = visitRefOf(ctx, visit.ticketId, today);
    if (ctx.store.survey.visitAnswered(visitRef)) throw alreadyAnswered();
    const service = serviceOf(ctx, visit.ticketId, visit.stage, office);
    const token = sealSurvey(ctx, {
      visitRef,
      stationId,
      stage: visit.stage,
      counter: visit.counter,
      service,
      officeDate: today,
      hour: hourOf(visit.finishedAt, office),
      expiresAt: ctx.clock.now() + surveyTokenMinutes * 60_000,
    });
    return { token, stage: visit.stage, counter: visit.counter, service };
  });
}

export function submitSurvey(
  ctx: ServiceContext,
  caller: Caller,
  input: InputOf<'submitSurvey'>,
): OutputOf<'submitSurvey'> {
  const office = officeOf(ctx);
  let seal: SurveySeal;
  try {
    seal = openSurvey(ctx, input.token, caller.stationId ?? caller.actor);
  } catch (error) {
    if (isLoketError(error)) throw error;
    // A body that is not the JSON this hub sealed cannot carry a valid seal; said the same way.
    throw new LoketError('INVALID_INPUT', {
      id: 'Formulir survei ini tidak sah atau sudah kedaluwarsa. Silakan pindai ulang tiket atau tanda terima Anda.',
      en: 'This survey form is not valid or has expired. Please scan your ticket or receipt again.',
    });
  }
  const now = ctx.clock.now();
  const answers = surveyElements.map((e) => input.answers[e] ?? null);
  return ctx.store.transaction(() => {
    if (!ctx.store.survey.recordVisit(seal.visitRef)) throw alreadyAnswered();
    const hourStart = instantAt(
      localDateOf(now, office.timeZone),
      timeOfDayFrom(hourOf(now, office) * 60),
      office.timeZone,
    );
    ctx.store.survey.addResponse({
      officeDate: seal.officeDate,
      hour: seal.hour,
      stage: seal.stage,
      counter: seal.counter,
      stationId: seal.stationId,
      service: seal.service,
      answers,
      sex: input.profile?.sex ?? null,
      ageBand: input.profile?.ageBand ?? null,
      education: input.profile?.education ?? null,
      occupation: input.profile?.occupation ?? null,
      comment: input.comment ?? null,
      answeredAt: hourStart,
    });
    ctx.store.events.emit({
      type: 'survey.answered',
      at: now,
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        stage: seal.stage,
        counter: seal.counter,
        officeDate: seal.officeDate,
        hour: seal.hour,
        elements: surveyElements.filter((e) => input.answers[e] !== undefined),
        scores: Object.fromEntries(
          surveyElements.flatMap((e) => {
            const score = input.answers[e];
            return score === undefined || score === null ? [] : [[e, score]];
          }),
        ),
        hasComment: input.comment !== undefined,
      },
    });
    return { recorded: true as const };
  });
}

/** The office's weights: its own (`surveyWeights`), or 1/9 each. */
export function weightsOf(office: OfficeConfig): readonly number[] {
  return office.surveyWeights ?? equalWeights;
}

function periodOf(input: InputOf<'surveyReport'>): SurveyPeriod {
  return surveyPeriod(input.period, input.year, input.index);
}

function figures(ctx: ServiceContext, filter: SurveyFilter, weights: readonly number[]) {
  const survey = ctx.store.survey;
  const overall: IkmResult = ikmOfTotals(survey.totals(filter), weights);
  const population = survey.finishedVisits(filter);
  return {
    weights: [...weights],
    overall,
    byStage: survey.byStage(filter).map(({ stage, totals }) => ({ stage, ...ikmOfTotals(totals, weights) })),
    byCounter: survey
      .byCounter(filter)
      .map(({ counter, totals }) => ({ counter, ...ikmOfTotals(totals, weights) })),
    sample: { population, needed: samplesNeeded(population), responses: overall.responses },
    profile: {
      sex: survey.profile('sex', filter),
      ageBand: survey.profile('ageBand', filter),
      education: survey.profile('education', filter),
      occupation: survey.profile('occupation', filter),
      service: survey.profile('service', filter),
    },
  };
}

function complaintsOf(ctx: ServiceContext, filter: SurveyFilter, office: OfficeConfig): SurveyComplaint[] {
  const rows = ctx.store.survey.complaints(filter);
  const followUps = ctx.store.survey.followUps(rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    day: row.officeDate,
    hour: row.hour,
    stage: row.stage,
    counter: row.counter,
    text: row.comment,
    followUps: followUps
      .filter((f) => f.responseId === row.id)
      .map((f) => ({ at: isoInstant(f.at, office.timeZone), officer: f.officer, note: f.note })),
  }));
}

function burstsOf(ctx: ServiceContext, period: SurveyPeriod, office: OfficeConfig) {
  const from = instantAt(period.from, '00:00', office.timeZone);
  const to = instantAt(plusDays(period.to, 1), '00:00', office.timeZone);
  return ctx.store.events
    .ofTypeSince('survey.burstRefused', from)
    .filter((e) => e.at < to && e.type === 'survey.burstRefused')
    .map((e) => {
      const payload = e.payload as { station: { name: string }; refused: number };
      return {
        at: isoInstant(e.at, office.timeZone),
        station: payload.station.name,
        refused: payload.refused,
      };
    });
}

/** The supervisor's report of a period: everything, complaints and bursts included. */
export function surveyReport(ctx: ServiceContext, input: InputOf<'surveyReport'>): OutputOf<'surveyReport'> {
  const office = officeOf(ctx);
  const period = periodOf(input);
  const filter: SurveyFilter = {
    from: period.from,
    to: period.to,
    stage: input.stage,
    counter: input.counter,
  };
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    ...figures(ctx, filter, weightsOf(office)),
    complaints: complaintsOf(ctx, filter, office),
    bursts: burstsOf(ctx, period, office),
  };
}

/**
 * An officer's own counter over the period's days that are over: today is never in it, so nobody
 * watches a citizen's answer come in; aggregates only, no complaint and no burst.
 */
export function mySurveyFigures(
  ctx: ServiceContext,
  caller: Caller & { officer?: Officer },
  input: InputOf<'mySurveyFigures'>,
): OutputOf<'mySurveyFigures'> {
  const office = officeOf(ctx);
  const counter = caller.officer?.session.counter ?? null;
  if (counter === null)
    throw new LoketError('CONFLICT', {
      id: 'Buka loket Anda terlebih dahulu: angka survei dilihat per loket.',
      en: 'Open your counter first: survey figures are per counter.',
    });
  const period = periodOf(input);
  const yesterday = plusDays(todayOf(ctx, office), -1);
  const to = period.to < yesterday ? period.to : yesterday;
  // A period that has not begun before today: an empty range, so nothing is read.
  const filter: SurveyFilter = { from: period.from, to, stage: input.stage, counter };
  return {
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
    ...figures(ctx, filter, weightsOf(office)),
    complaints: [],
    bursts: [],
  };
}

export function answerSurveyComplaint(
  ctx: ServiceContext,
  caller: Caller & { officer?: Officer },
  input: InputOf<'answerSurveyComplaint'>,
): OutputOf<'answerSurveyComplaint'> {
  const office = officeOf(ctx);
  const officerId = caller.officer?.user.id ?? caller.actor;
  return ctx.store.transaction(() => {
    const response = ctx.store.survey.response(input.id);
    if (!response || response.comment === null)
      throw new LoketError(
        'NOT_FOUND',
        {
          id: 'Tidak ada keluhan atau saran dengan nomor ini.',
          en: 'There is no complaint or suggestion with this number.',
        },
        { id: input.id },
      );
    const at = ctx.clock.now();
    ctx.store.survey.addFollowUp(response.id, officerId, input.note, at);
    const filter = { from: response.officeDate, to: response.officeDate };
    const complaint = complaintsOf(ctx, filter, office).find((c) => c.id === response.id);
    if (!complaint) throw new Error(`complaint ${response.id} vanished`);
    ctx.store.events.emit({
      type: 'survey.complaintAnswered',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { complaintId: response.id, officer: officerId, followUps: complaint.followUps.length },
    });
    return complaint;
  });
}
