import { beforeEach, describe, expect, it } from 'vitest';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  callNext,
  completeService,
  setCounterState,
  startService,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { claimsAndBreaks, counterView } from '../../src-main/services/counterViews.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { decidePriorityClaim } from '../../src-main/services/priorityClaims.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { PriorityLaneId } from '../../src-main/domain/laneIds.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';

let floor: TestFloor;
let desk: CounterCaller;
const kioskId = () => floor.store.stations.list().find((s) => s.mode === 'kiosk')?.id ?? null;

beforeEach(() => {
  floor = makeFloor({ now: at('2026-11-30', '09:10') });
  const ctx = floor.ctx;
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  const kiosk = addStation(ctx, commandLine, { mode: 'kiosk', name: 'Kios Aula' }).station;
  floor.kiosk = { stationId: kiosk.id, actor: kiosk.id };
  const station = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 1', counter: 1 }).station;
  signIn(ctx, station, { username: 'ayu', secret: '246810' });
  desk = { stationId: station.id, actor: 'ayu', officer: requireOfficer(ctx, station, ['officer']) };
  floor.load(Array.from({ length: 6 }, (_, i) => sampleAppointment(i + 1)));
});

/** A citizen checks in at the kiosk a minute after the one before. */
function arrive(index: number, priority?: PriorityLaneId) {
  floor.clock.advanceMinutes(1);
  return checkIn(floor.ctx, floor.kiosk, {
    text: `MPDPS-${String(index).padStart(5, '0')}`,
    ...(priority ? { priority } : {}),
  });
}

const events = (type: string) => floor.store.events.readAfter(0, 10_000).filter((e) => e.type === type);

function serve(): string {
  const called = callNext(floor.ctx, desk);
  if (!called) throw new Error('nobody was called');
  return called.number;
}

function finish() {
  startService(floor.ctx, desk);
  completeService(floor.ctx, desk);
}

describe('a priority claimed at the kiosk, checked at the counter', () => {
  it('a refused claim puts the ticket back in the regular lane before everyone who checked in after it', () => {
    arrive(1);
    const claimed = arrive(2, 'hamil');
    arrive(3);
    arrive(4);
    expect(serve()).toBe(claimed.number);
    expect(counterView(floor.ctx, desk).current?.priorityClaim).toMatchObject({
      lane: { id: 'hamil' },
      kiosk: 'Kios Aula',
      late: false,
      decision: null,
    });
    const before = rowCounts(floor.store);
    expect(() => decidePriorityClaim(floor.ctx, desk, { decision: 'refused', reason: ' ' })).toThrow(
      /INVALID_INPUT: A reason/,
    );
    expect(rowCounts(floor.store)).toEqual(before);

    const refused = decidePriorityClaim(floor.ctx, desk, { decision: 'refused', reason: 'Tidak hamil' });
    expect(refused.requeued).toBe(true);
    expect(refused.entry).toMatchObject({ status: 'waiting', lane: 'regular', counter: null });
    expect(events('ticket.priorityRefused').at(-1)).toMatchObject({
      actor: desk.officer.user.id,
      payload: { claimedLane: 'hamil', kiosk: kioskId(), officer: desk.officer.user.id, requeued: true },
    });
    // A2-001 checked in before her; A2-002 and A2-003 after her.
    expect(serve()).toBe('A2-001');
    finish();
    expect(serve()).toBe(claimed.number);
    expect(counterView(floor.ctx, desk).current?.priorityClaim).toMatchObject({
      decision: 'refused',
      reason: 'Tidak hamil',
      decidedBy: 'Ayu Lestari',
    });
    expect(() => decidePriorityClaim(floor.ctx, desk, { decision: 'confirmed' })).toThrow(/already refused/);
    finish();
    // At the interview her ticket waits in the regular lane too.
    expect(
      floor.store.queue.waiting('2026-11-30', ['interview']).find((e) => e.number === claimed.number)?.lane,
    ).toBe('regular');
    expect(serve()).toBe('A2-002');
  });

  it("a late citizen's claim is kept on the standby ticket, and deciding it leaves the ticket at the desk", () => {
    floor.clock.set(at('2026-11-30', '10:45'));
    const late = checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00005', priority: 'lansia' });
    expect(late.lane.id).toBe('standby');
    expect(serve()).toBe(late.number);
    expect(counterView(floor.ctx, desk).current?.priorityClaim).toMatchObject({
      lane: { id: 'lansia' },
      late: true,
    });
    const refused = decidePriorityClaim(floor.ctx, desk, { decision: 'refused', reason: 'Umur 45 tahun' });
    expect(refused).toMatchObject({ requeued: false, entry: { status: 'called', lane: 'standby' } });
  });

  it('counts claims per kiosk and decisions per officer', () => {
    arrive(1, 'lansia');
    arrive(2, 'balita');
    arrive(3, 'disabilitas');
    serve();
    decidePriorityClaim(floor.ctx, desk, { decision: 'confirmed' });
    finish();
    serve();
    decidePriorityClaim(floor.ctx, desk, { decision: 'refused', reason: 'Tanpa anak' });
    expect(claimsAndBreaks(floor.ctx).claims).toEqual({
      perKiosk: [{ kiosk: 'Kios Aula', claimed: 3, confirmed: 1, refused: 1, undecided: 1 }],
      perOfficer: [{ officer: 'Ayu Lestari', confirmed: 1, refused: 1 }],
    });
  });
});

describe('a break has a reason, and a call during it is asked about', () => {
  it('refuses a break without a reason, refuses to call during one, and adds up break time by reason', () => {
    arrive(1);
    expect(() => setCounterState(floor.ctx, desk, { state: 'on_break' })).toThrow(
      /INVALID_INPUT: Choose the break's reason/,
    );
    setCounterState(floor.ctx, desk, { state: 'on_break', reason: 'sholat' });
    expect(events('counter.state').at(-1)?.payload).toMatchObject({ state: 'on_break', reason: 'sholat' });
    floor.clock.advanceMinutes(15);
    expect(() => callNext(floor.ctx, desk)).toThrow(/CONFLICT: The counter is on a break/);
    expect(counterView(floor.ctx, desk).counter).toMatchObject({ state: 'on_break', breakReason: 'sholat' });
    expect(callNext(floor.ctx, desk, { endBreak: true })?.number).toBe('A2-001');
    finish();
    setCounterState(floor.ctx, desk, { state: 'on_break', reason: 'istirahat' });
    floor.clock.advanceMinutes(30);
    expect(claimsAndBreaks(floor.ctx).breaks).toEqual([
      {
        officer: 'Ayu Lestari',
        minutes: 45,
        byReason: [
          { reason: 'istirahat', minutes: 30, breaks: 1 },
          { reason: 'sholat', minutes: 15, breaks: 1 },
        ],
      },
    ]);
  });
});
