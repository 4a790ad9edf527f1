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
  /** Time in service; null unless a service period ended. */
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

/** Measures one visit from its periods (any order) and its window's start instant. */
export function measureVisit(periods: readonly PeriodRow[], windowStartAt: number): VisitMeasures {
  let waitSum = 0;
  let walkUpSum = 0;
  let serviceSum = 0;
  let served = false;
  let serviceOpen = false;
  let firstCall: PeriodRow | null = null;
  let firstWaitStart: number | null = null;
  let held = false;
  let firstSeq = Infinity;
  for (const p of periods) {
    if (p.seq < firstSeq) firstSeq = p.seq;
    switch (p.state) {
      case 'waiting':
        if (firstWaitStart === null || p.startedAt < firstWaitStart) firstWaitStart = p.startedAt;
        if (p.endedAt !== null) waitSum += Math.max(0, p.endedAt - Math.max(p.startedAt, windowStartAt));
        break;
      case 'called':
        if (firstCall === null || p.startedAt < firstCall.startedAt) firstCall = p;
        if (p.endedAt !== null) walkUpSum += p.endedAt - p.startedAt;
        break;
      case 'serving':
        served = true;
        if (p.endedAt === null) serviceOpen = true;
        else serviceSum += p.endedAt - p.startedAt;
        break;
      case 'held':
        held = true;
        break;
    }
  }
  return {
    wait: firstCall ? waitSum : null,
    walkUp: served ? walkUpSum : null,
    service: served && !serviceOpen ? serviceSum : null,
    firstCallAt: firstCall?.startedAt ?? null,
    calledCounter: firstCall?.counter ?? null,
    calledOfficerId: firstCall?.officerId ?? null,
    waitStartedAt: firstWaitStart === null ? null : Math.max(firstWaitStart, windowStartAt),
    held,
    firstSeq,
  };
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
