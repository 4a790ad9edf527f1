import type { Statement } from 'better-sqlite3';
import type { CallingMemory } from '../domain/callingOrder.ts';
import type { LaneId } from '../domain/laneIds.ts';
import type { BreakReason, CounterState, EntryStatus } from '../domain/states.ts';
import type { Db } from './db.ts';
import type { DayChanges } from './dayChanges.ts';

/** A ticket's place in one stage's queue. */
export interface QueueEntry {
  id: string;
  ticketId: string;
  officeDate: string;
  stage: string;
  number: string;
  lane: LaneId;
  /** Minute of the day the ticket's window opens (for standby: the window it was numbered in). */
  windowStart: number;
  /** The original check-in time: held, transferred and next-stage entries keep it. */
  placedAt: number;
  status: EntryStatus;
  counter: number | null;
  officerId: string | null;
  /** A ticket transferred to one counter waits for that counter only. */
  onlyCounter: number | null;
  recalls: number;
  updatedAt: number;
}

export interface CallRecord {
  seq: number;
  officeDate: string;
  entryId: string;
  ticketId: string;
  number: string;
  stage: string;
  counter: number;
  officerId: string;
  at: number;
  kind: 'next' | 'recall' | 'specific';
  reason: string | null;
}

const entryFrom = (row: Record<string, unknown>): QueueEntry => ({
  id: row.id as string,
  ticketId: row.ticket_id as string,
  officeDate: row.office_date as string,
  stage: row.stage as string,
  number: row.number as string,
  lane: row.lane as LaneId,
  windowStart: row.window_start as number,
  placedAt: row.placed_at as number,
  status: row.status as EntryStatus,
  counter: (row.counter as number | null) ?? null,
  officerId: (row.officer_id as string | null) ?? null,
  onlyCounter: (row.only_counter as number | null) ?? null,
  recalls: row.recalls as number,
  updatedAt: row.updated_at as number,
});

const callFrom = (row: Record<string, unknown>): CallRecord => ({
  seq: row.seq as number,
  officeDate: row.office_date as string,
  entryId: row.entry_id as string,
  ticketId: row.ticket_id as string,
  number: row.number as string,
  stage: row.stage as string,
  counter: row.counter as number,
  officerId: row.officer_id as string,
  at: row.at as number,
  kind: row.kind as CallRecord['kind'],
  reason: (row.reason as string | null) ?? null,
});

/**
 * The stages' queues, the period rows every duration derives from, counter states, the calls made
 * and each stage's priority cycle.
 */
export class QueueRepository {
  private readonly insertEntry;
  private readonly waitingStmt;
  private readonly byId;
  private readonly liveAtCounterStmt;
  private readonly heldAtCounterStmt;
  private readonly claimStmt;
  private readonly moveStmt;
  private readonly recallStmt;
  private readonly waitingByNumber;
  private readonly openPeriodStmt;
  private readonly closePeriodStmt;
  private readonly counterStateStmt;
  private readonly closeCounterPeriod;
  private readonly openCounterPeriod;
  private readonly insertCall;
  private readonly latestPerNumberStmt;
  private readonly outOfOrderStmt;
  private readonly cycleStmt;
  private readonly saveCycleStmt;
  private readonly waitingCountsStmt;
  private readonly officerFiguresStmt;
  private readonly averageWaitStmt;
  private readonly liveForTicketStmt;
  private renumberStmt?: Statement;
  private latestForTicketStmt?: Statement;
  // Prepared on first use: a break's reason and a claim's lane change came with migration 20.
  private openBreakStmt?: Statement;
  private breakReasonStmt?: Statement;
  private breaksStmt?: Statement;
  private setLaneStmt?: Statement;

