import type { Statement } from 'better-sqlite3';
import type { PriorityLaneId } from '../domain/laneIds.ts';
import type { ClaimDecision } from '../domain/states.ts';
import type { Db } from './db.ts';
import type { DayChanges } from './dayChanges.ts';

/** A priority lane a citizen chose at the kiosk, on their word, and what an officer decided. */
export interface PriorityClaim {
  ticketId: string;
  officeDate: string;
  number: string;
  claimedLane: PriorityLaneId;
  /** The kiosk it was claimed at (null: a check-in no station made, e.g. the command line). */
  kioskId: string | null;
  claimedAt: number;
  /** Claimed by a late citizen: the ticket is in the standby lane, the claim kept for the counter. */
  late: boolean;
  decision: ClaimDecision | null;
  reason: string | null;
  officerId: string | null;
  counter: number | null;
  decidedAt: number | null;
}

interface ClaimRow {
  ticket_id: string;
  office_date: string;
  number: string;
  claimed_lane: PriorityLaneId;
  kiosk_id: string | null;
  claimed_at: number;
  late: number;
  decision: ClaimDecision | null;
  reason: string | null;
  officer_id: string | null;
  counter: number | null;
  decided_at: number | null;
}

const fromRow = (row: ClaimRow): PriorityClaim => ({
  ticketId: row.ticket_id,
  officeDate: row.office_date,
  number: row.number,
  claimedLane: row.claimed_lane,
  kioskId: row.kiosk_id,
  claimedAt: row.claimed_at,
  late: row.late === 1,
  decision: row.decision,
  reason: row.reason,
  officerId: row.officer_id,
  counter: row.counter,
  decidedAt: row.decided_at,
});

/** The day's priority claims and their decisions, counted per kiosk and per officer. */
export class PriorityClaimRepository {
  // Prepared on first use: the table came with migration 20.
  private insertStmt?: Statement;
  private byTicketStmt?: Statement;
  private decideStmt?: Statement;
  private perKioskStmt?: Statement;
  private perOfficerStmt?: Statement;

  constructor(
    private readonly db: Db,
    private readonly days?: DayChanges,
  ) {}

  add(claim: Omit<PriorityClaim, 'decision' | 'reason' | 'officerId' | 'counter' | 'decidedAt'>): void {
    this.insertStmt ??= this.db.prepare(`INSERT OR IGNORE INTO priority_claims
      (ticket_id, office_date, number, claimed_lane, kiosk_id, claimed_at, late)
      VALUES (@ticketId, @officeDate, @number, @claimedLane, @kioskId, @claimedAt, @late)`);
    this.insertStmt.run({ ...claim, late: claim.late ? 1 : 0 });
    this.days?.touch(claim.officeDate);
  }

  forTicket(ticketId: string): PriorityClaim | null {
    this.byTicketStmt ??= this.db.prepare('SELECT * FROM priority_claims WHERE ticket_id = ?');
    const row = this.byTicketStmt.get(ticketId) as ClaimRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Records the decision on a claim not decided yet; false when it was decided already. */
  decide(decision: {
    ticketId: string;
    decision: ClaimDecision;
    reason: string | null;
    officerId: string;
    counter: number;
    at: number;
  }): boolean {
    this.decideStmt ??= this.db.prepare(`UPDATE priority_claims SET decision = @decision, reason = @reason,
      officer_id = @officerId, counter = @counter, decided_at = @at
      WHERE ticket_id = @ticketId AND decision IS NULL RETURNING office_date`);
    const day = this.decideStmt.pluck().get(decision) as string | undefined;
    if (day !== undefined) this.days?.touch(day);
    return day !== undefined;
  }

  /** A day's claims per kiosk: made, confirmed, refused (the rest wait for a counter). */
  perKiosk(
    officeDate: string,
  ): { kioskId: string | null; claimed: number; confirmed: number; refused: number }[] {
    this.perKioskStmt ??= this.db.prepare(`SELECT kiosk_id, COUNT(*) AS claimed,
        COALESCE(SUM(decision = 'confirmed'), 0) AS confirmed, COALESCE(SUM(decision = 'refused'), 0) AS refused
      FROM priority_claims WHERE office_date = ? GROUP BY kiosk_id ORDER BY kiosk_id`);
    return (
      this.perKioskStmt.all(officeDate) as {
        kiosk_id: string | null;
        claimed: number;
        confirmed: number;
        refused: number;
      }[]
    ).map((r) => ({ kioskId: r.kiosk_id, claimed: r.claimed, confirmed: r.confirmed, refused: r.refused }));
  }

  /** A day's decisions per officer. */
  perOfficer(officeDate: string): { officerId: string; confirmed: number; refused: number }[] {
    this.perOfficerStmt ??= this.db
      .prepare(`SELECT officer_id, COALESCE(SUM(decision = 'confirmed'), 0) AS confirmed,
        COALESCE(SUM(decision = 'refused'), 0) AS refused
      FROM priority_claims WHERE office_date = ? AND decision IS NOT NULL GROUP BY officer_id ORDER BY officer_id`);
    return (
      this.perOfficerStmt.all(officeDate) as { officer_id: string; confirmed: number; refused: number }[]
    ).map((r) => ({ officerId: r.officer_id, confirmed: r.confirmed, refused: r.refused }));
  }
}
