import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/api/invoke.ts';
import {
  kpiReportView,
  officersReportView,
  type KpiFigures,
  type KpiReportView,
} from '../../src-main/api/reportViews.ts';
import { LoketError } from '../../src-main/domain/errors.ts';
import type { PriorityLaneId } from '../../src-main/domain/laneIds.ts';
import { configureFeed, recordFeedFailure } from '../../src-main/services/appointmentFeed.ts';
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
  setCounterState,
  startService,
  transferTicket,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { addUser, requireOfficer, signIn, signOut } from '../../src-main/services/officers.ts';
import { decidePriorityClaim } from '../../src-main/services/priorityClaims.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { myFigures, reportOfficers } from '../../src-main/services/reports/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { Station } from '../../src-main/store/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';

/**
 * One known Monday on the floor, 30 November 2026, every booking in the 09:00–10:00 window, run
 * through the real services with a hand-moved clock; the reports are read the next morning, so the
 * citizen still waiting at closing time has walked out. Every expected figure below is worked out
 * by hand from the timeline (minutes), not read back from the report.
 */
const day = '2026-11-30';
const min = (m: number) => m * 60_000;
let floor: TestFloor;
const stations: Record<string, Station> = {};
const desks: Record<string, CounterCaller> = {};
const numbers: Record<string, string> = {};

function desk(username: string, secret: string, counter: number): CounterCaller {
  const station = addStation(floor.ctx, commandLine, {
    mode: 'counter',
    name: `Loket ${counter}`,
    counter,
  }).station;
  stations[username] = station;
  signIn(floor.ctx, station, { username, secret });
  return { stationId: station.id, actor: username, officer: requireOfficer(floor.ctx, station, ['officer']) };
}

const time = (hhmm: string) => floor.clock.set(at(day, hhmm));

function arrive(name: string, hhmm: string, code: string, priority?: PriorityLaneId): void {
  step(hhmm, () => {
    numbers[name] = checkIn(floor.ctx, floor.kiosk, { text: code, ...(priority ? { priority } : {}) }).number;
  });
}

/** The day's steps at both counters, run in the order of their times (steps at one time in the order given). */
const timeline: { hhmm: string; action: () => unknown }[] = [];

function calls(counter: CounterCaller, hhmm: string, expected: string): void {
  timeline.push({ hhmm, action: () => expect(callNext(floor.ctx, counter)?.number).toBe(numbers[expected]) });
}

function step(hhmm: string, action: () => unknown): void {
  timeline.push({ hhmm, action });
}

