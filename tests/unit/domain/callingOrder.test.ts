import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callingPolicySchema,
  defaultCallingPolicy,
  freshCallingMemory,
  nextToCall,
  orderQueue,
  rememberCall,
  withoutPriority,
  type CallingMemory,
  type CallingPolicy,
  type QueuedTicket,
} from '../../../src-main/domain/callingOrder.ts';
import { minutesOf } from '../../../src-main/domain/localTime.ts';
import { laneIds, priorityLaneIds, type LaneId } from '../../../src-main/domain/office.ts';

const midnight = Date.parse('2026-11-30T00:00:00+08:00'); // a Monday in Denpasar
const at = (time: string) => midnight + minutesOf(time) * 60_000;

/** A waiting ticket: its number, lane, booked window start and check-in time. */
const ticket = (number: string, lane: LaneId, window: string, checkedInAt: string): QueuedTicket => ({
  id: number,
  number,
  lane,
  windowStart: minutesOf(window),
  placedAt: at(checkedInAt),
});

const numbers = (tickets: readonly QueuedTicket[]) => tickets.map((t) => t.number);
const orderAt = (
  time: string,
  waiting: QueuedTicket[],
  policy = defaultCallingPolicy,
  memory = freshCallingMemory,
) => numbers(orderQueue(waiting, minutesOf(time), policy, memory));

/** Calls one after another at a standing clock, each called ticket leaving the queue. */
function callAll(waiting: QueuedTicket[], nowMinute: number, policy: CallingPolicy, memory: CallingMemory) {
  const called: QueuedTicket[] = [];
  let left = waiting;
  for (;;) {
    const next = nextToCall(left, nowMinute, policy, memory);
    if (!next) return called;
    called.push(next);
    memory = rememberCall(memory, next, policy);
    left = left.filter((t) => t !== next);
  }
}

describe('the worked example in docs/calling-order.md (10:10, ratio 1 : 2, regular’s second turn next)', () => {
  const memory = { priorityCalls: 1, regularCalls: 1 };
  const waiting = [
    ticket('A4-001', 'regular', '11:00', '10:05'),
    ticket('C3-001', 'disabilitas', '10:00', '10:02'),
    ticket('S2-001', 'standby', '09:00', '09:45'), // booked 08:00, numbered in the window it came in
    ticket('A3-002', 'regular', '10:00', '09:05'),
    ticket('A2-011', 'regular', '09:00', '09:55'),
    ticket('B3-001', 'lansia', '10:00', '09:40'),
    ticket('A2-007', 'regular', '09:00', '08:50'), // back from hold at 10:05, keeps 08:50
    ticket('D2-003', 'hamil', '09:00', '09:50'),
    ticket('A2-004', 'regular', '09:00', '08:15'),
    ticket('A1-019', 'regular', '08:00', '09:20'),
  ];

  it('calls in the order the table gives', () => {
    expect(orderAt('10:10', waiting, defaultCallingPolicy, memory)).toEqual([
      'A1-019',
      'D2-003',
      'A2-004',
      'A2-007',
      'B3-001',
      'A2-011',
      'S2-001',
      'C3-001',
      'A3-002',
      'A4-001',
    ]);
  });

  it('is the order counters reach by calling next one after another', () => {
    expect(numbers(callAll(waiting, minutesOf('10:10'), defaultCallingPolicy, memory))).toEqual(
      orderAt('10:10', waiting, defaultCallingPolicy, memory),
    );
  });
});

