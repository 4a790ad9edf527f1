import { newId } from '../domain/ids.ts';
import { nextToCall, rememberCall, withoutPriority } from '../domain/callingOrder.ts';
import { priorityLaneIds } from '../domain/laneIds.ts';
import { LoketError } from '../domain/errors.ts';
import { counterOf, stageOf, type CounterConfig } from '../domain/floor.ts';
import { localDateOf, minutesOfDayOf } from '../domain/localTime.ts';
import type { OfficeConfig } from '../domain/office.ts';
import { breakReasons, type BreakReason, type CounterState, type EntryStatus } from '../domain/states.ts';
import type { QueueEntry } from '../store/queue.ts';
import type { TicketRecord } from '../store/tickets.ts';
import { eventOf, type EventTypeWith, type PayloadBeyond } from '../store/events.ts';
import type { Caller, ServiceContext } from './context.ts';
import type { Officer } from './officers.ts';

/**
 * The counters' use cases: call next in the calling order, recall, start, complete (the visit
 * moves to its next stage), no-show, hold and release, transfer, an out-of-order call with a
 * reason, and the counter's own state. Each is one transaction and writes the period rows every
 * duration derives from.
 */

export interface CounterCaller extends Caller {
  officer: Officer;
}

const conflict = (id: string, en: string) => new LoketError('CONFLICT', { id, en });

/**
 * Puts a ticket in a stage's queue (at check-in, or when its visit moves on), keeping its place; a
 * ticket whose priority claim was refused waits in the regular lane at every later stage too.
 */
export function enqueue(
  ctx: ServiceContext,
  ticket: Pick<TicketRecord, 'id' | 'officeDate' | 'number' | 'lane' | 'issuedAt'>,
  stage: string,
  windowStart: number,
  at: number,
  onlyCounter: number | null = null,
): QueueEntry {
  const entry: QueueEntry = {
    id: newId(),
    ticketId: ticket.id,
    officeDate: ticket.officeDate,
    stage,
    number: ticket.number,
    lane: ticket.lane,
    windowStart,
    placedAt: ticket.issuedAt,
    status: 'waiting',
    counter: null,
    officerId: null,
    onlyCounter,
    recalls: 0,
    updatedAt: at,
  };
  const refused = ctx.store.priorityClaims.forTicket(ticket.id)?.decision === 'refused';
  const placed =
    refused && priorityLaneIds.some((lane) => lane === entry.lane) ? withoutPriority(entry) : entry;
  ctx.store.queue.add(placed);
  ctx.store.queue.enterPeriod(placed, 'waiting', at, null, null);
  return placed;
}

export function counterOfCaller(office: OfficeConfig, caller: CounterCaller): CounterConfig {
  const number = caller.officer.session.counter;
  const counter = number === null ? null : counterOf(office.floor, number);
  if (!counter)
    throw new LoketError('OFFICER_REQUIRED', {
      id: 'Masuk di sebuah loket terlebih dahulu.',
      en: 'Sign in at a counter first.',
    });
  return counter;
}

export function current(ctx: ServiceContext, counter: number, allowed: readonly EntryStatus[]): QueueEntry {
  const entry = ctx.store.queue.atCounter(counter);
  if (!entry || !allowed.includes(entry.status))
    throw conflict(
      allowed.includes('called')
        ? 'Tidak ada tiket yang sedang dipanggil di loket ini.'
        : 'Mulai layanan tiket ini terlebih dahulu.',
      allowed.includes('called')
        ? 'No ticket is called at this counter.'
        : 'Start serving this ticket first.',
    );
  return entry;
}

export function move(
  ctx: ServiceContext,
  entry: QueueEntry,
  to: EntryStatus,
  caller: CounterCaller,
  at: number,
  onlyCounter: number | null = null,
): void {
  if (!ctx.store.queue.move(entry.id, entry.status, to, at, onlyCounter))
    throw conflict('Tiket ini baru saja berubah. Coba lagi.', 'This ticket just changed. Try again.');
  const final = ['done', 'no_show', 'transferred', 'cancelled'].includes(to);
  const officer = to === 'waiting' ? null : caller.officer.user.id;
  const counter = to === 'waiting' ? null : caller.officer.session.counter;
  ctx.store.queue.enterPeriod(entry, final ? null : to, at, officer, counter);
}

export function setCounter(
  ctx: ServiceContext,
  caller: CounterCaller,
  state: CounterState,
  at: number,
  reason: BreakReason | null = null,
): void {
  const counter = caller.officer.session.counter as number;
  const now = ctx.store.queue.counterState(counter);
  if (now?.state === state && (state !== 'on_break' || ctx.store.queue.breakReason(counter) === reason))
    return;
  ctx.store.queue.setCounterState(counter, state, at, caller.officer.user.id, reason);
  ctx.store.events.emit({
    type: 'counter.state',
    at,
    actor: caller.officer.user.id,
    station: caller.stationId,
    payload: { counter, state, ...(reason ? { reason } : {}) },
  });
}

