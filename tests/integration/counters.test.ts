import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/api/invoke.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  callNext,
  callTicket,
  completeService,
  holdTicket,
  markNoShow,
  recall,
  releaseTicket,
  startService,
  transferTicket,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { boardView, counterView, floorView } from '../../src-main/services/counterViews.ts';
import {
  addUser,
  changeUser,
  requireOfficer,
  signIn,
  signOut,
  unlock,
} from '../../src-main/services/officers.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { Station } from '../../src-main/store/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { deskFor } from '../support/hub.ts';

let floor: TestFloor;
let ctx: TestFloor['ctx'] & { signInAttempts: AttemptLimiter };

beforeEach(() => {
  floor = makeFloor({ now: at('2026-11-30', '08:00') });
  ctx = { ...floor.ctx, signInAttempts: new AttemptLimiter(5, 5 * 60_000) };
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '135791' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Print',
    role: 'print_operator',
    secret: '998877',
  });
});

/** A station; a counter's desk is the number its name ends with ("Loket 3"), else the lowest free one. */
function station(mode: Station['mode'], name: string, counter?: number): Station {
  const desk = mode === 'counter' ? { counter: counter ?? deskFor(floor.store, name) } : {};
  return addStation(ctx, commandLine, { mode, name, ...desk }).station;
}

/** An officer signed in at a counter station, as the counter's operations see them. */
function counterOfficer(
  username: string,
  secret: string,
  counter: number,
): CounterCaller & { station: Station } {
  const desk = station('counter', `Loket ${counter}`);
  signIn(ctx, desk, { username, secret, counter });
  return {
    station: desk,
    stationId: desk.id,
    actor: username,
    officer: requireOfficer(ctx, desk, ['officer', 'supervisor']),
  };
}

/** Checks a booking in at the instant given (office time on 30 November). */
function arrive(index: number, time: string, overrides: Parameters<typeof sampleAppointment>[1] = {}) {
  floor.load([sampleAppointment(index, overrides)]);
  floor.clock.set(at('2026-11-30', time));
  return checkIn(ctx, floor.kiosk, { text: `MPDPS-${String(index).padStart(5, '0')}` });
}

describe('officers signing in', () => {
  it('takes the right PIN at a counter, refuses a wrong one, and locks a username after five', () => {
    const desk = station('counter', 'Loket 1');
    expect(() => signIn(ctx, desk, { username: 'ayu', secret: '000000', counter: 1 })).toThrow(
      /Wrong username or PIN/,
    );
    expect(() => signIn(ctx, desk, { username: 'nobody', secret: '246810', counter: 1 })).toThrow(
      /Wrong username or PIN/,
    );
    for (let i = 0; i < 4; i += 1)
      expect(() => signIn(ctx, desk, { username: 'ayu', secret: '000000', counter: 1 })).toThrow();
    expect(() => signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 1 })).toThrow(
      /Too many wrong PINs/,
    );
    floor.clock.advanceMinutes(5);
    expect(signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 1 }).user.name).toBe(
      'Ayu Lestari',
    );
  });

  it('lets only officers and supervisors work a counter, and one officer per counter', () => {
    const desk = station('counter', 'Loket 1');
    expect(() => signIn(ctx, desk, { username: 'kadek', secret: '998877', counter: 1 })).toThrow(
      /A print operator cannot sign in at a counter station/,
    );
    // The desk is the station's, fixed by the hub: a sign-in naming another is refused.
    expect(() => signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 2 })).toThrow(
      /This station is counter 1, not counter 2/,
    );
    expect(signIn(ctx, desk, { username: 'ayu', secret: '246810' }).session.counter).toBe(1);
    expect(() => station('counter', 'Loket 1 (kedua)', 1)).toThrow(/already belongs to station "Loket 1"/);
    expect(() => station('counter', 'Loket 29', 29)).toThrow(/The office has no counter 29/);
    expect(() => addStation(ctx, commandLine, { mode: 'counter', name: 'Tanpa nomor' })).toThrow(
      /needs its desk number/,
    );
    const kiosk = station('kiosk', 'Kios');
    expect(() => signIn(ctx, kiosk, { username: 'ayu', secret: '246810', counter: 2 })).toThrow(
      /cannot sign in/,
    );
  });

  it('locks an idle session until the same officer enters the PIN, and ends it when the user is disabled', () => {
    const desk = station('counter', 'Loket 2');
    signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 2 });
    floor.clock.advanceMinutes(11);
    expect(() => requireOfficer(ctx, desk, ['officer'])).toThrow(/screen is locked/);
    expect(() => unlock(ctx, desk, '135791')).toThrow(/Wrong username or PIN/);
    unlock(ctx, desk, '246810');
    expect(requireOfficer(ctx, desk, ['officer']).user.username).toBe('ayu');
    changeUser(ctx, commandLine, 'ayu', { enabled: false });
    expect(() => requireOfficer(ctx, desk, ['officer'])).toThrow(/Sign in as an officer first/);
  });

  it('locks after idle minutes even while the screen keeps refreshing itself', () => {
    const desk = station('counter', 'Loket 4');
    signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 4 });
    for (let i = 0; i < 3; i += 1) {
      floor.clock.advanceMinutes(3);
      expect(invoke(ctx, desk, 'counterView', {})).toMatchObject({ counter: { number: 4 } });
    }
    // Eleven minutes of refreshes and no action: locked.
    floor.clock.advanceMinutes(2);
    expect(() => invoke(ctx, desk, 'counterView', {})).toThrow(/screen is locked/);
    unlock(ctx, desk, '246810');
    // An action counts: the officer at work is never locked out mid-flow.
    for (let i = 0; i < 3; i += 1) {
      floor.clock.advanceMinutes(4);
      invoke(ctx, desk, 'setCounterState', { state: 'available' });
    }
    expect(invoke(ctx, desk, 'counterView', {})).toMatchObject({ counter: { state: 'available' } });
  });

  it('keeps only a scrypt hash of every PIN', () => {
    const rows = floor.store.db.prepare('SELECT * FROM users').all();
    expect(JSON.stringify(rows)).not.toMatch(/246810|135791/);
  });
});

