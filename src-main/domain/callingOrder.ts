import { z } from 'zod';
import { priorityLaneIds, type LaneId } from './laneIds.ts';

/**
 * Who a counter's "call next" reaches at one stage (DESIGN.md §3, Calling order). Pure: the
 * tickets waiting, the office's minute of the day, the policy and where the priority ratio stands
 * come in; an order comes out. The rules, their exact reading and a worked example are in
 * docs/calling-order.md.
 */

export interface QueuedTicket {
  id: string;
  /** `A2-014`: the last tiebreak, so tickets equal in everything else always come out the same way. */
  number: string;
  /** `standby` marks a late arrival; the four priority lanes share one priority class. */
  lane: LaneId;
  /**
   * Minute of the office's local day its window opens: the booked window, or for a standby ticket
   * the window current when it checked in (the window its number belongs to).
   */
  windowStart: number;
  /** Check-in time (ms). A held or transferred ticket keeps the original, and so keeps its place. */
  placedAt: number;
}

export const callingPolicySchema = z.object({
  /**
   * Calls per cycle: first `priority` calls to the priority lanes, then `regular` to the regular
   * lane. At least one each, or a class could wait all day behind a steady stream of the other.
   */
  ratio: z.object({ priority: z.number().int().min(1).max(20), regular: z.number().int().min(1).max(20) }),
  /** Call a ticket whose window has not opened yet when no one else waits; false: never before it opens. */
  callEarlyWhenIdle: z.boolean(),
});
export type CallingPolicy = z.infer<typeof callingPolicySchema>;

export const defaultCallingPolicy: CallingPolicy = {
  ratio: { priority: 1, regular: 2 },
  callEarlyWhenIdle: true,
};

/** Where the ratio's cycle stands: the priority calls, then the regular calls, it has had so far. */
export interface CallingMemory {
  priorityCalls: number;
  regularCalls: number;
}

export const freshCallingMemory: CallingMemory = { priorityCalls: 0, regularCalls: 0 };

type RatioClass = 'priority' | 'regular';

const priorityLanes: ReadonlySet<LaneId> = new Set(priorityLaneIds);

/** Standby tickets are regular tickets that lost their place in their window. */
function ratioClassOf(lane: LaneId): RatioClass {
  return priorityLanes.has(lane) ? 'priority' : 'regular';
}

/** The memory as a position inside the cycle, even if the ratio was changed since it was written. */
function positionIn(memory: CallingMemory, ratio: CallingPolicy['ratio']): CallingMemory {
  const priorityCalls = Math.min(memory.priorityCalls, ratio.priority);
  const regularCalls = priorityCalls < ratio.priority ? 0 : Math.min(memory.regularCalls, ratio.regular);
  const cycleDone = priorityCalls === ratio.priority && regularCalls === ratio.regular;
  return cycleDone ? freshCallingMemory : { priorityCalls, regularCalls };
}

function turnOf(memory: CallingMemory, ratio: CallingPolicy['ratio']): RatioClass {
  return positionIn(memory, ratio).priorityCalls < ratio.priority ? 'priority' : 'regular';
}

/**
 * The memory after a call, in order or out of order. Only a call of the class whose turn it is moves
 * the cycle on: serving the other class because this one had no one waiting (or an officer's
 * out-of-order call) neither uses up the turn nor builds a debt. A standby call counts as regular.
 */
export function rememberCall(
  memory: CallingMemory,
  ticket: Pick<QueuedTicket, 'lane'>,
  policy: CallingPolicy,
): CallingMemory {
  const called = ratioClassOf(ticket.lane);
  const position = positionIn(memory, policy.ratio);
  if (called !== turnOf(position, policy.ratio)) return position;
  return positionIn(
    called === 'priority'
      ? { ...position, priorityCalls: position.priorityCalls + 1 }
      : { ...position, regularCalls: position.regularCalls + 1 },
    policy.ratio,
  );
}

const byTieBreak = (a: QueuedTicket, b: QueuedTicket): number =>
  a.number < b.number ? -1 : a.number > b.number ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const standbyRank = (t: QueuedTicket): number => (t.lane === 'standby' ? 1 : 0);
/** By window, the window's on-time tickets before its standby ones, then by check-in. */
const byWindowThenCheckIn = (a: QueuedTicket, b: QueuedTicket): number =>
  a.windowStart - b.windowStart ||
  standbyRank(a) - standbyRank(b) ||
  a.placedAt - b.placedAt ||
  byTieBreak(a, b);

/**
 * The order the next calls would take if no one else arrived and the clock stood still: priority
 * and regular tickets whose window has opened, interleaved at the ratio, a window's standby
 * tickets after its on-time ones; then, if the policy allows, tickets whose window has not opened
 * yet.
 */
export function orderQueue<T extends QueuedTicket>(
  waiting: readonly T[],
  nowMinute: number,
  policy: CallingPolicy,
  memory: CallingMemory,
): T[] {
  const regular: T[] = [];
  const priority: T[] = [];
  const early: T[] = [];
  for (const ticket of waiting) {
    if (ticket.windowStart > nowMinute) early.push(ticket);
    else if (ratioClassOf(ticket.lane) === 'regular') regular.push(ticket);
    else priority.push(ticket);
  }
  regular.sort(byWindowThenCheckIn);
  priority.sort(byWindowThenCheckIn);
  early.sort(byWindowThenCheckIn);

  const order: T[] = [];
  let position = memory;
  let p = 0;
  let r = 0;
  // While both classes wait, the ratio decides; once one is empty the other is served in full.
  for (;;) {
    const headOfPriority = priority[p];
    const headOfRegular = regular[r];
    if (!headOfPriority || !headOfRegular) break;
    const prioritysTurn = turnOf(position, policy.ratio) === 'priority';
    const ticket = prioritysTurn ? headOfPriority : headOfRegular;
    if (prioritysTurn) p += 1;
    else r += 1;
    order.push(ticket);
    position = rememberCall(position, ticket, policy);
  }
  order.push(...priority.slice(p), ...regular.slice(r));
  if (policy.callEarlyWhenIdle) order.push(...early);
  return order;
}

/** The ticket "call next" reaches now, or null when no one may be called yet. */
export function nextToCall<T extends QueuedTicket>(
  waiting: readonly T[],
  nowMinute: number,
  policy: CallingPolicy,
  memory: CallingMemory,
): T | null {
  return orderQueue(waiting, nowMinute, policy, memory)[0] ?? null;
}

/**
 * A ticket whose priority claim an officer refused goes back to the regular lane. Its place there
 * is the one its check-in gave it: the window and the check-in time stay, and the regular lane is
 * ordered by exactly those, so it comes before everyone of its window who checked in after it, as
 * if it had never claimed. The refused call stays counted in the ratio's cycle: the counter's turn
 * was spent on it.
 */
export function withoutPriority<T extends QueuedTicket>(ticket: T): T {
  return { ...ticket, lane: 'regular' };
}