  constructor(
    private readonly db: Db,
    private readonly days?: DayChanges,
  ) {
    this.insertEntry = db.prepare(`INSERT INTO queue_entries
      (id, ticket_id, office_date, stage, number, lane, window_start, placed_at, status, counter, officer_id,
       only_counter, recalls, updated_at)
      VALUES (@id, @ticketId, @officeDate, @stage, @number, @lane, @windowStart, @placedAt, @status, @counter,
       @officerId, @onlyCounter, @recalls, @updatedAt)`);
    this.waitingStmt = db.prepare(`SELECT * FROM queue_entries WHERE office_date = ? AND status = 'waiting'
      AND stage IN (SELECT value FROM json_each(?))`);
    this.byId = db.prepare('SELECT * FROM queue_entries WHERE id = ?');
    this.liveAtCounterStmt = db.prepare(
      "SELECT * FROM queue_entries WHERE counter = ? AND status IN ('called', 'serving') ORDER BY updated_at DESC LIMIT 1",
    );
    this.heldAtCounterStmt = db.prepare(
      "SELECT * FROM queue_entries WHERE counter = ? AND status = 'held' AND office_date = ? ORDER BY placed_at",
    );
    // The one conditional write that makes a call: two counters can never call the same ticket.
    this.claimStmt = db.prepare(`UPDATE queue_entries SET status = 'called', counter = @counter,
      officer_id = @officerId, recalls = 0, updated_at = @at WHERE id = @id AND status = 'waiting'`);
    this.moveStmt = db.prepare(`UPDATE queue_entries SET status = @to, updated_at = @at,
      counter = CASE WHEN @to = 'waiting' THEN NULL ELSE counter END,
      only_counter = CASE WHEN @to = 'waiting' THEN @onlyCounter ELSE only_counter END
      WHERE id = @id AND status = @from`);
    this.recallStmt = db.prepare(
      "UPDATE queue_entries SET recalls = recalls + 1, updated_at = ? WHERE id = ? AND status = 'called'",
    );
    this.waitingByNumber = db.prepare(`SELECT * FROM queue_entries WHERE office_date = ? AND number = ?
      AND status = 'waiting' AND stage IN (SELECT value FROM json_each(?))`);
    this.liveForTicketStmt = db.prepare(
      "SELECT * FROM queue_entries WHERE ticket_id = ? AND status IN ('waiting', 'called', 'serving', 'held')",
    );
    this.openPeriodStmt = db.prepare(`INSERT INTO periods
      (entry_id, ticket_id, office_date, stage, state, started_at, officer_id, counter)
      VALUES (@entryId, @ticketId, @officeDate, @stage, @state, @at, @officerId, @counter)`);
    this.closePeriodStmt = db.prepare(
      'UPDATE periods SET ended_at = ? WHERE entry_id = ? AND ended_at IS NULL',
    );
    this.counterStateStmt = db.prepare(
      'SELECT state, started_at, officer_id FROM counter_periods WHERE counter = ? AND ended_at IS NULL',
    );
    this.closeCounterPeriod = db.prepare(
      'UPDATE counter_periods SET ended_at = ? WHERE counter = ? AND ended_at IS NULL',
    );
    this.openCounterPeriod = db.prepare(
      'INSERT INTO counter_periods (counter, state, started_at, officer_id) VALUES (?, ?, ?, ?)',
    );
    this.insertCall = db.prepare(`INSERT INTO calls
      (office_date, entry_id, ticket_id, number, stage, counter, officer_id, at, kind, reason)
      VALUES (@officeDate, @entryId, @ticketId, @number, @stage, @counter, @officerId, @at, @kind, @reason)`);
    this.latestPerNumberStmt = db.prepare(`SELECT * FROM calls WHERE seq IN
      (SELECT MAX(seq) FROM calls WHERE office_date = ? GROUP BY number) ORDER BY seq DESC LIMIT ?`);
    this.outOfOrderStmt = db.prepare(`SELECT officer_id, COUNT(*) AS calls FROM calls
      WHERE office_date = ? AND kind = 'specific' GROUP BY officer_id`);
    this.cycleStmt = db.prepare(
      'SELECT priority_calls, regular_calls FROM calling_cycles WHERE office_date = ? AND stage = ?',
    );
    this.saveCycleStmt =
      db.prepare(`INSERT INTO calling_cycles (office_date, stage, priority_calls, regular_calls)
      VALUES (?, ?, ?, ?) ON CONFLICT (office_date, stage)
      DO UPDATE SET priority_calls = excluded.priority_calls, regular_calls = excluded.regular_calls`);
    this.waitingCountsStmt =
      db.prepare(`SELECT stage, lane, window_start, COUNT(*) AS waiting FROM queue_entries
      WHERE office_date = ? AND status = 'waiting' GROUP BY stage, lane, window_start
      ORDER BY stage, window_start, lane`);
    this.officerFiguresStmt = db.prepare(`SELECT
      (SELECT COUNT(*) FROM calls WHERE office_date = @day AND officer_id = @officer AND kind <> 'recall') AS called,
      (SELECT COUNT(*) FROM periods WHERE office_date = @day AND officer_id = @officer AND state = 'serving'
        AND ended_at IS NOT NULL) AS served,
      (SELECT AVG(ended_at - started_at) FROM periods WHERE office_date = @day AND officer_id = @officer
        AND state = 'serving' AND ended_at IS NOT NULL) AS service_ms,
      (SELECT COUNT(*) FROM calls WHERE office_date = @day AND officer_id = @officer AND kind = 'specific')
        AS out_of_order`);
    this.averageWaitStmt =
      db.prepare(`SELECT AVG(ended_at - started_at) AS wait_ms, COUNT(*) AS n FROM periods
      WHERE office_date = ? AND state = 'waiting' AND ended_at IS NOT NULL AND ended_at >= ?`);
  }