describe('tickets whose window has opened', () => {
  it('are called by window start, so a citizen of the 08:00 window checking in late goes first', () => {
    const waiting = [
      ticket('A2-001', 'regular', '09:00', '08:10'),
      ticket('A1-024', 'regular', '08:00', '09:25'),
    ];
    expect(orderAt('09:30', waiting)).toEqual(['A1-024', 'A2-001']);
  });

  it('of the same window are called in check-in order, not by number', () => {
    const waiting = [
      ticket('C2-001', 'disabilitas', '09:00', '08:40'),
      ticket('D2-001', 'hamil', '09:00', '08:05'),
      ticket('B2-002', 'lansia', '09:00', '08:20'),
    ];
    expect(orderAt('09:00', waiting)).toEqual(['D2-001', 'B2-002', 'C2-001']);
  });

  it('checked in the same moment are called by number, whatever order they are listed in', () => {
    const waiting = [
      ticket('A2-002', 'regular', '09:00', '08:20'),
      ticket('A2-001', 'regular', '09:00', '08:20'),
    ];
    expect(orderAt('09:00', waiting)).toEqual(['A2-001', 'A2-002']);
    expect(orderAt('09:00', waiting.toReversed())).toEqual(['A2-001', 'A2-002']);
  });

  it('include a window opening this very minute', () => {
    const waiting = [ticket('A2-001', 'regular', '09:00', '08:10')];
    expect(nextToCall(waiting, minutesOf('09:00'), defaultCallingPolicy, freshCallingMemory)?.number).toBe(
      'A2-001',
    );
  });
});

describe('the priority lanes at 1 priority to 2 regular', () => {
  const regulars = ['001', '002', '003', '004', '005', '006'].map((n) =>
    ticket(`A1-${n}`, 'regular', '08:00', `07:${n.slice(1)}`),
  );
  const priorities = [
    ticket('B1-001', 'lansia', '08:00', '07:30'),
    ticket('C1-001', 'disabilitas', '08:00', '07:31'),
    ticket('D1-001', 'hamil', '08:00', '07:32'),
    ticket('E1-001', 'balita', '08:00', '07:33'),
  ];

  it('take one call in three while both wait, the four lanes sharing one place in line', () => {
    expect(orderAt('08:30', [...regulars, ...priorities])).toEqual([
      'B1-001',
      'A1-001',
      'A1-002',
      'C1-001',
      'A1-003',
      'A1-004',
      'D1-001',
      'A1-005',
      'A1-006',
      'E1-001',
    ]);
  });

  it('are served one after another when no regular ticket waits, so no counter stands idle', () => {
    expect(orderAt('08:30', priorities)).toEqual(['B1-001', 'C1-001', 'D1-001', 'E1-001']);
  });

  it('give way to regular tickets while no priority ticket waits, then are first again', () => {
    let memory = freshCallingMemory;
    for (const called of regulars.slice(0, 5)) memory = rememberCall(memory, called, defaultCallingPolicy);
    const lansia = ticket('B1-009', 'lansia', '08:00', '08:40');
    expect(orderAt('08:40', [regulars[5]!, lansia], defaultCallingPolicy, memory)).toEqual([
      'B1-009',
      'A1-006',
    ]);
  });

  it('follow another configured ratio: 2 priority to 3 regular', () => {
    const policy = { ...defaultCallingPolicy, ratio: { priority: 2, regular: 3 } };
    expect(orderAt('08:30', [...regulars, ...priorities], policy)).toEqual([
      'B1-001',
      'C1-001',
      'A1-001',
      'A1-002',
      'A1-003',
      'D1-001',
      'E1-001',
      'A1-004',
      'A1-005',
      'A1-006',
    ]);
  });

  it('carry the cycle over from the calls already made', () => {
    const memory = rememberCall(freshCallingMemory, priorities[0]!, defaultCallingPolicy);
    expect(orderAt('08:30', [...regulars.slice(0, 3), priorities[1]!], defaultCallingPolicy, memory)).toEqual(
      ['A1-001', 'A1-002', 'C1-001', 'A1-003'],
    );
  });
});

