import type { Statement } from 'better-sqlite3';
import type { BreakReason, ClaimDecision, CounterState, EntryStatus } from '../domain/states.ts';
import type { Db } from './db.ts';

/** A stage visit as the KPI report reads it: the queue entry and what its ticket says. */
export interface ReportEntry {
  id: string;
  ticketId: string;
  officeDate: string;
  stage: string;
  number: string;
  lane: string;
  status: EntryStatus;
  /** The ticket's booked window, `HH:MM`. */
  windowStart: string;
  windowEnd: string;
  unverified: boolean;
  claim: ClaimDecision | null;
}

/** A counter period overlapping a span of time, as it was recorded (the caller clips it). */
export interface ReportCounterPeriod {
  counter: number;
  state: CounterState;
  startedAt: number;
  endedAt: number | null;
  officerId: string;
  reason: BreakReason | null;
}

/** Counter numbers a floor may have (stations.counter is 1–30): the per-counter index is walked for each. */
const allCounters = JSON.stringify(Array.from({ length: 30 }, (_, i) => i + 1));

/**
 * The reports' reads, each a few statements over a range of office days (the indexes they use
 * and why: this folder's README). Nothing here writes.
 */
export class ReportRepository {
  private entriesStmt?: Statement;
  private periodsStmt?: Statement;
  private counterPeriodsStmt?: Statement;
  private callsStmt?: Statement;
  private servedStmt?: Statement;
  private claimsStmt?: Statement;

  constructor(private readonly db: Db) {}

  /** Every stage visit of the days from..to (both included), with its ticket's window and flags. */
  entries(from: string, to: string): ReportEntry[] {
    this.entriesStmt ??= this.db.prepare(`SELECT e.id, e.ticket_id, e.office_date, e.stage, e.number, e.lane,
        e.status, t.window_start, t.window_end, t.unverified, c.decision
      FROM queue_entries AS e JOIN tickets AS t ON t.id = e.ticket_id
        LEFT JOIN priority_claims AS c ON c.ticket_id = e.ticket_id
      WHERE e.office_date BETWEEN ? AND ?`);
    return (this.entriesStmt.raw(true).all(from, to) as unknown[][]).map((r) => ({
      id: r[0] as string,
      ticketId: r[1] as string,
      officeDate: r[2] as string,
      stage: r[3] as string,
      number: r[4] as string,
      lane: r[5] as string,
      status: r[6] as EntryStatus,
      windowStart: r[7] as string,
      windowEnd: r[8] as string,
      unverified: r[9] === 1,
      claim: (r[10] as ClaimDecision | null) ?? null,
    }));
  }

  /**
   * Every period row of the days from..to, handed to `each` as it is read (one pass in the index's
   * order, no array of a year's rows in between: the caller folds each into its visit).
   */
  eachPeriod(
    from: string,
    to: string,
    each: (
      entryId: string,
      seq: number,
      state: string,
      startedAt: number,
      endedAt: number | null,
      officerId: string | null,
      counter: number | null,
    ) => void,
  ): void {
    this.periodsStmt ??= this.db
      .prepare(`SELECT entry_id, seq, state, started_at, ended_at, officer_id, counter
      FROM periods WHERE office_date BETWEEN ? AND ?`);
    for (const r of this.periodsStmt.raw(true).iterate(from, to) as IterableIterator<unknown[]>)
      each(
        r[0] as string,
        r[1] as number,
        r[2] as string,
        r[3] as number,
        r[4] as number | null,
        r[5] as string | null,
        r[6] as number | null,
      );
  }

  /**
   * Officers' counter periods that overlap [since, until): those started inside it, and each
   * counter's one period that was running at `since` (a counter's periods follow each other, so it
   * is the latest started before). Both halves walk `counter_periods_by_counter` (migration 022).
   */
  counterPeriods(since: number, until: number): ReportCounterPeriod[] {
    this.counterPeriodsStmt ??= this.db.prepare(`
      SELECT p.counter, p.state, p.started_at, p.ended_at, p.officer_id, p.reason
      FROM json_each(@counters) AS c JOIN counter_periods AS p
        ON p.counter = c.value AND p.started_at >= @since AND p.started_at < @until
      WHERE p.officer_id IS NOT NULL
      UNION ALL
      SELECT p.counter, p.state, p.started_at, p.ended_at, p.officer_id, p.reason
      FROM json_each(@counters) AS c JOIN counter_periods AS p ON p.seq = (
        SELECT b.seq FROM counter_periods AS b WHERE b.counter = c.value AND b.started_at < @since
        ORDER BY b.started_at DESC, b.seq DESC LIMIT 1)
      WHERE p.officer_id IS NOT NULL AND (p.ended_at IS NULL OR p.ended_at > @since)`);
    return (
      this.counterPeriodsStmt.all({ counters: allCounters, since, until }) as {
        counter: number;
        state: CounterState;
        started_at: number;
        ended_at: number | null;
        officer_id: string;
        reason: BreakReason | null;
      }[]
    ).map((r) => ({
      counter: r.counter,
      state: r.state,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      officerId: r.officer_id,
      reason: r.reason,
    }));
  }

  /** Calls per officer, kind and reason over the days (recalls are not calls of their own). */
  calls(
    from: string,
    to: string,
  ): { officerId: string; kind: 'next' | 'specific'; reason: string | null; calls: number }[] {
    this.callsStmt ??= this.db.prepare(`SELECT officer_id, kind, reason, COUNT(*) AS calls FROM calls
      WHERE office_date BETWEEN ? AND ? AND kind <> 'recall' GROUP BY officer_id, kind, reason`);
    return (
      this.callsStmt.all(from, to) as {
        officer_id: string;
        kind: 'next' | 'specific';
        reason: string | null;
        calls: number;
      }[]
    ).map((r) => ({ officerId: r.officer_id, kind: r.kind, reason: r.reason, calls: r.calls }));
  }

  /** Stage visits completed per officer (the one who called them last) over the days. */
  served(from: string, to: string): { officerId: string; served: number }[] {
    this.servedStmt ??= this.db.prepare(`SELECT officer_id, COUNT(*) AS served FROM queue_entries
      WHERE office_date BETWEEN ? AND ? AND status = 'done' AND officer_id IS NOT NULL GROUP BY officer_id`);
    return (this.servedStmt.all(from, to) as { officer_id: string; served: number }[]).map((r) => ({
      officerId: r.officer_id,
      served: r.served,
    }));
  }

  /** Priority claims decided per officer over the days. */
  claimDecisions(from: string, to: string): { officerId: string; decision: ClaimDecision; claims: number }[] {
    this.claimsStmt ??= this.db.prepare(`SELECT officer_id, decision, COUNT(*) AS claims FROM priority_claims
      WHERE office_date BETWEEN ? AND ? AND decision IS NOT NULL AND officer_id IS NOT NULL
      GROUP BY officer_id, decision`);
    return (
      this.claimsStmt.all(from, to) as { officer_id: string; decision: ClaimDecision; claims: number }[]
    ).map((r) => ({ officerId: r.officer_id, decision: r.decision, claims: r.claims }));
  }
}
