// The floor-core section: check-in latency through the hub's HTTP API against the floor of this
// machine (a bare HTTP server doing one durable SQLite insert per request), driven by one load
// process in the same run. Owns the keys `checkin`, `floor` and `ratios`.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import type { LoadJob, LoadOutcome, SubscribeJob, UnsubscribeJob } from './load.ts';
import {
  forkTs,
  latencyStats,
  loketBin,
  loopback,
  ms3,
  nextMessage,
  processCpuMs,
  projectRoot,
  runLoket,
  waitForOutput,
  type BenchContext,
  type Section,
  type SectionResult,
  type TrackedProcess,
} from './support.ts';

/** Inside the bookings' windows on Monday 30 November 2026 (Asia/Makassar). */
export const benchNow = '2026-11-30T09:15:00+08:00';
export const targetP99Ms = 25;
export const targetRatio = 2;
/** The pause between waves of simultaneous scans: a floor's peaks come seconds apart, not back to back. */
export const waveGapMs = 20;

const windows = [
  { windowStart: '08:00', windowEnd: '09:00' }, // on time within the late tolerance
  { windowStart: '09:00', windowEnd: '10:00' }, // on time
  { windowStart: '10:00', windowEnd: '11:00' }, // early, within the early tolerance
] as const;
const priorityLanes = ['lansia', 'disabilitas', 'hamil', 'balita'] as const;

/** The day's bookings: three windows, mostly the regular lane, one in ten in a priority lane. */
export function benchBookings(count: number): Appointment[] {
  return Array.from({ length: count }, (_, i) =>
    sampleAppointment(i, {
      ...windows[i % windows.length],
      lane: i % 10 === 5 ? priorityLanes[((i / 10) % priorityLanes.length) | 0] : 'regular',
    }),
  );
}

/** What the kiosk's scanner reads: mostly the booking code, some the M-Paspor URL, some a typed NIK. */
export function scanText(booking: Appointment, i: number): string {
  if (i % 10 === 3) return `https://m-paspor.imigrasi.go.id/antrian?kode=${booking.bookingCode}`;
  if (i % 10 === 7) return booking.nik;
  return booking.bookingCode;
}

/** One in five event-stream subscribers is a board (display mode); the others are the kiosks. */
const boardsAmong = (subscribers: number): number => Math.ceil(subscribers / 5);

export async function prepareHubData(bench: BenchContext, dataDir: string, bookings: Appointment[]) {
  const file = path.join(bench.tempDir('loket-bench-csv-'), 'bookings.csv');
  fs.writeFileSync(file, appointmentCsv(bookings));
  const imported = await runLoket(['import-appointments', file, '--data', dataDir], { LOKET_NOW: benchNow });
  if (imported.code !== 0)
    throw new Error(`import-appointments exited ${imported.code}: ${imported.stderr}${imported.stdout}`);

  const pair = async (mode: 'kiosk' | 'display', name: string): Promise<string> => {
    const paired = await runLoket(['station', 'add', '--data', dataDir, '--mode', mode, '--name', name]);
    const token = paired.stdout.trim().split('\n').pop() ?? '';
    if (paired.code !== 0 || !/^[A-Za-z0-9_-]+$/.test(token))
      throw new Error(`station add exited ${paired.code}: ${paired.stderr}${paired.stdout}`);
    return token;
  };
  const stations = [
    ...Array.from({ length: bench.options.concurrency }, (_, i) => ({
      mode: 'kiosk' as const,
      name: `Kiosk ${String(i + 1).padStart(2, '0')}`,
    })),
    ...Array.from({ length: boardsAmong(bench.options.subscribers) }, (_, i) => ({
      mode: 'display' as const,
      name: `Board ${i + 1}`,
    })),
  ];
  const tokens: string[] = [];
  // Two at a time: this machine has two cores.
  for (let n = 0; n < stations.length; n += 2) {
    const pairs = stations.slice(n, n + 2).map(({ mode, name }) => pair(mode, name));
    tokens.push(...(await Promise.all(pairs)));
  }
  return {
    kiosks: tokens.slice(0, bench.options.concurrency),
    boards: tokens.slice(bench.options.concurrency),
  };
}

export async function startHub(
  bench: BenchContext,
  dataDir: string,
  hubArgs: readonly string[] = [],
): Promise<{ hub: TrackedProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...bench.options.hubNodeArgs,
      loketBin,
      'hub',
      '--data',
      dataDir,
      '--port',
      '0',
      '--host',
      loopback,
      ...hubArgs,
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, LOKET_NOW: benchNow },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const hub = bench.track(child, 'loket hub');
  const url = await waitForOutput(hub, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { hub, url };
}