describe('the cycle after an officer calls a ticket out of order', () => {
  const policy = defaultCallingPolicy;

  it('counts a priority ticket called out of order when it was priority’s turn', () => {
    const memory = rememberCall(freshCallingMemory, { lane: 'balita' }, policy);
    expect(memory).toEqual({ priorityCalls: 1, regularCalls: 0 });
  });

  it('leaves priority its turn when a regular ticket was called out of order', () => {
    expect(rememberCall(freshCallingMemory, { lane: 'regular' }, policy)).toEqual(freshCallingMemory);
  });

  it('counts a standby call as a regular one: it takes regular’s turn, and leaves priority its own', () => {
    expect(rememberCall({ priorityCalls: 1, regularCalls: 0 }, { lane: 'standby' }, policy)).toEqual({
      priorityCalls: 1,
      regularCalls: 1,
    });
    expect(rememberCall({ priorityCalls: 1, regularCalls: 1 }, { lane: 'standby' }, policy)).toEqual(
      freshCallingMemory,
    );
    expect(rememberCall(freshCallingMemory, { lane: 'standby' }, policy)).toEqual(freshCallingMemory);
  });

  it('starts a fresh cycle when a shorter ratio is configured during the day', () => {
    const oneToOne = { ...policy, ratio: { priority: 1, regular: 1 } };
    const waiting = [
      ticket('A1-001', 'regular', '08:00', '07:50'),
      ticket('B1-001', 'lansia', '08:00', '07:55'),
    ];
    expect(orderAt('08:30', waiting, oneToOne, { priorityCalls: 1, regularCalls: 2 })).toEqual([
      'B1-001',
      'A1-001',
    ]);
  });
});

describe('standby tickets (late arrivals, numbered in the window current when they check in)', () => {
  // Booked 08:00, checked in at 09:40: too late for the 08:00 window, so numbered in the 09:00 one.
  const late = ticket('S2-002', 'standby', '09:00', '09:40');

  it('wait for the on-time tickets of their window, even those who checked in after them', () => {
    const onTime = ticket('A2-005', 'regular', '09:00', '09:55');
    expect(orderAt('10:00', [late, onTime])).toEqual(['A2-005', 'S2-002']);
  });

  it('go before the tickets of a later window, so a window opening while they wait does not push them back', () => {
    const nextWindow = ticket('A3-001', 'regular', '10:00', '09:30');
    const earlierWindow = ticket('A1-030', 'regular', '08:00', '09:25');
    expect(orderAt('10:15', [nextWindow, late, earlierWindow])).toEqual(['A1-030', 'S2-002', 'A3-001']);
  });

  it('of the same window are called in check-in order, and before a later window’s standby', () => {
    const laterStill = ticket('S2-003', 'standby', '09:00', '09:50');
    const nextWindowLate = ticket('S3-001', 'standby', '10:00', '10:05');
    expect(orderAt('10:10', [nextWindowLate, laterStill, late])).toEqual(['S2-002', 'S2-003', 'S3-001']);
  });

  it('take regular’s turns in the priority ratio, so priority comes after one regular and one standby call', () => {
    const regular = ticket('A2-001', 'regular', '09:00', '08:30');
    const lansia = ticket('B2-001', 'lansia', '09:00', '08:40');
    const nextWindow = ticket('A3-001', 'regular', '10:00', '09:30');
    const priorityHadItsTurn = { priorityCalls: 1, regularCalls: 0 };
    expect(
      orderAt('10:00', [nextWindow, lansia, late, regular], defaultCallingPolicy, priorityHadItsTurn),
    ).toEqual(['A2-001', 'S2-002', 'B2-001', 'A3-001']);
  });

  it('go before a citizen whose window has not opened yet', () => {
    const early = ticket('A3-001', 'regular', '10:00', '09:30');
    expect(orderAt('09:55', [early, late])).toEqual(['S2-002', 'A3-001']);
  });
});

describe('citizens whose window has not opened yet', () => {
  const early = [
    ticket('A3-002', 'regular', '10:00', '09:10'),
    ticket('B3-001', 'lansia', '10:00', '09:20'),
    ticket('A3-001', 'regular', '10:00', '09:05'),
  ];
  const later = ticket('A4-001', 'regular', '11:00', '09:00');

  it('are not called while anyone whose window has opened waits', () => {
    const onTime = ticket('A2-020', 'regular', '09:00', '09:30');
    expect(orderAt('09:40', [...early, onTime])[0]).toBe('A2-020');
  });

  it('are called when no one else waits, by window start, then check-in time', () => {
    expect(orderAt('09:40', [later, ...early])).toEqual(['A3-001', 'A3-002', 'B3-001', 'A4-001']);
  });

  it('are never called before their window opens when the office says so', () => {
    const policy = { ...defaultCallingPolicy, callEarlyWhenIdle: false };
    expect(nextToCall([later, ...early], minutesOf('09:59'), policy, freshCallingMemory)).toBeNull();
    expect(orderAt('10:00', [later, ...early], policy)).toEqual(['B3-001', 'A3-001', 'A3-002']);
  });
});

