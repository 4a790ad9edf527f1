import { instantAt, utcOffsetMinutes } from '../../domain/localTime.ts';
import { VisitTally, type StageVisit } from '../../domain/reports/visits.ts';
import type { EntryStatus } from '../../domain/states.ts';

/**
 * The floor's stage visits rebuilt from an office's shipped ticket events (the period rows do not
 * leave the office; the events that wrote them do). Each event moves one queue entry, named by its
 * pseudonym `entryId`, as `services/counters.ts` moves it, and the periods closed on the way are
 * folded into the floor's own `VisitTally`: the measures are the floor's, computed by its code.
 *
 * A stage's queue entry is made on the floor before any event names it (at check-in, when the stage
 * before completes, at a transfer); its pseudonym arrives with the first event about it (nearly
 * always its call). So a ticket carries one "pending" entry, waiting since that moment, which the
 * next unknown `entryId` of the ticket takes up. A pending entry never named (a citizen never called
 * at a stage, or a visit whose last stage was done) is not known centrally and not counted: the
 * central figures are those of the visits an event named (docs/central.md).
 */
export interface ShippedTicketEvent {
  seq: number;
  type: string;
  at: number;
  actor: string | null;
  payload: Record<string, unknown> | null;
}

/** The ticket event types the rebuild reads. */
export const ticketEventTypes = [
  'ticket.issued',
  'ticket.voided',
  'ticket.called',
  'ticket.recalled',
  'ticket.serving',
  'ticket.completed',
  'ticket.noShow',
  'ticket.held',
  'ticket.released',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.priorityConfirmed',
  'ticket.priorityRefused',
] as const;

/** A rebuilt stage visit: the floor's `StageVisit` and the out-of-order calls made for it. */
export interface ShippedStageVisit extends StageVisit {
  entryId: string;
  ticketId: string;
  outOfOrderCalls: number;
}

interface Ticket {
  officeDate: string;
  number: string;
  lane: string;
  window: string;
  windowStartAt: number;
  unverified: boolean;
  claim: 'confirmed' | 'refused' | null;
  /** The entry waiting for its first event, and since when (null when none is). */
  pending: { since: number; seq: number; stage: string | null; firstStage: boolean } | null;
}

