import { withoutPriority } from '../domain/callingOrder.ts';
import { LoketError } from '../domain/errors.ts';
import { priorityLaneIds, type PriorityLaneId } from '../domain/laneIds.ts';
import { localDateOf } from '../domain/localTime.ts';
import type { ClaimDecision } from '../domain/states.ts';
import type { PriorityClaim } from '../store/priorityClaims.ts';
import type { QueueEntry } from '../store/queue.ts';
import type { TicketRecord } from '../store/tickets.ts';
import type { ServiceContext } from './context.ts';
import { counterOfCaller, current, event, move, setCounter, type CounterCaller } from './counters.ts';

/**
 * A priority lane claimed at the kiosk (elderly, disabled, pregnant, with a small child) is taken
 * on the citizen's word and checked at the counter: the officer confirms it, or refuses it with a
 * reason and the ticket goes back to the regular lane at its original place. Both are logged and
 * counted per kiosk and per officer. A late citizen's claim is kept (the ticket is in the standby
 * lane) for the counter to see.
 */

const isPriority = (lane: string): boolean => (priorityLaneIds as readonly string[]).includes(lane);

/** Keeps the claim made with a check-in, in the check-in's transaction. */
export function recordClaim(
  ctx: ServiceContext,
  ticket: Pick<TicketRecord, 'id' | 'officeDate' | 'number' | 'arrival' | 'issuedAt'>,
  claimedLane: PriorityLaneId,
  kioskId: string | null,
): void {
  ctx.store.priorityClaims.add({
    ticketId: ticket.id,
    officeDate: ticket.officeDate,
    number: ticket.number,
    claimedLane,
    kioskId,
    claimedAt: ticket.issuedAt,
    late: ticket.arrival === 'late',
  });
}

const reasonRequired = () =>
  new LoketError('INVALID_INPUT', {
    id: 'Alasan wajib diisi (3–200 karakter) untuk menolak klaim prioritas.',
    en: 'A reason (3–200 characters) is required to refuse a priority claim.',
  });

/**
 * The officer's decision on the priority claimed for the ticket at the desk. Refused while the
 * ticket is in a priority lane: it goes back to waiting in the regular lane at its original place
 * (its window and check-in time), before the interview opens. Refused on a standby ticket: noted,
 * the ticket stays (it already waits as a regular one).
 */
export function decidePriorityClaim(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { decision: ClaimDecision; reason?: string | undefined },
): { claim: PriorityClaim; entry: QueueEntry; requeued: boolean } {
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'refused' && (reason.length < 3 || reason.length > 200)) throw reasonRequired();
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const office = ctx.store.office.get();
    const counter = counterOfCaller(office, caller);
    const entry = current(ctx, counter.number, ['called', 'serving']);
    const claim = ctx.store.priorityClaims.forTicket(entry.ticketId);
    if (!claim)
      throw new LoketError('NOT_FOUND', {
        id: 'Tiket ini tidak membawa klaim prioritas dari kios.',
        en: 'This ticket carries no priority claimed at the kiosk.',
      });
    if (claim.decision !== null)
      throw new LoketError('CONFLICT', {
        id: `Klaim prioritas tiket ini sudah ${claim.decision === 'confirmed' ? 'dikonfirmasi' : 'ditolak'}.`,
        en: `This ticket's priority claim was already ${claim.decision}.`,
      });
    const requeued = input.decision === 'refused' && isPriority(entry.lane);
    if (requeued && ctx.store.applications.findByTicket(entry.ticketId))
      throw new LoketError('CONFLICT', {
        id: 'Wawancara sudah dibuka: klaim prioritas diputuskan sebelum wawancara.',
        en: 'The interview is open already: a priority claim is decided before the interview.',
      });
    ctx.store.priorityClaims.decide({
      ticketId: claim.ticketId,
      decision: input.decision,
      reason: input.decision === 'refused' ? reason : null,
      officerId: caller.officer.user.id,
      counter: counter.number,
      at,
    });
    if (requeued) {
      move(ctx, entry, 'waiting', caller, at);
      ctx.store.queue.setLane(entry, withoutPriority(entry).lane);
      setCounter(ctx, caller, 'available', at);
    }
    const decision = {
      claimedLane: claim.claimedLane,
      kiosk: claim.kioskId,
      officer: caller.officer.user.id,
      late: claim.late,
    };
    if (input.decision === 'confirmed') event(ctx, caller, 'ticket.priorityConfirmed', entry, at, decision);
    else event(ctx, caller, 'ticket.priorityRefused', entry, at, { ...decision, reason, requeued });
    return {
      claim: ctx.store.priorityClaims.forTicket(claim.ticketId) as PriorityClaim,
      entry: ctx.store.queue.find(entry.id) as QueueEntry,
      requeued,
    };
  });
}

/** The day's claims per kiosk and decisions per officer, for the supervisor console. */
export function priorityClaimFigures(ctx: ServiceContext) {
  const office = ctx.store.office.get();
  const today = localDateOf(ctx.clock.now(), office.timeZone);
  const stationName = (id: string | null) => (id === null ? null : (ctx.store.stations.find(id)?.name ?? id));
  return {
    perKiosk: ctx.store.priorityClaims.perKiosk(today).map((row) => ({
      kiosk: stationName(row.kioskId),
      claimed: row.claimed,
      confirmed: row.confirmed,
      refused: row.refused,
      undecided: row.claimed - row.confirmed - row.refused,
    })),
    perOfficer: ctx.store.priorityClaims.perOfficer(today).map((row) => ({
      officer: ctx.store.officers.user(row.officerId)?.name ?? row.officerId,
      confirmed: row.confirmed,
      refused: row.refused,
    })),
  };
}