describe('a held or transferred ticket back in the queue', () => {
  it('keeps its place among those who checked in after it', () => {
    // A2-003 checked in at 09:05, was held at the counter, and came back at 09:40.
    const back = ticket('A2-003', 'regular', '09:00', '09:05');
    const waiting = [ticket('A2-009', 'regular', '09:00', '09:20'), back];
    expect(orderAt('09:45', waiting)).toEqual(['A2-003', 'A2-009']);
  });
});

describe('the calling policy an office configures', () => {
  const withRatio = (priority: number, regular: number) =>
    callingPolicySchema.safeParse({ ...defaultCallingPolicy, ratio: { priority, regular } }).success;

  it('accepts 1 priority to 2 regular, or any whole numbers of calls each', () => {
    expect(callingPolicySchema.safeParse(defaultCallingPolicy).success).toBe(true);
    expect(withRatio(2, 5)).toBe(true);
  });

  it('refuses a ratio that would let one class wait all day, or fractions of a call', () => {
    expect(withRatio(0, 3)).toBe(false);
    expect(withRatio(1, 0)).toBe(false);
    expect(withRatio(1.5, 2)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Random days: tickets arrive, the clock moves, counters call next, until the hall is empty.

const opening = minutesOf('08:00');
const windowStarts = [0, 1, 2, 3, 4, 5, 6, 7].map((w) => opening + 60 * w);

const ratioArb = fc.record({
  priority: fc.integer({ min: 1, max: 4 }),
  regular: fc.integer({ min: 1, max: 4 }),
});
const policyArb = fc.record({ ratio: ratioArb, callEarlyWhenIdle: fc.boolean() });
const bookingArb = fc.record({
  lane: fc.constantFrom(...laneIds),
  windowStart: fc.constantFrom(...windowStarts),
});
const stepArb = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('arrive' as const), booking: bookingArb }), weight: 4 },
  {
    arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('call' as const) }), weight: 4 },
);
// size 'max': without it fast-check keeps arrays to about ten steps, too short for a day with a backlog.
const dayArb = fc.record({ policy: policyArb, steps: fc.array(stepArb, { maxLength: 150, size: 'max' }) });

interface Call {
  ticket: QueuedTicket;
  nowMinute: number;
  waiting: QueuedTicket[]; // everyone waiting at the moment of the call, the called ticket included
}

/** Standby tickets are regular tickets that lost their place in their window. */
type Class = 'regular' | 'priority';
const classOf = (lane: LaneId): Class =>
  (priorityLaneIds as readonly string[]).includes(lane) ? 'priority' : 'regular';
const isStandby = (t: QueuedTicket) => t.lane === 'standby';
const opened = (t: QueuedTicket, nowMinute: number) => t.windowStart <= nowMinute;
/** Whether `t` has a better place in line than `called`, within one class. */
const placedBefore = (t: QueuedTicket, called: QueuedTicket) =>
  t.windowStart < called.windowStart ||
  (t.windowStart === called.windowStart &&
    (isStandby(t) === isStandby(called) ? t.placedAt < called.placedAt : !isStandby(t)));

type Day = typeof dayArb extends fc.Arbitrary<infer D> ? D : never;