beforeAll(() => {
  floor = makeFloor({ now: at(day, '08:00') });
  const ctx = floor.ctx;
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '135791' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  const kiosk = addStation(ctx, commandLine, { mode: 'kiosk', name: 'Kios Aula' }).station;
  floor.kiosk = { stationId: kiosk.id, actor: kiosk.id };
  stations.supervisor = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' }).station;
  floor.load(Array.from({ length: 7 }, (_, i) => sampleAppointment(i + 1)));
  configureFeed(ctx, commandLine, { url: 'http://127.0.0.1:9/appointments' });
  // 08:00: Ayu opens counter 1 (document check), Made counter 3 (interview).
  const ayu = desk('ayu', '246810', 1);
  const made = desk('made', '135791', 3);
  desks.ayu = ayu;
  desks.made = made;

  arrive('A', '08:30', 'MPDPS-00001');
  arrive('B', '08:40', 'MPDPS-00002', 'lansia');
  arrive('C', '08:50', 'MPDPS-00003', 'hamil');
  arrive('D', '09:05', 'MPDPS-00004');
  arrive('E', '09:10', 'MPDPS-00005');
  // The appointment feed fails: a booking the floor does not know gets an unverified ticket.
  step('09:14', () =>
    recordFeedFailure(ctx, commandLine, new LoketError('FEED_UNREACHABLE', { id: 'Putus.', en: 'Down.' })),
  );
  arrive('U', '09:15', 'MPDPS-09999');
  arrive('G', '09:20', 'MPDPS-00007');
  arrive('H', '09:25', 'MPDPS-00006');

  // Counter 1, document check.
  calls(ayu, '09:12', 'B');
  step('09:13', () => startService(ctx, ayu));
  step('09:14', () => decidePriorityClaim(ctx, ayu, { decision: 'confirmed' }));
  step('09:40', () => completeService(ctx, ayu));
  calls(ayu, '09:40', 'A');
  step('09:42', () => startService(ctx, ayu));
  step('09:50', () => completeService(ctx, ayu));
  calls(ayu, '09:50', 'D');
  step('09:51', () => startService(ctx, ayu));
  step('09:55', () => transferTicket(ctx, ayu, { toStage: 'interview' }));
  calls(ayu, '09:56', 'C');
  step('09:57', () => decidePriorityClaim(ctx, ayu, { decision: 'refused', reason: 'Tidak hamil' }));
  calls(ayu, '10:00', 'C');
  step('10:01', () => startService(ctx, ayu));
  step('10:10', () => completeService(ctx, ayu));
  calls(ayu, '10:10', 'E');
  step('10:12', () => recall(ctx, ayu));
  step('10:14', () => recall(ctx, ayu));
  step('10:16', () => markNoShow(ctx, ayu));
  step('10:20', () => {
    const h = callTicket(ctx, ayu, { number: numbers.H as string, reason: 'medical' });
    expect(h.number).toBe(numbers.H);
  });
  step('10:21', () => startService(ctx, ayu));
  step('10:30', () => completeService(ctx, ayu));
  calls(ayu, '10:30', 'U');
  step('10:31', () => startService(ctx, ayu));
  let held = '';
  step('10:33', () => (held = holdTicket(ctx, ayu).id));
  step('10:40', () => setCounterState(ctx, ayu, { state: 'on_break', reason: 'sholat' }));
  step('11:00', () => setCounterState(ctx, ayu, { state: 'available' }));
  step('11:00', () => releaseTicket(ctx, ayu, held));
  calls(ayu, '11:01', 'U');
  step('11:02', () => startService(ctx, ayu));
  step('11:10', () => completeService(ctx, ayu));

  // Counter 3, interview.
  calls(made, '09:45', 'B');
  step('09:46', () => startService(ctx, made));
  step('10:00', () => completeService(ctx, made));
  calls(made, '10:00', 'A');
  step('10:02', () => startService(ctx, made));
  step('10:20', () => completeService(ctx, made));
  calls(made, '10:20', 'C');
  step('10:21', () => startService(ctx, made));
  step('10:35', () => completeService(ctx, made));
  calls(made, '10:35', 'D');
  step('10:36', () => startService(ctx, made));
  step('10:50', () => completeService(ctx, made));
  calls(made, '10:50', 'H');
  step('10:51', () => startService(ctx, made));
  step('11:05', () => completeService(ctx, made));
  calls(made, '11:12', 'U');
  step('11:13', () => startService(ctx, made));
  step('11:20', () => completeService(ctx, made));

  step('16:00', () => {
    signOut(ctx, stations.ayu as Station);
    signOut(ctx, stations.made as Station);
  });
  for (const { hhmm, action } of [...timeline].sort((a, b) =>
    a.hhmm < b.hhmm ? -1 : a.hhmm > b.hhmm ? 1 : 0,
  )) {
    time(hhmm);
    action();
  }
  // The reports are read the next morning.
  floor.clock.set(at('2026-12-01', '09:00'));
});

/** p50 / p90 / max / mean in minutes, with no outlier among them. */
function stats(count: number, p50: number, p90: number, max: number, mean: number) {
  const figures = {
    count,
    p50Ms: min(p50),
    p90Ms: min(p90),
    maxMs: min(max),
    meanMs: expect.closeTo(min(mean), 6),
  };
  return { ...figures, outliers: 0, withoutOutliers: figures };
}
const share = (count: number, of: number) => ({ count, of, share: of === 0 ? null : count / of });

// Document check: A waited 09:00–09:40, B 09:00–09:12, C 09:00–09:56 and again 09:57–10:00 after its
// refused claim, D 09:05–09:50, E 09:10–10:10, U 09:15–10:30 and 11:00–11:01 after its hold, H
// 09:25–10:20 (called out of order); G never called. Only B was called by 09:15.
const documents: KpiFigures = {
  arrived: 8,
  served: 5,
  noShows: 1,
  walkOuts: 1,
  cancelled: 0,
  transferred: 1,
  held: 1,
  wait: stats(7, 55, 76, 76, 347 / 7),
  walkUp: stats(6, 1, 2, 2, 9 / 6),
  service: stats(6, 9, 27, 27, 67 / 6),
  calledInsideWindow: share(1, 7),
  aboveWaitThreshold: share(6, 7),
  unverifiedCheckIns: 1,
  priorityClaimsConfirmed: 1,
  priorityClaimsRefused: 1,
  priorityLane: { share: share(1, 8), wait: stats(1, 12, 12, 12, 12) },
};