interface Entry {
  entryId: string;
  ticket: Ticket;
  ticketId: string;
  stage: string;
  firstStage: boolean;
  tally: VisitTally;
  status: EntryStatus;
  open: { seq: number; state: string; at: number; officer: string | null; counter: number | null } | null;
  outOfOrder: number;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * Rebuilds the stage visits of the tickets issued among `events` (one office, in log order), in the
 * office's time zone. Events about tickets not issued among them are left out.
 */
export function stageVisitsOf(events: readonly ShippedTicketEvent[], timeZone: string): ShippedStageVisit[] {
  const tickets = new Map<string, Ticket>();
  const entries = new Map<string, Entry>();
  const order: Entry[] = [];

  const close = (entry: Entry, at: number) => {
    const open = entry.open;
    if (open) entry.tally.add(open.seq, open.state, open.at, at, open.officer, open.counter);
    entry.open = null;
  };
  const enter = (entry: Entry, state: EntryStatus, e: ShippedTicketEvent, officer: boolean) => {
    close(entry, e.at);
    entry.status = state;
    if (state === 'waiting' || state === 'called' || state === 'serving' || state === 'held')
      entry.open = {
        seq: e.seq,
        state,
        at: e.at,
        officer: officer ? e.actor : null,
        counter: officer ? num(e.payload?.counter) : null,
      };
  };

  for (const e of events) {
    const p = e.payload;
    if (!p) continue;
    if (e.type === 'ticket.issued') {
      const t = p.ticket as Record<string, unknown> | undefined;
      if (!t) continue;
      const officeDate = str(t.officeDate);
      const windowStart = str(t.windowStart);
      tickets.set(str(t.id), {
        officeDate,
        number: str(t.number),
        lane: str(t.lane),
        window: `${windowStart}–${str(t.windowEnd)}`,
        windowStartAt: instantAt(officeDate, windowStart, timeZone),
        unverified: t.unverified === true,
        claim: null,
        // A ticket issued void (an offline conflict lost) never joined a queue.
        pending: t.status === 'void' ? null : { since: e.at, seq: e.seq, stage: null, firstStage: true },
      });
      continue;
    }
    const ticketId = str(p.ticketId);
    const ticket = tickets.get(ticketId);
    if (!ticket) continue;
    if (e.type === 'ticket.voided') {
      ticket.pending = null;
      for (const entry of order)
        if (entry.ticketId === ticketId && entry.open) enter(entry, 'cancelled', e, false);
      continue;
    }
    const entryId = str(p.entryId);
    let entry = entries.get(entryId);
    if (!entry) {
      const pending = ticket.pending;
      if (!pending) continue;
      ticket.pending = null;
      entry = {
        entryId,
        ticket,
        ticketId,
        stage: pending.stage ?? str(p.stage),
        firstStage: pending.firstStage,
        tally: new VisitTally(ticket.windowStartAt),
        status: 'waiting',
        open: { seq: pending.seq, state: 'waiting', at: pending.since, officer: null, counter: null },
        outOfOrder: 0,
      };
      entries.set(entryId, entry);
      order.push(entry);
    }
    switch (e.type) {
      case 'ticket.called':
        enter(entry, 'called', e, true);
        if (p.kind === 'specific') entry.outOfOrder += 1;
        break;
      case 'ticket.serving':
        enter(entry, 'serving', e, true);
        break;
      case 'ticket.completed':
        enter(entry, 'done', e, true);
        // The floor puts the visit in its next stage's queue now, if the stage has one.
        ticket.pending = { since: e.at, seq: e.seq, stage: null, firstStage: false };
        break;
      case 'ticket.noShow':
        enter(entry, 'no_show', e, true);
        break;
      case 'ticket.held':
        enter(entry, 'held', e, true);
        break;
      case 'ticket.released':
        enter(entry, 'waiting', e, false);
        break;
      case 'ticket.transferred':
        enter(entry, 'transferred', e, true);
        ticket.pending = { since: e.at, seq: e.seq, stage: str(p.toStage), firstStage: false };
        break;
      case 'ticket.cancelled':
        enter(entry, 'cancelled', e, false);
        break;
      case 'ticket.priorityConfirmed':
        ticket.claim = 'confirmed';
        break;
      case 'ticket.priorityRefused':
        ticket.claim = 'refused';
        if (p.requeued === true) {
          enter(entry, 'waiting', e, false);
          ticket.lane = 'regular';
        }
        break;
    }
  }

  const offsets = new Map<string, number>();
  const localHour = (date: string, instant: number) => {
    let offset = offsets.get(date);
    if (offset === undefined) {
      offset = utcOffsetMinutes(instantAt(date, '12:00', timeZone), timeZone) * 60_000;
      offsets.set(date, offset);
    }
    return new Date(instant + offset).getUTCHours();
  };
  return order.map((entry) => {
    const open = entry.open;
    if (open) entry.tally.add(open.seq, open.state, open.at, null, open.officer, open.counter);
    const m = entry.tally.measures();
    const t = entry.ticket;
    return {
      wait: m.wait,
      walkUp: m.walkUp,
      service: m.service,
      firstCallAt: m.firstCallAt,
      calledCounter: m.calledCounter,
      calledOfficerId: m.calledOfficerId,
      waitStartedAt: m.waitStartedAt,
      held: m.held,
      firstSeq: m.firstSeq,
      date: t.officeDate,
      stage: entry.stage,
      number: t.number,
      lane: t.lane,
      window: t.window,
      status: entry.status,
      firstStage: entry.firstStage,
      windowStartAt: t.windowStartAt,
      hour: m.waitStartedAt === null ? null : localHour(t.officeDate, m.waitStartedAt),
      unverified: t.unverified,
      claim: entry.firstStage ? t.claim : null,
      entryId: entry.entryId,
      ticketId: entry.ticketId,
      outOfOrderCalls: entry.outOfOrder,
    };
  });
}