/**
 * A call from a counter on a break ends the break only when the officer said so: "Panggil
 * berikutnya" pressed during a break asks first.
 */
function ensureNotOnBreak(ctx: ServiceContext, counter: number, endBreak: boolean): void {
  if (endBreak || ctx.store.queue.counterState(counter)?.state !== 'on_break') return;
  throw new LoketError(
    'CONFLICT',
    {
      id: 'Loket sedang istirahat. Akhiri istirahat dahulu untuk memanggil.',
      en: 'The counter is on a break. End the break first to call.',
    },
    { onBreak: true },
  );
}

function announce(
  ctx: ServiceContext,
  caller: CounterCaller,
  entry: QueueEntry,
  kind: 'next' | 'recall' | 'specific',
  reason: string | null,
  at: number,
): void {
  const counter = caller.officer.session.counter as number;
  ctx.store.queue.addCall({
    officeDate: entry.officeDate,
    entryId: entry.id,
    ticketId: entry.ticketId,
    number: entry.number,
    stage: entry.stage,
    counter,
    officerId: caller.officer.user.id,
    at,
    kind,
    reason,
  });
  // Only the number and the counter: the board shows and speaks this, and it carries no name.
  event(ctx, caller, kind === 'recall' ? 'ticket.recalled' : 'ticket.called', entry, at, {
    kind,
    ...(reason ? { reason } : {}),
  });
}

function ensureFree(ctx: ServiceContext, counter: number): void {
  if (ctx.store.queue.atCounter(counter))
    throw conflict(
      'Selesaikan, tahan, atau alihkan tiket yang sedang dilayani dahulu.',
      'Finish, hold or transfer the ticket you are serving first.',
    );
}

/** Whether the counter may call this waiting entry (its stages, its lanes, not reserved elsewhere). */
function servable(counter: CounterConfig, entry: QueueEntry): boolean {
  return (
    counter.stages.includes(entry.stage) &&
    counter.lanes.includes(entry.lane) &&
    (entry.onlyCounter === null || entry.onlyCounter === counter.number)
  );
}

/**
 * Call next: the first ticket of the calling order among those this counter serves, taken with
 * one conditional write (waiting → called only if still waiting). Answers null when no one may be
 * called.
 */
export function callNext(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { endBreak?: boolean | undefined } = {},
): QueueEntry | null {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const office = ctx.store.office.get();
    const counter = counterOfCaller(office, caller);
    ensureFree(ctx, counter.number);
    ensureNotOnBreak(ctx, counter.number, input.endBreak === true);
    const today = localDateOf(at, office.timeZone);
    const minute = minutesOfDayOf(at, office.timeZone);
    const waiting = ctx.store.queue.waiting(today, counter.stages).filter((e) => servable(counter, e));
    for (const stage of counter.stages) {
      const memory = ctx.store.queue.cycle(today, stage);
      const next = nextToCall(
        waiting.filter((e) => e.stage === stage),
        minute,
        office.floor.calling,
        memory,
      );
      if (!next) continue;
      if (!ctx.store.queue.claim(next.id, counter.number, caller.officer.user.id, at))
        throw conflict(
          'Tiket ini baru saja dipanggil loket lain. Coba lagi.',
          'Another counter just called it.',
        );
      ctx.store.queue.saveCycle(today, stage, rememberCall(memory, next, office.floor.calling));
      ctx.store.queue.enterPeriod(next, 'called', at, caller.officer.user.id, counter.number);
      announce(ctx, caller, next, 'next', null, at);
      setCounter(ctx, caller, 'serving', at);
      return ctx.store.queue.find(next.id);
    }
    return null;
  });
}

/** Calls one ticket out of the calling order: only with a reason from the office's list, logged. */
export function callTicket(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { number: string; reason: string; endBreak?: boolean | undefined },
): QueueEntry {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const office = ctx.store.office.get();
    const counter = counterOfCaller(office, caller);
    const reasons = office.floor.outOfOrderReasons;
    if (!reasons.some((r) => r.code === input.reason))
      throw new LoketError(
        'INVALID_INPUT',
        {
          id: `Panggilan di luar urutan perlu alasan: ${reasons.map((r) => r.code).join(', ')}.`,
          en: `An out-of-order call needs a reason: ${reasons.map((r) => r.code).join(', ')}.`,
        },
        { reasons: reasons.map((r) => r.code) },
      );
    ensureFree(ctx, counter.number);
    ensureNotOnBreak(ctx, counter.number, input.endBreak === true);
    const today = localDateOf(at, office.timeZone);
    const entry = ctx.store.queue.waitingNumbered(today, input.number.trim().toUpperCase(), counter.stages);
    if (!entry || !servable(counter, entry))
      throw new LoketError('NOT_FOUND', {
        id: `Tiket ${input.number} tidak menunggu di loket ini.`,
        en: `Ticket ${input.number} is not waiting for this counter.`,
      });
    if (!ctx.store.queue.claim(entry.id, counter.number, caller.officer.user.id, at))
      throw conflict('Tiket ini baru saja dipanggil loket lain.', 'Another counter just called it.');
    const memory = ctx.store.queue.cycle(today, entry.stage);
    ctx.store.queue.saveCycle(today, entry.stage, rememberCall(memory, entry, office.floor.calling));
    ctx.store.queue.enterPeriod(entry, 'called', at, caller.officer.user.id, counter.number);
    announce(ctx, caller, entry, 'specific', input.reason, at);
    setCounter(ctx, caller, 'serving', at);
    return ctx.store.queue.find(entry.id) as QueueEntry;
  });
}