describe('a counter at work', () => {
  it('calls in window order, shows the booking only once called, and moves the visit to the next stage', () => {
    const late = arrive(1, '09:10', { windowStart: '10:00', windowEnd: '11:00' });
    const first = arrive(2, '09:20');
    const second = arrive(3, '09:05');
    floor.clock.set(at('2026-11-30', '10:05'));
    const documents = counterOfficer('ayu', '246810', 1);

    const before = counterView(ctx, documents);
    expect(before.current).toBeNull();
    expect(JSON.stringify(before)).not.toMatch(/Ni Made|Wayan/);
    expect(before.waiting.reduce((n, w) => n + w.waiting, 0)).toBe(3);

    const called = callNext(ctx, documents);
    expect(called?.number).toBe(second.number); // 09:00 window, checked in first
    expect(counterView(ctx, documents).current?.booking.fullName).toBe(sampleAppointment(3).fullName);
    expect(() => callNext(ctx, documents)).toThrow(/Finish, hold or transfer/);
    expect(() => completeService(ctx, documents)).toThrow(/Start serving this ticket first/);
    startService(ctx, documents);
    floor.clock.advanceMinutes(4);
    completeService(ctx, documents);
    expect(callNext(ctx, documents)?.number).toBe(first.number);
    startService(ctx, documents);
    completeService(ctx, documents);
    expect(callNext(ctx, documents)?.number).toBe(late.number);

    // The first visit now waits at the interview stage, keeping its place.
    const interview = counterOfficer('made', '135791', 3);
    expect(callNext(ctx, interview)?.number).toBe(second.number);
    const figures = counterView(ctx, documents).figures;
    expect(figures).toMatchObject({ called: 3, served: 2, outOfOrder: 0 });
    expect(figures.averageServiceMinutes).toBe(2);
  });

  it('serves priority lanes at one to two, and a late arrival after its window’s on-time tickets', () => {
    for (let i = 1; i <= 4; i += 1) arrive(i, `09:0${i}`);
    for (let i = 5; i <= 6; i += 1) arrive(i, `09:0${i}`, { lane: 'lansia' });
    const standby = arrive(7, '09:45', { windowStart: '08:00', windowEnd: '09:00' });
    expect(standby.lane.id).toBe('standby');
    const nextWindow = arrive(8, '09:50', { windowStart: '10:00', windowEnd: '11:00' });
    floor.clock.set(at('2026-11-30', '10:10'));
    const desk = counterOfficer('ayu', '246810', 1);
    const order: string[] = [];
    for (;;) {
      const called = callNext(ctx, desk);
      if (!called) break;
      order.push(called.number);
      startService(ctx, desk);
      completeService(ctx, desk);
    }
    const [a1, a2, a3, a4] = ['A2-001', 'A2-002', 'A2-003', 'A2-004'];
    expect(order).toEqual(['B2-001', a1, a2, 'B2-002', a3, a4, standby.number, nextWindow.number]);
  });

  it('needs the configured recalls before a no-show, announcing each recall', () => {
    arrive(1, '09:01');
    const desk = counterOfficer('ayu', '246810', 1);
    callNext(ctx, desk);
    expect(() => markNoShow(ctx, desk)).toThrow(/Recall first \(0 of 2\)/);
    recall(ctx, desk);
    recall(ctx, desk);
    expect(markNoShow(ctx, desk).status).toBe('no_show');
    const announced = floor.store.events
      .readAfter(0, 1000)
      .filter((e) => e.type === 'ticket.called' || e.type === 'ticket.recalled');
    expect(announced.map((e) => e.type)).toEqual(['ticket.called', 'ticket.recalled', 'ticket.recalled']);
  });

  it("lists each number once among the board's calls: a recalled number moves up, it is not repeated", () => {
    arrive(1, '09:01');
    arrive(2, '09:02');
    arrive(3, '09:03');
    const one = counterOfficer('ayu', '246810', 1);
    const two = counterOfficer('made', '135791', 2);
    callNext(ctx, one); // A2-001 at 1
    callNext(ctx, two); // A2-002 at 2
    recall(ctx, one);
    recall(ctx, two);
    recall(ctx, one);
    expect(boardView(ctx).calls.map((c) => [c.number, c.counter, c.kind])).toEqual([
      ['A2-001', 1, 'recall'],
      ['A2-002', 2, 'recall'],
    ]);
    startService(ctx, one);
    completeService(ctx, one);
    callNext(ctx, one); // A2-003 at 1
    expect(boardView(ctx).calls.map((c) => c.number)).toEqual(['A2-003', 'A2-001', 'A2-002']);
  });

  it('keeps a held ticket’s place when it is released', () => {
    arrive(1, '09:01');
    arrive(2, '09:02');
    const desk = counterOfficer('ayu', '246810', 1);
    const held = holdTicket(ctx, (callNext(ctx, desk), desk));
    expect(counterView(ctx, desk).held).toEqual([{ entryId: held.id, number: 'A2-001', stage: 'documents' }]);
    releaseTicket(ctx, desk, held.id);
    expect(callNext(ctx, desk)?.number).toBe('A2-001');
  });

  it('sends a transferred ticket to one counter only, at its original place', () => {
    arrive(1, '09:01');
    arrive(2, '09:02');
    const one = counterOfficer('ayu', '246810', 1);
    const two = counterOfficer('made', '135791', 2);
    callNext(ctx, one);
    transferTicket(ctx, one, { toCounter: 2 });
    expect(callNext(ctx, one)?.number).toBe('A2-002');
    expect(callNext(ctx, two)?.number).toBe('A2-001');
  });

  it('calls a specific number only with a reason from the list, and counts it for the officer', () => {
    arrive(1, '09:01');
    arrive(2, '09:02');
    const desk = counterOfficer('ayu', '246810', 1);
    const before = rowCounts(floor.store);
    expect(() => callTicket(ctx, desk, { number: 'A2-002', reason: 'friend' })).toThrow(/needs a reason/);
    expect(() => callTicket(ctx, desk, { number: 'A2-099', reason: 'medical' })).toThrow(/not waiting/);
    expect(rowCounts(floor.store)).toEqual(before);
    expect(callTicket(ctx, desk, { number: 'a2-002', reason: 'medical' }).number).toBe('A2-002');
    const supervisorDesk = station('supervisor', 'Supervisor');
    signIn(ctx, supervisorDesk, { username: 'sri', secret: '112233' });
    expect(floorView(ctx).outOfOrder).toEqual([{ officer: 'Ayu Lestari', calls: 1 }]);
    expect(floorView(ctx).counters[0]).toMatchObject({
      number: 1,
      state: 'serving',
      officer: 'Ayu Lestari',
      current: 'A2-002',
    });
  });

  it('derives the board’s average wait from the period rows, and shows no names', () => {
    arrive(1, '09:00');
    arrive(2, '09:10');
    floor.clock.set(at('2026-11-30', '09:30'));
    const desk = counterOfficer('ayu', '246810', 1);
    callNext(ctx, desk); // waited 30 minutes
    startService(ctx, desk);
    completeService(ctx, desk);
    callNext(ctx, desk); // waited 20 minutes
    const board = boardView(ctx);
    expect(board.averageWaitMinutes).toBe(25);
    expect(board.calls.map((c) => [c.number, c.counter])).toEqual([
      ['A2-002', 1],
      ['A2-001', 1],
    ]);
    expect(JSON.stringify(board)).not.toMatch(/Ni Made|Wayan|MPDPS|5171/);
    expect(board.quota.used).toBe(2);
  });

  it('will not sign out while serving, and closes the counter when the officer leaves', () => {
    arrive(1, '09:01');
    const desk = counterOfficer('ayu', '246810', 1);
    callNext(ctx, desk);
    expect(() => signOut(ctx, desk.station)).toThrow(/Finish, hold or transfer/);
    holdTicket(ctx, desk);
    signOut(ctx, desk.station);
    expect(floorView(ctx).counters[0]).toMatchObject({ state: 'closed', officer: null });
  });

  it('takes stages and counters from the office configuration, validated', () => {
    expect(() =>
      changeOffice(ctx, commandLine, [
        { path: 'floor.stages', value: [{ id: 'a', name: { id: 'x', en: 'x' }, next: 'a' }] },
      ]),
    ).toThrow();
    changeOffice(ctx, commandLine, [{ path: 'floor.noShowAfterRecalls', value: 0 }]);
    arrive(1, '09:01');
    const desk = counterOfficer('ayu', '246810', 1);
    callNext(ctx, desk);
    expect(markNoShow(ctx, desk).status).toBe('no_show');
  });
});