/** Plays a day, then keeps calling (moving the clock to the next window when no one may be called). */
function playDay(day: Day) {
  const { policy } = day;
  let nowMinute = minutesOf('07:00');
  let memory = freshCallingMemory;
  let waiting: QueuedTicket[] = [];
  const arrived: QueuedTicket[] = [];
  const calls: Call[] = [];
  const callNext = () => {
    const next = nextToCall(waiting, nowMinute, policy, memory);
    if (!next) return false;
    calls.push({ ticket: next, nowMinute, waiting });
    memory = rememberCall(memory, next, policy);
    waiting = waiting.filter((t) => t !== next);
    return true;
  };
  for (const step of day.steps) {
    if (step.kind === 'tick') nowMinute += step.minutes;
    else if (step.kind === 'call') callNext();
    else {
      // A late arrival is numbered in the window current when it checks in (before the first window
      // opens no one can be late).
      const { lane } = step.booking;
      const windowStart =
        lane === 'standby' ? windowStarts.findLast((start) => start <= nowMinute) : step.booking.windowStart;
      if (windowStart === undefined) continue;
      const n = arrived.length + 1;
      const placedAt = midnight + nowMinute * 60_000; // several may check in within one minute
      // Numbers out of step with check-in times, as across lanes or after a transfer.
      const number = `X-${String((n * 7919) % 1000).padStart(3, '0')}`;
      const newcomer = { id: `t${n}`, number, placedAt, lane, windowStart };
      arrived.push(newcomer);
      waiting = [...waiting, newcomer];
    }
  }
  while (waiting.length > 0) {
    if (callNext()) continue;
    const nextOpening = Math.min(...waiting.map((t) => t.windowStart));
    if (nextOpening <= nowMinute) throw new Error('no one called although a window has opened');
    nowMinute = nextOpening;
  }
  return { arrived, calls, policy };
}