  add(entry: QueueEntry): void {
    this.insertEntry.run(entry);
    this.days?.touch(entry.officeDate);
  }

  find(id: string): QueueEntry | null {
    const row = this.byId.get(id) as Record<string, unknown> | undefined;
    return row ? entryFrom(row) : null;
  }

  waiting(officeDate: string, stages: readonly string[]): QueueEntry[] {
    return (this.waitingStmt.all(officeDate, JSON.stringify(stages)) as Record<string, unknown>[]).map(
      entryFrom,
    );
  }

  waitingNumbered(officeDate: string, number: string, stages: readonly string[]): QueueEntry | null {
    const row = this.waitingByNumber.get(officeDate, number, JSON.stringify(stages)) as
      Record<string, unknown> | undefined;
    return row ? entryFrom(row) : null;
  }

  /** Where a ticket's visit is now: its latest queue entry at any stage, done or not (the help desk's view). */
  latestForTicket(ticketId: string): QueueEntry | null {
    this.latestForTicketStmt ??= this.db.prepare(
      'SELECT * FROM queue_entries WHERE ticket_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1',
    );
    const row = this.latestForTicketStmt.get(ticketId) as Record<string, unknown> | undefined;
    return row ? entryFrom(row) : null;
  }

  liveForTicket(ticketId: string): QueueEntry[] {
    return (this.liveForTicketStmt.all(ticketId) as Record<string, unknown>[]).map(entryFrom);
  }

  /** The ticket a counter has called or is serving. */
  atCounter(counter: number): QueueEntry | null {
    const row = this.liveAtCounterStmt.get(counter) as Record<string, unknown> | undefined;
    return row ? entryFrom(row) : null;
  }

  heldAt(counter: number, officeDate: string): QueueEntry[] {
    return (this.heldAtCounterStmt.all(counter, officeDate) as Record<string, unknown>[]).map(entryFrom);
  }

  /** waiting → called, only if still waiting. */
  claim(id: string, counter: number, officerId: string, at: number): boolean {
    return this.claimStmt.run({ id, counter, officerId, at }).changes === 1;
  }

  /** from → to, only if still in `from`; back to waiting it may be reserved for one counter. */
  move(
    id: string,
    from: EntryStatus,
    to: EntryStatus,
    at: number,
    onlyCounter: number | null = null,
  ): boolean {
    return this.moveStmt.run({ id, from, to, at, onlyCounter }).changes === 1;
  }

  /** A waiting entry takes its ticket's new number (an offline slip's number wins over the hub's). */
  renumber(entry: Pick<QueueEntry, 'id' | 'officeDate'>, number: string, lane: LaneId): void {
    this.renumberStmt ??= this.db.prepare('UPDATE queue_entries SET number = ?, lane = ? WHERE id = ?');
    this.renumberStmt.run(number, lane, entry.id);
    this.days?.touch(entry.officeDate);
  }

  recall(id: string, at: number): boolean {
    return this.recallStmt.run(at, id).changes === 1;
  }

  /** Closes the entry's open period and opens one for its new state (none for a final state). */
  enterPeriod(
    entry: Pick<QueueEntry, 'id' | 'ticketId' | 'officeDate' | 'stage'>,
    state: EntryStatus | null,
    at: number,
    officerId: string | null,
    counter: number | null,
  ): void {
    this.closePeriodStmt.run(at, entry.id);
    this.days?.touch(entry.officeDate);
    if (state)
      this.openPeriodStmt.run({
        entryId: entry.id,
        ticketId: entry.ticketId,
        officeDate: entry.officeDate,
        stage: entry.stage,
        state,
        at,
        officerId,
        counter,
      });
  }

  counterState(counter: number): { state: CounterState; since: number; officerId: string | null } | null {
    const row = this.counterStateStmt.get(counter) as
      { state: CounterState; started_at: number; officer_id: string | null } | undefined;
    return row ? { state: row.state, since: row.started_at, officerId: row.officer_id } : null;
  }

