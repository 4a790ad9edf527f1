import type { EntryStatus } from '../states.ts';

/**
 * A stage visit (one ticket's time at one stage's queue and counter) measured from its period
 * rows. Every duration is start-inclusive, end-exclusive, in ms, and counts closed periods only: a
 * visit still waiting, called or served is measured once that period ends.
 */
export interface PeriodRow {
  seq: number;
  state: string;
  startedAt: number;
  endedAt: number | null;
  officerId: string | null;
  counter: number | null;
}

export interface VisitMeasures {
  /** From the later of joining the queue and the window's start until called; null when never called. */
  wait: number | null;
  /** Called until service started; null unless service started (a no-show's call is no walk-up). */
  walkUp: number | null;
  /** Time in service; null unless a service period ended (and none is still running). */
  service: number | null;
  /** The first call: when, from which counter, by which officer. */
  firstCallAt: number | null;
  calledCounter: number | null;
  calledOfficerId: string | null;
  /** When the wait started: the later of the first waiting period's start and the window's start. */
  waitStartedAt: number | null;
  held: boolean;
  /** The smallest period sequence number: the visit made first for a ticket is its check-in stage. */
  firstSeq: number;
}

/**
 * A visit's periods folded in one at a time, in any order: a year's report reads its periods in
 * one pass and keeps one tally per visit, never the period rows themselves.
 */
export class VisitTally {
  private waitSum = 0;
  private walkUpSum = 0;
  private serviceSum = 0;
  private served = false;
  private serviceOpen = false;
  private firstCallAt: number | null = null;
  private calledCounter: number | null = null;
  private calledOfficerId: string | null = null;
  private firstWaitStart: number | null = null;
  private held = false;
  private firstSeq = Infinity;

  constructor(readonly windowStartAt: number) {}

  add(
    seq: number,
    state: string,
    startedAt: number,
    endedAt: number | null,
    officerId: string | null,
    counter: number | null,
  ): void {
    if (seq < this.firstSeq) this.firstSeq = seq;
    switch (state) {
      case 'waiting':
        if (this.firstWaitStart === null || startedAt < this.firstWaitStart) this.firstWaitStart = startedAt;
        if (endedAt !== null) this.waitSum += Math.max(0, endedAt - Math.max(startedAt, this.windowStartAt));
        break;
      case 'called':
        if (this.firstCallAt === null || startedAt < this.firstCallAt) {
          this.firstCallAt = startedAt;
          this.calledCounter = counter;
          this.calledOfficerId = officerId;
        }
        if (endedAt !== null) this.walkUpSum += endedAt - startedAt;
        break;
      case 'serving':
        this.served = true;
        if (endedAt === null) this.serviceOpen = true;
        else this.serviceSum += endedAt - startedAt;
        break;
      case 'held':
        this.held = true;
        break;
    }
  }

  measures(): VisitMeasures {
    return {
      wait: this.firstCallAt === null ? null : this.waitSum,
      walkUp: this.served ? this.walkUpSum : null,
      service: this.served && !this.serviceOpen ? this.serviceSum : null,
      firstCallAt: this.firstCallAt,
      calledCounter: this.calledCounter,
      calledOfficerId: this.calledOfficerId,
      waitStartedAt: this.firstWaitStart === null ? null : Math.max(this.firstWaitStart, this.windowStartAt),
      held: this.held,
      firstSeq: this.firstSeq,
    };
  }
}

/** Measures one visit from its periods (any order) and its window's start instant. */
export function measureVisit(periods: readonly PeriodRow[], windowStartAt: number): VisitMeasures {
  const tally = new VisitTally(windowStartAt);
  for (const p of periods) tally.add(p.seq, p.state, p.startedAt, p.endedAt, p.officerId, p.counter);
  return tally.measures();
}

/** A measured stage visit with what the groups and counts need: plain values, no names. */
export interface StageVisit extends VisitMeasures {
  date: string;
  stage: string;
  number: string;
  lane: string;
  /** "09:00–10:00", the ticket's booked window. */
  window: string;
  status: EntryStatus;
  /** The visit made at check-in (later stages and transfers are not). */
  firstStage: boolean;
  windowStartAt: number;
  /** Local hour (0–23) the wait started, null if it never did. */
  hour: number | null;
  unverified: boolean;
  /** The ticket's priority claim decision, counted at its first stage. */
  claim: 'confirmed' | 'refused' | null;
}