// Interview: B waited 5, A 10, C 10, D 40, H 20 (not above 20), U 2 minutes.
const interview: KpiFigures = {
  arrived: 6,
  served: 6,
  noShows: 0,
  walkOuts: 0,
  cancelled: 0,
  transferred: 0,
  held: 0,
  wait: stats(6, 10, 40, 40, 87 / 6),
  walkUp: stats(6, 1, 2, 2, 7 / 6),
  service: stats(6, 14, 18, 18, 81 / 6),
  calledInsideWindow: share(0, 0),
  aboveWaitThreshold: share(1, 6),
  unverifiedCheckIns: 0,
  priorityClaimsConfirmed: 0,
  priorityClaimsRefused: 0,
  priorityLane: { share: share(1, 6), wait: stats(1, 5, 5, 5, 5) },
};

const total: KpiFigures = {
  arrived: 14,
  served: 11,
  noShows: 1,
  walkOuts: 1,
  cancelled: 0,
  transferred: 1,
  held: 1,
  wait: stats(13, 40, 60, 76, 434 / 13),
  walkUp: stats(12, 1, 2, 2, 16 / 12),
  service: stats(12, 10, 18, 27, 148 / 12),
  calledInsideWindow: share(1, 7),
  aboveWaitThreshold: share(7, 13),
  unverifiedCheckIns: 1,
  priorityClaimsConfirmed: 1,
  priorityClaimsRefused: 1,
  priorityLane: { share: share(2, 14), wait: stats(2, 5, 12, 12, 8.5) },
};

const range = { from: day, to: day };

describe('the KPIs of a known day, from its period rows', () => {
  it('counts and times every visit in total, per day, stage, counter, officer, hour and window', () => {
    const report = reportKpi(floor.ctx, range);
    expect(report.settings).toEqual({ windowGraceMinutes: 15, waitThresholdMinutes: 20, outlierZ: 3 });
    expect(report.filters).toEqual({ stage: null, counter: null, officer: null });
    expect(report.total).toEqual(total);
    expect(report.byDay).toEqual([{ date: day, figures: total }]);
    expect(report.byStage).toEqual([
      { stage: 'documents', figures: documents },
      { stage: 'interview', figures: interview },
    ]);
    // The walk-out was called by no counter: it is in no counter's or officer's group.
    const { walkOuts: _w, ...calledDocuments } = documents;
    expect(report.byCounter).toEqual([
      {
        counter: 1,
        figures: {
          ...calledDocuments,
          arrived: 7,
          walkOuts: 0,
          priorityLane: { ...documents.priorityLane, share: share(1, 7) },
        },
      },
      { counter: 3, figures: interview },
    ]);
    expect(report.byOfficer.map((g) => [g.officer, g.name, g.figures.arrived])).toEqual([
      ['ayu', 'Ayu Lestari', 7],
      ['made', 'Made Wirawan', 6],
    ]);
    // Waits started at 09:00 (window start) for the early ones, later for the rest and the next stage.
    expect(report.byHour.map((g) => [g.hour, g.figures.arrived])).toEqual([
      [9, 11],
      [10, 2],
      [11, 1],
    ]);
    expect(report.byHour[1]?.figures.wait).toEqual(stats(2, 10, 20, 20, 15));
    expect(report.byWindow).toEqual([{ window: '09:00–10:00', figures: total }]);
    expect(report.outliers).toEqual([]);
  });

  it('narrows everything to a stage, a counter or an officer, and takes its own thresholds', () => {
    expect(reportKpi(floor.ctx, { ...range, stage: 'interview' }).total).toEqual(interview);
    expect(reportKpi(floor.ctx, { ...range, officer: 'made' }).total).toEqual(interview);
    const atOne = reportKpi(floor.ctx, { ...range, counter: 1 });
    expect(atOne.total.arrived).toBe(7);
    expect(atOne.byStage.map((g) => g.stage)).toEqual(['documents']);
    const strict = reportKpi(floor.ctx, { ...range, windowGraceMinutes: 0, waitThresholdMinutes: 45 });
    expect(strict.total.calledInsideWindow).toEqual(share(0, 7));
    // Above 45 minutes: C 59, E 60, U 76, H 55 (D's 45 is not above).
    expect(strict.total.aboveWaitThreshold).toEqual(share(4, 13));
    expect(() => reportKpi(floor.ctx, { ...range, officer: 'nobody' })).toThrow(/NOT_FOUND/);
    expect(reportKpi(floor.ctx, { from: '2026-12-01', to: '2026-12-01' }).total.arrived).toBe(0);
  });
});