/** Announces the called ticket again. */
export function recall(ctx: ServiceContext, caller: CounterCaller): QueueEntry {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const counter = counterOfCaller(ctx.store.office.get(), caller);
    const entry = current(ctx, counter.number, ['called']);
    ctx.store.queue.recall(entry.id, at);
    announce(ctx, caller, entry, 'recall', null, at);
    return ctx.store.queue.find(entry.id) as QueueEntry;
  });
}

/** The citizen has arrived at the desk: service starts. */
export function startService(ctx: ServiceContext, caller: CounterCaller): QueueEntry {
  return step(ctx, caller, ['called'], 'serving', 'ticket.serving');
}

/** The stage is done; the visit moves to the next stage's queue, keeping its place. */
export function completeService(ctx: ServiceContext, caller: CounterCaller): QueueEntry {
  return ctx.store.transaction(() => {
    const serving = ctx.store.queue.atCounter(caller.officer.session.counter ?? -1);
    const application = serving ? ctx.store.applications.findByTicket(serving.ticketId) : null;
    if (application?.status === 'interview')
      throw conflict(
        'Selesaikan wawancara terlebih dahulu: lanjutkan, tunda atau tolak permohonan.',
        'End the interview first: continue, postpone or refuse the application.',
      );
    // A pickup visit ends with the handover, which completes it; a passport still here is not done.
    if (
      serving?.stage === ctx.store.office.get().pickup.stage &&
      application &&
      ctx.store.printJobs.findByApplication(application.id)?.state === 'ready'
    )
      throw conflict(
        'Serahkan paspornya terlebih dahulu, atau tahan tiket ini bila pemohon belum dapat menerimanya.',
        'Hand the passport over first, or hold this ticket if the applicant cannot receive it yet.',
      );
    const done = step(ctx, caller, ['serving'], 'done', 'ticket.completed');
    const office = ctx.store.office.get();
    const next = stageOf(office.floor, done.stage)?.next ?? null;
    if (next) {
      const ticket = ctx.store.tickets.find(done.ticketId) as TicketRecord;
      enqueue(ctx, ticket, next, done.windowStart, ctx.clock.now());
    }
    return done;
  });
}

/** The citizen did not come after the configured recalls. */
export function markNoShow(ctx: ServiceContext, caller: CounterCaller): QueueEntry {
  return ctx.store.transaction(() => {
    const office = ctx.store.office.get();
    const counter = counterOfCaller(office, caller);
    const entry = current(ctx, counter.number, ['called']);
    if (entry.recalls < office.floor.noShowAfterRecalls)
      throw conflict(
        `Panggil ulang dahulu (${entry.recalls} dari ${office.floor.noShowAfterRecalls}).`,
        `Recall first (${entry.recalls} of ${office.floor.noShowAfterRecalls}).`,
      );
    return step(ctx, caller, ['called'], 'no_show', 'ticket.noShow');
  });
}

/** Puts the ticket aside (a missing document, a citizen who stepped out); it keeps its place. */
export function holdTicket(ctx: ServiceContext, caller: CounterCaller): QueueEntry {
  return step(ctx, caller, ['called', 'serving'], 'held', 'ticket.held');
}

/** A held ticket goes back to waiting at its original place (for this counter's stages). */
export function releaseTicket(ctx: ServiceContext, caller: CounterCaller, entryId: string): QueueEntry {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const counter = counterOfCaller(ctx.store.office.get(), caller);
    const entry = ctx.store.queue.find(entryId);
    if (!entry || entry.status !== 'held' || entry.counter !== counter.number)
      throw new LoketError('NOT_FOUND', {
        id: 'Tiket itu tidak ditahan di loket ini.',
        en: 'That ticket is not held at this counter.',
      });
    move(ctx, entry, 'waiting', caller, at);
    event(ctx, caller, 'ticket.released', entry, at, {});
    return ctx.store.queue.find(entry.id) as QueueEntry;
  });
}