describe('a random day on the floor', () => {
  it('calls every ticket that waited exactly once when counters keep calling', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const { arrived, calls } = playDay(day);
        const called = calls.map((c) => c.ticket.id);
        expect(new Set(called).size).toBe(called.length);
        expect(called.toSorted()).toEqual(arrived.map((t) => t.id).toSorted());
      }),
      { numRuns: 200 },
    );
  });

  it('never lets a ticket overtake one of its class with an earlier window, or the same window and an earlier place', () => {
    // The same window: on-time before standby, then check-in time among on-time or among standby.
    fc.assert(
      fc.property(dayArb, (day) => {
        for (const { ticket: called, nowMinute, waiting } of playDay(day).calls) {
          const others = waiting.filter((t) => t !== called);
          if (!opened(called, nowMinute)) {
            expect(day.policy.callEarlyWhenIdle).toBe(true);
            expect(others.filter((t) => opened(t, nowMinute))).toEqual([]);
          } else {
            const cls = classOf(called.lane);
            expect(others.filter((t) => classOf(t.lane) === cls && placedBefore(t, called))).toEqual([]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('starves neither class: while one waits, the other gets no more calls in a row than its share', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const { ratio } = day.policy;
        // Each call's class if it was made while someone of the other class, window opened, waited.
        const overOthers = playDay(day).calls.map(({ ticket: called, nowMinute, waiting }) => {
          const cls = classOf(called.lane);
          const other = cls === 'priority' ? 'regular' : 'priority';
          return waiting.some((t) => classOf(t.lane) === other && opened(t, nowMinute)) ? cls : null;
        });
        let inARow = 0;
        overOthers.forEach((cls, i) => {
          inARow = cls !== null && cls === overOthers[i - 1] ? inARow + 1 : 1;
          if (cls) expect(inARow).toBeLessThanOrEqual(ratio[cls]);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the ratio while both classes always have someone waiting', () => {
  it('splits any stretch of k full cycles exactly k × priority to k × regular, standby counted as regular, wherever the cycle stood', () => {
    fc.assert(
      fc.property(
        ratioArb,
        fc.array(fc.constantFrom(...laneIds), { maxLength: 12, size: 'max' }), // earlier calls, some out of order
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.constantFrom(...laneIds), fc.constantFrom(...windowStarts)), {
          maxLength: 40,
          size: 'max',
        }),
        (ratio, earlierCalls, cycles, newcomers) => {
          const policy = { ratio, callEarlyWhenIdle: true };
          const cycle = ratio.priority + ratio.regular;
          const callCount = cycle * cycles * 2;
          let memory = earlierCalls.reduce(
            (m, lane) => rememberCall(m, { lane }, policy),
            freshCallingMemory,
          );
          const nowMinute = windowStarts[windowStarts.length - 1]!;
          const pool = (lane: LaneId, count: number) =>
            Array.from({ length: count }, (_, i) => ({
              id: `${lane}${i}`,
              number: `${lane}-${i}`,
              lane,
              windowStart: windowStarts[i % windowStarts.length]!,
              placedAt: midnight + i,
            }));
          // More of each than the calls could ever take, so neither class runs dry.
          let waiting: QueuedTicket[] = [...pool('regular', callCount + 1), ...pool('hamil', callCount + 1)];
          const classes: Class[] = [];
          for (let i = 0; i < callCount; i += 1) {
            const newcomer = newcomers[i];
            if (newcomer) {
              const [lane, windowStart] = newcomer;
              waiting = [
                ...waiting,
                { id: `n${i}`, number: `N-${i}`, lane, windowStart, placedAt: midnight + i },
              ];
            }
            const next = nextToCall(waiting, nowMinute, policy, memory)!;
            classes.push(classOf(next.lane));
            memory = rememberCall(memory, next, policy);
            waiting = waiting.filter((t) => t !== next);
          }
          for (let start = 0; start < callCount; start += 1) {
            for (let k = 1; start + k * cycle <= callCount; k += 1) {
              const stretch = classes.slice(start, start + k * cycle);
              expect(stretch.filter((c) => c === 'priority').length).toBe(k * ratio.priority);
              expect(stretch.filter((c) => c === 'regular').length).toBe(k * ratio.regular);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the order counters see as "who is next"', () => {
  const queueArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      number: fc.constantFrom('A1-001', 'A1-002', 'B2-001'),
      lane: fc.constantFrom(...laneIds),
      windowStart: fc.constantFrom(...windowStarts),
      placedAt: fc.integer({ min: midnight, max: midnight + 10 * 60_000 }),
    }),
    { selector: (t) => t.id, maxLength: 30, size: 'max' },
  );
  const memoryArb = fc.record({ priorityCalls: fc.nat(4), regularCalls: fc.nat(4) });

  it('is exactly the calls that follow one after another at a standing clock', () => {
    fc.assert(
      fc.property(
        queueArb,
        fc.constantFrom(...windowStarts),
        policyArb,
        memoryArb,
        (waiting, now, policy, memory) => {
          expect(callAll(waiting, now, policy, memory)).toEqual(orderQueue(waiting, now, policy, memory));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order the tickets were listed in', () => {
    fc.assert(
      fc.property(
        queueArb.chain((q) => fc.tuple(fc.constant(q), fc.shuffledSubarray(q, { minLength: q.length }))),
        fc.constantFrom(...windowStarts),
        policyArb,
        memoryArb,
        ([waiting, shuffled], now, policy, memory) => {
          expect(orderQueue(shuffled, now, policy, memory)).toEqual(orderQueue(waiting, now, policy, memory));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a priority claim refused at the counter', () => {
  it('puts the ticket in the regular lane at the place its check-in gave it, in its window', () => {
    const waiting = [
      ticket('A2-001', 'regular', '09:00', '09:01'),
      ticket('A2-002', 'regular', '09:00', '09:03'),
      ticket('A1-009', 'regular', '08:00', '09:04'),
      ticket('S2-001', 'standby', '09:00', '09:00'),
    ];
    const refused = withoutPriority(ticket('D2-001', 'hamil', '09:00', '09:02'));
    expect(refused.lane).toBe('regular');
    const onlyRegular = { ...defaultCallingPolicy, ratio: { priority: 1, regular: 20 } };
    expect(orderAt('09:30', [...waiting, refused], onlyRegular)).toEqual([
      'A1-009',
      'A2-001',
      'D2-001',
      'A2-002',
      'S2-001',
    ]);
  });
});