  setCounterState(
    counter: number,
    state: CounterState,
    at: number,
    officerId: string | null,
    reason: BreakReason | null = null,
  ): void {
    this.closeCounterPeriod.run(at, counter);
    if (reason === null) {
      this.openCounterPeriod.run(counter, state, at, officerId);
      return;
    }
    this.openBreakStmt ??= this.db.prepare(
      'INSERT INTO counter_periods (counter, state, started_at, officer_id, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.openBreakStmt.run(counter, state, at, officerId, reason);
  }

  /** The reason of the counter's break in progress, null when it is not on one (or gave none). */
  breakReason(counter: number): BreakReason | null {
    this.breakReasonStmt ??= this.db
      .prepare(
        "SELECT reason FROM counter_periods WHERE counter = ? AND ended_at IS NULL AND state = 'on_break'",
      )
      .pluck();
    return (this.breakReasonStmt.get(counter) as BreakReason | null | undefined) ?? null;
  }

  /**
   * Break time per officer and reason between two instants (a break still running counts up to
   * `until`), in ms.
   */
  breakTime(
    since: number,
    until: number,
  ): { officerId: string; reason: BreakReason | null; ms: number; breaks: number }[] {
    this.breaksStmt ??= this.db.prepare(`SELECT officer_id, reason,
        SUM(MIN(COALESCE(ended_at, @until), @until) - MAX(started_at, @since)) AS ms, COUNT(*) AS breaks
      FROM counter_periods WHERE state = 'on_break' AND officer_id IS NOT NULL
        AND started_at < @until AND COALESCE(ended_at, @until) > @since
      GROUP BY officer_id, reason ORDER BY officer_id, reason`);
    return (
      this.breaksStmt.all({ since, until }) as {
        officer_id: string;
        reason: BreakReason | null;
        ms: number;
        breaks: number;
      }[]
    ).map((r) => ({ officerId: r.officer_id, reason: r.reason, ms: r.ms, breaks: r.breaks }));
  }

  /** A waiting entry moves to another lane, keeping its window and check-in time: its place there. */
  setLane(entry: Pick<QueueEntry, 'id' | 'officeDate'>, lane: LaneId): void {
    this.setLaneStmt ??= this.db.prepare(
      "UPDATE queue_entries SET lane = ? WHERE id = ? AND status = 'waiting'",
    );
    this.setLaneStmt.run(lane, entry.id);
    this.days?.touch(entry.officeDate);
  }

  addCall(call: Omit<CallRecord, 'seq'>): void {
    this.insertCall.run(call);
  }

  /** The day's latest call of each number, latest first: what the board lists, a recall only once. */
  latestCallPerNumber(officeDate: string, limit: number): CallRecord[] {
    return (this.latestPerNumberStmt.all(officeDate, limit) as Record<string, unknown>[]).map(callFrom);
  }

  outOfOrderCalls(officeDate: string): { officerId: string; calls: number }[] {
    return (this.outOfOrderStmt.all(officeDate) as { officer_id: string; calls: number }[]).map((r) => ({
      officerId: r.officer_id,
      calls: r.calls,
    }));
  }

  cycle(officeDate: string, stage: string): CallingMemory {
    const row = this.cycleStmt.get(officeDate, stage) as
      { priority_calls: number; regular_calls: number } | undefined;
    return { priorityCalls: row?.priority_calls ?? 0, regularCalls: row?.regular_calls ?? 0 };
  }

  saveCycle(officeDate: string, stage: string, memory: CallingMemory): void {
    this.saveCycleStmt.run(officeDate, stage, memory.priorityCalls, memory.regularCalls);
  }

  waitingCounts(officeDate: string): { stage: string; lane: LaneId; windowStart: number; waiting: number }[] {
    return (
      this.waitingCountsStmt.all(officeDate) as {
        stage: string;
        lane: LaneId;
        window_start: number;
        waiting: number;
      }[]
    ).map((r) => ({ stage: r.stage, lane: r.lane, windowStart: r.window_start, waiting: r.waiting }));
  }

  officerFigures(
    officeDate: string,
    officerId: string,
  ): { called: number; served: number; averageServiceMs: number | null; outOfOrder: number } {
    const row = this.officerFiguresStmt.get({ day: officeDate, officer: officerId }) as {
      called: number;
      served: number;
      service_ms: number | null;
      out_of_order: number;
    };
    return {
      called: row.called,
      served: row.served,
      averageServiceMs: row.service_ms,
      outOfOrder: row.out_of_order,
    };
  }

  /** The average wait of tickets called since `since` (ms), or null when none was. */
  averageWaitSince(officeDate: string, since: number): { averageMs: number | null; calls: number } {
    const row = this.averageWaitStmt.get(officeDate, since) as { wait_ms: number | null; n: number };
    return { averageMs: row.wait_ms, calls: row.n };
  }
}