/**
 * Sends the called or served ticket to another stage, or to one counter: it waits there at its
 * original place.
 */
export function transferTicket(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { toStage?: string | undefined; toCounter?: number | undefined },
): QueueEntry {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const office = ctx.store.office.get();
    const counter = counterOfCaller(office, caller);
    const entry = current(ctx, counter.number, ['called', 'serving']);
    const target = input.toCounter === undefined ? null : counterOf(office.floor, input.toCounter);
    if (input.toCounter !== undefined && !target)
      throw new LoketError('INVALID_INPUT', { id: 'Loket tujuan tidak ada.', en: 'No such counter.' });
    const stage = input.toStage ?? (target?.stages.includes(entry.stage) ? entry.stage : target?.stages[0]);
    if (!stage || !stageOf(office.floor, stage) || (target && !target.stages.includes(stage)))
      throw new LoketError('INVALID_INPUT', {
        id: 'Tahap atau loket tujuan tidak cocok.',
        en: 'The target stage or counter does not fit.',
      });
    // A pickup number waits only for pickup desks, and no other visit joins the pickup queue.
    const pickup = office.pickup.stage;
    if ((stage === pickup) !== (entry.stage === pickup))
      throw new LoketError('INVALID_INPUT', {
        id: 'Nomor pengambilan hanya dialihkan ke loket pengambilan lain, dan tiket lain tidak ke sana.',
        en: 'A pickup number moves only to another pickup counter, and no other ticket moves there.',
      });
    if (target?.number === counter.number && stage === entry.stage)
      throw new LoketError('INVALID_INPUT', {
        id: 'Tiket sudah di loket ini.',
        en: 'The ticket is already at this counter.',
      });
    move(ctx, entry, 'transferred', caller, at);
    const ticket = ctx.store.tickets.find(entry.ticketId) as TicketRecord;
    const moved = enqueue(ctx, ticket, stage, entry.windowStart, at, target?.number ?? null);
    event(ctx, caller, 'ticket.transferred', entry, at, {
      toStage: stage,
      toCounter: target?.number ?? null,
    });
    setCounter(ctx, caller, 'available', at);
    return moved;
  });
}

/**
 * The counter's own state: available, on a break (with its reason: istirahat, sholat, rapat,
 * gangguan), or closed; only with no ticket at the desk.
 */
export function setCounterState(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { state: 'available' | 'on_break' | 'closed'; reason?: BreakReason | undefined },
): CounterState {
  return ctx.store.transaction(() => {
    const counter = counterOfCaller(ctx.store.office.get(), caller);
    if (input.state === 'on_break' && !input.reason)
      throw new LoketError(
        'INVALID_INPUT',
        {
          id: `Pilih alasan istirahat: ${breakReasons.join(', ')}.`,
          en: `Choose the break's reason: ${breakReasons.join(', ')}.`,
        },
        { reasons: [...breakReasons] },
      );
    if (input.state !== 'on_break' && input.reason)
      throw new LoketError('INVALID_INPUT', {
        id: 'Alasan hanya untuk istirahat.',
        en: 'A reason goes with a break only.',
      });
    ensureFree(ctx, counter.number);
    setCounter(ctx, caller, input.state, ctx.clock.now(), input.reason ?? null);
    return input.state;
  });
}

function step(
  ctx: ServiceContext,
  caller: CounterCaller,
  from: readonly EntryStatus[],
  to: EntryStatus,
  type: 'ticket.serving' | 'ticket.completed' | 'ticket.noShow' | 'ticket.held',
): QueueEntry {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const counter = counterOfCaller(ctx.store.office.get(), caller);
    const entry = current(ctx, counter.number, from);
    move(ctx, entry, to, caller, at);
    event(ctx, caller, type, entry, at, {});
    if (to !== 'serving') setCounter(ctx, caller, 'available', at);
    return ctx.store.queue.find(entry.id) as QueueEntry;
  });
}

type QueueMove = {
  entryId: string | number;
  ticketId: string;
  number: string;
  stage: string;
  counter: number;
};
type QueueEventType = EventTypeWith<QueueMove>;

/** An event about a queue entry at this counter: the ticket's number and the counter, no name. */
export function event<T extends QueueEventType>(
  ctx: ServiceContext,
  caller: CounterCaller,
  type: T,
  entry: QueueEntry,
  at: number,
  extra: PayloadBeyond<T, QueueMove>,
): void {
  const move = {
    entryId: entry.id,
    ticketId: entry.ticketId,
    number: entry.number,
    stage: entry.stage,
    counter: caller.officer.session.counter,
  };
  ctx.store.events.emit(
    eventOf(type, { at, actor: caller.officer.user.id, station: caller.stationId }, { ...move, ...extra }),
  );
}