async function startFloor(bench: BenchContext): Promise<{ floor: TrackedProcess; url: string }> {
  const floor = forkTs('floor-server.ts', 'floor server', [bench.tempDir('loket-bench-floor-')]);
  const { url } = await nextMessage<{ type: 'listening'; url: string }>(floor, 'listening');
  if (!url.startsWith(`http://${loopback}:`)) throw new Error(`floor server not on loopback: ${url}`);
  return { floor, url };
}

export interface Phase {
  outcome: LoadOutcome;
  serverCpuMs: number | null;
}

export async function runPhase(load: TrackedProcess, server: TrackedProcess, job: LoadJob): Promise<Phase> {
  const cpuBefore = processCpuMs(server.child.pid);
  const done = nextMessage<LoadOutcome>(load, 'done', 30 * 60_000);
  load.child.send(job);
  const outcome = await done;
  const cpuAfter = processCpuMs(server.child.pid);
  return {
    outcome,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

/** Several rounds of one target as one: samples pooled, times and counts summed. */
export function combine(phases: Phase[]): Phase {
  const outcomes = phases.map((p) => p.outcome);
  const sum = (pick: (o: LoadOutcome) => number) => outcomes.reduce((s, o) => s + pick(o), 0);
  const bytes = (pick: (o: LoadOutcome) => LoadOutcome['requestBytes']) => ({
    min: Math.min(...outcomes.map((o) => pick(o).min)),
    max: Math.max(...outcomes.map((o) => pick(o).max)),
    mean: Math.round(outcomes.reduce((s, o) => s + pick(o).mean * o.requests, 0) / sum((o) => o.requests)),
  });
  const statuses: Record<string, number> = {};
  for (const o of outcomes)
    for (const [status, n] of Object.entries(o.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const cpu = phases.map((p) => p.serverCpuMs);
  return {
    outcome: {
      type: 'done',
      target: outcomes[0]?.target ?? '',
      latenciesMs: outcomes.flatMap((o) => o.latenciesMs),
      requests: sum((o) => o.requests),
      errors: sum((o) => o.errors),
      errorSamples: outcomes.flatMap((o) => o.errorSamples).slice(0, 10),
      statuses,
      wallMs: sum((o) => o.wallMs),
      requestBytes: bytes((o) => o.requestBytes),
      responseBytes: bytes((o) => o.responseBytes),
      loadCpuMs: sum((o) => o.loadCpuMs),
    },
    serverCpuMs: cpu.some((c) => c === null) ? null : cpu.reduce((s, c) => (s ?? 0) + (c ?? 0), 0),
  };
}

export function figures(bench: BenchContext, warmup: Phase, measured: Phase) {
  const o = measured.outcome;
  const warm = latencyStats(warmup.outcome.latenciesMs);
  return {
    ...latencyStats(o.latenciesMs),
    requests: o.requests,
    errors: o.errors + warmup.outcome.errors,
    concurrency: bench.options.concurrency,
    rounds: bench.options.rounds,
    throughputPerSecond: Math.round((o.requests / o.wallMs) * 1000 * 10) / 10,
    wallMs: ms3(o.wallMs),
    serverCpuMsPerRequest: measured.serverCpuMs === null ? null : ms3(measured.serverCpuMs / o.requests),
    loadCpuMsPerRequest: ms3(o.loadCpuMs / o.requests),
    requestBytes: o.requestBytes,
    responseBytes: o.responseBytes,
    statuses: o.statuses,
    warmup: {
      requests: warmup.outcome.requests,
      errors: warmup.outcome.errors,
      p50: warm.p50,
      p99: warm.p99,
    },
    ...(o.errorSamples.length || warmup.outcome.errorSamples.length
      ? { errorSamples: [...warmup.outcome.errorSamples, ...o.errorSamples].slice(0, 10) }
      : {}),
  };
}

export function countRows(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

export const checkinSection: Section = {
  name: 'checkin',
  async run(bench): Promise<SectionResult> {
    const { requests, warmup, concurrency } = bench.options;
    // Every request checks in a booking of its own: warm-up, then the waves, then the closed loops.
    const total = warmup + 2 * requests;
    const failures: string[] = [];

    bench.log(`checkin: importing ${total} bookings and pairing ${concurrency} kiosks…`);
    const hubData = bench.tempDir('loket-bench-hub-');
    const bookings = benchBookings(total);
    const texts = bookings.map(scanText);
    const { kiosks: tokens, boards } = await prepareHubData(bench, hubData, bookings);

    const { hub, url: hubUrl } = await startHub(bench, hubData);
    const { floor, url: floorUrl } = await startFloor(bench);
    const load = forkTs('load.ts', 'load');
    await nextMessage(load, 'ready');
    const { subscribers } = bench.options;
    if (subscribers) {
      // The boards and the kiosks follow the event stream from where it stands now (not the
      // import's events): the boards first, then one subscriber per kiosk, round-robin.
      const health = (await (await fetch(`${hubUrl}/healthz`)).json()) as { lastEvent: number };
      const subscribing = nextMessage(load, 'subscribed');
      const job: SubscribeJob = {
        type: 'subscribe',
        url: hubUrl,
        tokens: [...boards, ...tokens],
        count: subscribers,
        after: health.lastEvent,
      };
      load.child.send(job);
      await subscribing;
    }
    bench.log(
      `checkin: hub ${hubUrl}, floor ${floorUrl}; ${warmup} warm-up + ${requests} in waves + ${requests} in closed loops each, in ${bench.options.rounds} alternating rounds…`,
    );

    const job = (target: 'checkin' | 'floor', slice: string[], pattern: LoadJob['pattern']): LoadJob => ({
      type: 'run',
      pattern,
      waveGapMs,
      target,
      url: target === 'checkin' ? hubUrl : floorUrl,
      path: target === 'checkin' ? '/api/checkIn' : '/checkin',
      tokens,
      texts: slice,
      concurrency,
      expect: target === 'checkin' ? 'ticket' : 'floor',
    });
    const warmTexts = texts.slice(0, warmup);
    const hubWarm = await runPhase(load, hub, job('checkin', warmTexts, 'closed'));
    const floorWarm = await runPhase(load, floor, job('floor', warmTexts, 'closed'));
    // The measured requests in alternating rounds (hub, floor, hub, floor, …), so that whatever else
    // the machine is doing meanwhile weighs on both alike.
    const rounds_: Record<'hubWaves' | 'floorWaves' | 'hubClosed' | 'floorClosed', Phase[]> = {
      hubWaves: [],
      floorWaves: [],
      hubClosed: [],
      floorClosed: [],
    };
    const { rounds } = bench.options;
    const sliceOf = (offset: number, r: number) =>
      texts.slice(
        offset + Math.floor((requests * r) / rounds),
        offset + Math.floor((requests * (r + 1)) / rounds),
      );
    for (let r = 0; r < rounds; r += 1) {
      const waves = sliceOf(warmup, r);
      const closed = sliceOf(warmup + requests, r);
      rounds_.hubWaves.push(await runPhase(load, hub, job('checkin', waves, 'waves')));
      rounds_.floorWaves.push(await runPhase(load, floor, job('floor', waves, 'waves')));
      rounds_.hubClosed.push(await runPhase(load, hub, job('checkin', closed, 'closed')));
      rounds_.floorClosed.push(await runPhase(load, floor, job('floor', closed, 'closed')));
    }
    const hubMeasured = combine(rounds_.hubClosed);
    const floorMeasured = combine(rounds_.floorClosed);
    const hubBurst = combine(rounds_.hubWaves);
    const floorBurst = combine(rounds_.floorWaves);

    let eventMessages: number | null = null;
    if (subscribers) {
      const unsubscribing = nextMessage<{ type: 'unsubscribed'; messages: number }>(load, 'unsubscribed');
      const job: UnsubscribeJob = { type: 'unsubscribe', expect: subscribers * total };
      load.child.send(job);
      eventMessages = (await unsubscribing).messages;
      if (eventMessages < subscribers * total)
        failures.push(`event stream delivered ${eventMessages} of ${subscribers * total} ticket events`);
    }
    await load.stop();
    const hubExit = await hub.stop(10_000);
    const floorExit = await floor.stop();
    if (hubExit !== 0) failures.push(`hub exited with ${hubExit}: ${hub.output().slice(-1000)}`);
    if (floorExit !== 0) failures.push(`floor server exited with ${floorExit}`);

    const checkin = { pattern: 'closed', ...figures(bench, hubWarm, hubMeasured) };
    const floorFigures = { pattern: 'closed', ...figures(bench, floorWarm, floorMeasured) };
    const checkinBurst = { pattern: 'waves', waveGapMs, ...figures(bench, hubWarm, hubBurst) };
    const floorBurstFigures = { pattern: 'waves', waveGapMs, ...figures(bench, floorWarm, floorBurst) };
    // Warm-up errors are counted in every figure set; count them once here.
    const errors = (f: { errors: number }) => f.errors;
    const hubErrors = errors(checkin) + errors(checkinBurst) - hubWarm.outcome.errors;
    const floorErrors = errors(floorFigures) + errors(floorBurstFigures) - floorWarm.outcome.errors;
    if (hubErrors) failures.push(`${hubErrors} check-in requests failed`);
    if (floorErrors) failures.push(`${floorErrors} floor requests failed`);

    // Every acknowledged check-in is a ticket with its own number and its event, on disk.
    const dbFile = path.join(hubData, 'loket.db');
    const tickets = countRows(dbFile, 'SELECT COUNT(*) FROM tickets');
    const numbers = countRows(dbFile, 'SELECT COUNT(DISTINCT office_date || number) FROM tickets');
    const issued = countRows(dbFile, "SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'");
    const expected = total - hubErrors;
    if (tickets !== expected || numbers !== expected || issued !== expected)
      failures.push(
        `hub database holds ${tickets} tickets, ${numbers} distinct numbers, ${issued} ticket.issued events; expected ${expected}`,
      );

    const ratioOf = (
      a: typeof checkin | typeof checkinBurst,
      b: typeof floorFigures | typeof floorBurstFigures,
    ) => ({
      p50: ms3(a.p50 / b.p50),
      p99: ms3(a.p99 / b.p99),
      mean: ms3(a.mean / b.mean),
    });
    const ratios = ratioOf(checkin, floorFigures);
    const ratiosBurst = ratioOf(checkinBurst, floorBurstFigures);
    const targets = {
      checkinP99: checkin.p99 <= targetP99Ms,
      checkinP50VsFloor: ratios.p50 <= targetRatio,
      checkinP99VsFloor: ratios.p99 <= targetRatio,
    };
    const mark = (met: boolean) => (met ? 'met' : 'MISSED');
    return {
      keys: {
        checkin: {
          ...checkin,
          bookings: total,
          ticketsInDatabase: tickets,
          subscribers,
          ...(subscribers ? { subscriberBoards: boards.length, eventMessages } : {}),
          limits: { p99Ms: targetP99Ms, ratioToFloor: targetRatio },
        },
        floor: floorFigures,
        ratios,
        checkinBurst,
        floorBurst: floorBurstFigures,
        ratiosBurst,
      },
      targets,
      failures,
      summary: [
        `${concurrency} kiosks checking in concurrently, each as a closed loop${subscribers ? `, ${subscribers} event subscribers (${boards.length} boards)` : ''} (checkin, floor):`,
        `  check-in (hub):             p50 ${checkin.p50} ms  p99 ${checkin.p99} ms  mean ${checkin.mean} ms  max ${checkin.max} ms  ${checkin.throughputPerSecond}/s`,
        `  floor (bare http + SQLite): p50 ${floorFigures.p50} ms  p99 ${floorFigures.p99} ms  mean ${floorFigures.mean} ms  max ${floorFigures.max} ms  ${floorFigures.throughputPerSecond}/s`,
        `  ratios check-in/floor: p50 ${ratios.p50}×  p99 ${ratios.p99}×`,
        `  server CPU per request: hub ${checkin.serverCpuMsPerRequest ?? '?'} ms, floor ${floorFigures.serverCpuMsPerRequest ?? '?'} ms`,
        `${concurrency} kiosks scanning at the same instant, in waves ${waveGapMs} ms apart (checkinBurst, floorBurst):`,
        `  check-in (hub):             p50 ${checkinBurst.p50} ms  p99 ${checkinBurst.p99} ms  max ${checkinBurst.max} ms`,
        `  floor (bare http + SQLite): p50 ${floorBurstFigures.p50} ms  p99 ${floorBurstFigures.p99} ms  max ${floorBurstFigures.max} ms`,
        `  ratios check-in/floor: p50 ${ratiosBurst.p50}×  p99 ${ratiosBurst.p99}×`,
        `target check-in p99 ≤ ${targetP99Ms} ms: ${mark(targets.checkinP99)}`,
        `target check-in p50 ≤ ${targetRatio}× floor: ${mark(targets.checkinP50VsFloor)}`,
        `target check-in p99 ≤ ${targetRatio}× floor: ${mark(targets.checkinP99VsFloor)}`,
      ],
    };
  },
};