describe("the officers' report of the same day", () => {
  const ayu = {
    officer: 'ayu',
    name: 'Ayu Lestari',
    // Serving 09:12–09:40, 09:40–09:50, 09:50–09:55, 09:56–09:57, 10:00–10:10, 10:10–10:16,
    // 10:20–10:30, 10:30–10:33, 11:01–11:10; available from 08:00 to 16:00 otherwise, but the break.
    busyMs: min(28 + 10 + 5 + 1 + 10 + 6 + 10 + 3 + 9),
    idleMs: min(72 + 1 + 3 + 4 + 7 + 1 + 290),
    breakMs: min(20),
    breaks: [{ reason: 'sholat', ms: min(20), count: 1 }],
    called: 9,
    served: 5,
    outOfOrder: [{ reason: 'medical', calls: 1 }],
    priorityClaimsConfirmed: 1,
    priorityClaimsRefused: 1,
  };
  const made = {
    officer: 'made',
    name: 'Made Wirawan',
    busyMs: min(15 + 20 + 15 + 15 + 15 + 8),
    idleMs: min(105 + 7 + 280),
    breakMs: 0,
    breaks: [],
    called: 6,
    served: 6,
    outOfOrder: [],
    priorityClaimsConfirmed: 0,
    priorityClaimsRefused: 0,
  };

  it("gives each officer's busy, idle and break time, calls and claims", () => {
    expect(reportOfficers(floor.ctx, range)).toEqual({ ...range, officers: [ayu, made] });
  });

  it('clips counter periods to the range, and counts a running one up to now', () => {
    // The evening of the 29th to the morning of 1 December: the same day, nothing else.
    expect(reportOfficers(floor.ctx, { from: '2026-11-29', to: '2026-12-01' }).officers).toEqual([ayu, made]);
    const ctx = floor.ctx;
    floor.clock.set(at('2026-12-01', '08:00'));
    signIn(ctx, stations.ayu as Station, { username: 'ayu', secret: '246810' });
    floor.clock.set(at('2026-12-01', '08:30'));
    setCounterState(ctx, desks.ayu as CounterCaller, { state: 'on_break', reason: 'rapat' });
    floor.clock.set(at('2026-12-01', '09:00'));
    const today = myFigures(ctx, (desks.ayu as CounterCaller).officer.user.id, {
      from: '2026-12-01',
      to: '2026-12-01',
    });
    expect(today.officers).toEqual([
      {
        ...ayu,
        busyMs: 0,
        idleMs: min(30),
        breakMs: min(30),
        breaks: [{ reason: 'rapat', ms: min(30), count: 1 }],
        called: 0,
        served: 0,
        outOfOrder: [],
        priorityClaimsConfirmed: 0,
        priorityClaimsRefused: 0,
      },
    ]);
    setCounterState(ctx, desks.ayu as CounterCaller, { state: 'available' });
    signOut(ctx, stations.ayu as Station);
  });
});

describe('who may read the figures', () => {
  it('refuses the KPIs and the officers report to a counter, and gives an officer only their own row', async () => {
    const ctx = floor.ctx;
    const counter = stations.made as Station;
    signIn(ctx, counter, { username: 'made', secret: '135791' });
    for (const name of ['reportKpi', 'reportOfficers'])
      expect(() => invoke(ctx, counter, name, range)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    const own = invoke(ctx, counter, 'myFigures', range) as { officers: { officer: string }[] };
    expect(own.officers.map((o) => o.officer)).toEqual(['made']);
    expect(own.officers[0]).toMatchObject({ called: 6, served: 6, busyMs: min(88) });
    signOut(ctx, counter);

    const supervisorConsole = stations.supervisor as Station;
    signIn(ctx, supervisorConsole, { username: 'sri', secret: '112233' });
    const report = (await invoke(ctx, supervisorConsole, 'reportKpi', range)) as KpiReportView;
    // What the hub sends is what the contract declares.
    expect(kpiReportView.safeParse(report).success).toBe(true);
    expect(officersReportView.safeParse(own).success).toBe(true);
    expect(report.total.arrived).toBe(14);
    // Outliers and every group name a ticket's number and an officer's username, never a citizen.
    expect(JSON.stringify(report)).not.toMatch(/Wayan|Ni Made|517101/);
    expect(
      (invoke(ctx, supervisorConsole, 'reportOfficers', range) as { officers: unknown[] }).officers,
    ).toHaveLength(2);
  });
});
