// The central section (issue 25, docs/central.md "Performance"): 150 offices' busy day pushed
// concurrently to two `loket central serve` processes over loopback into one PostgreSQL, beside the
// same rows written straight into PostgreSQL (the least they cost here); then a generated year of
// those offices in the central store and the national reports over it (centralYear.ts). Owns the
// key `central`.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { monthPartition } from '../../src-main/central/migrations.ts';
import { CentralStore, insertEvents, insertEventsValues } from '../../src-main/central/store.ts';
import { officeHeader, signatureHeader, type IngestBatch } from '../../src-main/domain/centralWire.ts';
import { nextBatch, signBody } from '../../src-main/hub/centralLink.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { measureNationalReports, newLink, type YearVolume } from './centralYear.ts';
import {
  latencyStats,
  loketBin,
  loopback,
  machine,
  ms3,
  processCpuMs,
  projectRoot,
  waitForOutput,
  type BenchContext,
  type Section,
  type SectionResult,
  type TrackedProcess,
} from './support.ts';
import { generateHistory } from './yearOfHistory.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** The PostgreSQL server the bench makes its throwaway databases on (a role that may CREATE DATABASE). */
export const benchPostgres =
  process.env.LOKET_BENCH_POSTGRES ?? 'postgres://loket:loket@127.0.0.1:5432/postgres';

export interface CentralVolume {
  /** Offices pushing their busy day at once. */
  offices: number;
  /** Visits in each office's busy day. */
  visitsPerDay: number;
  /**
   * Distinct floor days generated (yearOfHistory.ts, one seed each); office i ships day i mod
   * templates under its own pseudonym key and signing key, so no two offices send the same bytes.
   */
  templates: number;
  /** Events per batch, as the hub's shipper sends them. */
  batchSize: number;
  /** The `loket central serve` processes the offices are spread over, round-robin. */
  services: number;
  /** The generated year for the national reports; null skips that part. */
  year: YearVolume | null;
}

export const centralLimits = {
  /** A busy day of every office ingested, wall time. */
  dayMs: 60_000,
  nationalYearP99Ms: 2000,
  officeMonthP99Ms: 200,
} as const;

export const centralDefaults: CentralVolume = {
  offices: 150,
  visitsPerDay: 300,
  templates: 6,
  batchSize: 500,
  services: 2,
  year: { days: 250, visitsPerDay: 30, runs: 10, warmup: 2 },
};

export type ThrowawayDatabase = TestDatabase;

/** A database of the bench's own on the loopback server, dropped again by `drop`. */
export function throwawayDatabase(label: string, admin = benchPostgres): Promise<ThrowawayDatabase> {
  return freshDatabase(`bench_${label}`, admin);
}

/** One office's day as its hub sends it: signed bodies in order, and the rows for the straight write. */
interface OfficeDay {
  office: string;
  batches: { body: string; signature: string; batch: IngestBatch }[];
  events: number;
  lastSeq: number;
}

export const officeCode = (i: number): string => `K${String(i + 1).padStart(3, '0')}`;

/**
 * Every office's busy day, shipped: `templates` floor days generated through the floor's own
 * store (the year-of-history generator, one day each), and for each office the batches its hub's
 * shipper would send from cursor 0 (`nextBatch`: the catalogue's shipped payloads under the
 * office's own pseudonym key, the central chain's hashes, then `signBody` with its key).
 */
async function buildOfficeDays(
  bench: BenchContext,
  volume: CentralVolume,
  secrets: Map<string, string>,
): Promise<OfficeDay[]> {
  const templates: Store[] = [];
  const count = Math.min(volume.templates, volume.offices);
  try {
    for (let t = 0; t < count; t += 1) {
      const dir = bench.tempDir('loket-bench-office-');
      generateHistory(dir, { days: 1, visitsPerDay: volume.visitsPerDay, seed: 100 + t });
      templates.push(new Store(openDatabase(dir)));
    }
    const days: OfficeDay[] = [];
    for (let i = 0; i < volume.offices; i += 1) {
      const office = officeCode(i);
      const store = templates[i % count] as Store;
      const secret = secrets.get(office) as string;
      const link = newLink(office, secret);
      const day: OfficeDay = { office, batches: [], events: 0, lastSeq: 0 };
      for (;;) {
        const batch = nextBatch(store, link, 'Asia/Makassar', volume.batchSize);
        const last = batch.events.at(-1);
        if (!last) break;
        const body = JSON.stringify(batch);
        day.batches.push({ body, signature: signBody(secret, body), batch });
        day.events += batch.events.length;
        day.lastSeq = last.seq;
        link.cursor = last.seq;
        link.hash = last.hash;
      }
      days.push(day);
    }
    return days;
  } finally {
    for (const store of templates) store.close();
  }
}

/** `loket central serve` on loopback in its own process; answers it and its address. */
async function startCentral(bench: BenchContext, db: string, n: number) {
  const child = spawn(process.execPath, [loketBin, 'central', 'serve', '--port', '0', '--host', loopback], {
    cwd: projectRoot,
    env: { ...process.env, LOKET_CENTRAL_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = bench.track(child, `loket central ${n}`);
  const url = await waitForOutput(service, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { service, url };
}

interface PushResult {
  wallMs: number;
  rttMs: number[];
  errors: string[];
}

/**
 * Every office at once, each sending its batches one after another as its hub does (the next only
 * after the answer), office i to service i mod services. A refusal is an error of the run.
 */
async function pushAll(days: OfficeDay[], urls: string[]): Promise<PushResult> {
  const rttMs: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    days.map(async (day, i) => {
      const url = `${urls[i % urls.length]}/ingest`;
      for (const { body, signature, batch } of day.batches) {
        const sent = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [officeHeader]: day.office,
            [signatureHeader]: signature,
          },
          body,
        });
        const text = await response.text();
        rttMs.push(performance.now() - sent);
        const cursor = batch.events.at(-1)?.seq;
        const answer = response.status === 200 ? (JSON.parse(text) as { cursor?: number }) : null;
        if (answer?.cursor !== cursor) {
          errors.push(`${day.office} batch after ${batch.after}: ${response.status} ${text.slice(0, 300)}`);
          return;
        }
      }
    }),
  );
  return { wallMs: performance.now() - started, rttMs, errors };
}

/**
 * The baseline: the same batches written straight into a database with the same schema, from this
 * process, each one transaction on a pool as large as the services' together: no HTTP, no
 * signature, no validation, no chain, no cursor. What PostgreSQL alone takes for these rows here.
 */
async function straightWrite(days: OfficeDay[], db: string, connections: number): Promise<PushResult> {
  const store = new CentralStore(db, { max: 1 });
  await store.migrate();
  const months = new Set<string>();
  for (const day of days)
    for (const { batch } of day.batches)
      for (const e of batch.events) {
        const d = new Date(e.at);
        months.add(`${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`);
      }
  for (const month of months) {
    const [year, m] = month.split('-').map(Number) as [number, number];
    const p = monthPartition(year, m);
    await store.pool.query(
      `CREATE TABLE ${p.name} PARTITION OF central_events FOR VALUES FROM ('${p.from}') TO ('${p.to}')`,
    );
  }
  await store.close();
  const pool = new pg.Pool({ connectionString: db, max: connections });
  const rttMs: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  try {
    await Promise.all(
      days.map(async (day) => {
        for (const { batch } of day.batches) {
          const sent = performance.now();
          const client = await pool.connect();
          try {
            const ev = batch.events;
            await client.query('BEGIN');
            await client.query(insertEvents, insertEventsValues(day.office, ev));
            await client.query('COMMIT');
          } catch (error) {
            errors.push(`${day.office}: ${(error as Error).message}`);
            await client.query('ROLLBACK').catch(() => undefined);
          } finally {
            client.release();
          }
          rttMs.push(performance.now() - sent);
        }
      }),
    );
    return { wallMs: performance.now() - started, rttMs, errors };
  } finally {
    await pool.end();
  }
}

/** Events each office's hub holds that the central store has not applied (0 when all arrived). */
async function lagOf(store: CentralStore, days: OfficeDay[]) {
  const cursors = new Map((await store.offices()).map((o) => [o.code, o]));
  let events = 0;
  let offices = 0;
  for (const day of days) {
    const behind = day.lastSeq - (cursors.get(day.office)?.seq ?? 0);
    if (behind > 0) {
      events += behind;
      offices += 1;
    }
  }
  const stored = Number(
    (await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM central_events')).rows[0]?.n,
  );
  return { events, offices, stored };
}

const rate = (events: number, ms: number) => Math.round((events / ms) * 1000);

export async function runCentral(bench: BenchContext, volume: CentralVolume): Promise<SectionResult> {
  const failures: string[] = [];
  const summary: string[] = [];
  const targets: Record<string, boolean> = {};
  const db = await throwawayDatabase('central');
  const straightDb = await throwawayDatabase('straight');
  let central: Record<string, unknown> = {};
  try {
    const store = new CentralStore(db.url, { max: 4 });
    try {
      await store.migrate();
      const secrets = new Map<string, string>();
      for (let i = 0; i < volume.offices; i += 1)
        secrets.set(officeCode(i), await store.addOffice(officeCode(i), `Kantor Imigrasi bench ${i + 1}`));

      bench.log(
        `central: ${volume.offices} offices' busy day (${volume.visitsPerDay} visits, ${Math.min(volume.templates, volume.offices)} floor days generated), shipped in batches of ${volume.batchSize}…`,
      );
      const preparing = performance.now();
      const days = await buildOfficeDays(bench, volume, secrets);
      const events = days.reduce((sum, d) => sum + d.events, 0);
      const batches = days.reduce((sum, d) => sum + d.batches.length, 0);
      const prepareMs = ms3(performance.now() - preparing);

      bench.log(`central: the baseline: ${events} events written straight into PostgreSQL…`);
      const straight = await straightWrite(days, straightDb.url, 10 * volume.services);
      failures.push(...straight.errors.slice(0, 5));

      bench.log(`central: ${events} events in ${batches} batches to ${volume.services} central services…`);
      const services: { service: TrackedProcess; url: string }[] = [];
      for (let n = 1; n <= volume.services; n += 1) services.push(await startCentral(bench, db.url, n));
      const cpuBefore = services.map((s) => processCpuMs(s.service.child.pid) ?? 0);
      const loadBefore = machine().loadAverage;
      const pushed = await pushAll(
        days,
        services.map((s) => s.url),
      );
      const serviceCpuMs = services.map((s, i) =>
        ms3((processCpuMs(s.service.child.pid) ?? 0) - (cpuBefore[i] ?? 0)),
      );
      failures.push(...pushed.errors.slice(0, 5));
      if (pushed.errors.length > 5) failures.push(`… and ${pushed.errors.length - 5} more refused batches`);
      const lag = await lagOf(store, days);
      if (lag.events > 0)
        failures.push(`${lag.events} events of ${lag.offices} offices not applied at the end`);
      if (lag.stored !== events)
        failures.push(`the central store holds ${lag.stored} events, ${events} were sent`);
      for (const s of services) await s.service.stop();

      const ingest = {
        offices: volume.offices,
        visitsPerOffice: volume.visitsPerDay,
        templates: Math.min(volume.templates, volume.offices),
        services: volume.services,
        batchSize: volume.batchSize,
        events,
        batches,
        wallMs: ms3(pushed.wallMs),
        eventsPerSecond: rate(events, pushed.wallMs),
        batchRoundTrip: latencyStats(pushed.rttMs),
        lagEvents: lag.events,
        lagOffices: lag.offices,
        storedEvents: lag.stored,
        refusedBatches: pushed.errors.length,
        serviceCpuMs,
        loadAverageBefore: loadBefore,
        prepareMs,
      };
      const baseline = {
        what: 'the same batches written straight into the same schema by one process (no HTTP, validation, chain or cursor)',
        connections: 10 * volume.services,
        wallMs: ms3(straight.wallMs),
        eventsPerSecond: rate(events, straight.wallMs),
        batchRoundTrip: latencyStats(straight.rttMs),
        errors: straight.errors.length,
      };
      targets.centralIngestDay =
        pushed.wallMs <= centralLimits.dayMs && lag.events === 0 && !pushed.errors.length;
      summary.push(
        `central ingest (${volume.offices} offices × ${volume.visitsPerDay} visits, ${events} events in ${batches} batches, ${volume.services} services):`,
        `  wall ${ms3(pushed.wallMs)} ms (target < ${centralLimits.dayMs} ms), ${ingest.eventsPerSecond} events/s, lag at the end ${lag.events} events`,
        `  batch round trip p50 ${ingest.batchRoundTrip.p50} ms, p99 ${ingest.batchRoundTrip.p99} ms`,
        `  baseline (straight into PostgreSQL): wall ${baseline.wallMs} ms, ${baseline.eventsPerSecond} events/s, p50 ${baseline.batchRoundTrip.p50} ms, p99 ${baseline.batchRoundTrip.p99} ms`,
      );
      central = { ingest, baseline };
    } finally {
      await store.close();
    }
    await straightDb.drop();

    if (volume.year) {
      // A year that cannot be written or read is a failure of the run, not a loss of the ingest's figures.
      try {
        const reports = await measureNationalReports(
          bench,
          db.url,
          Array.from({ length: volume.offices }, (_, i) => officeCode(i)),
          volume.year,
        );
        central.reports = reports.figures;
        Object.assign(targets, reports.targets);
        summary.push(...reports.summary);
        failures.push(...reports.failures);
      } catch (error) {
        const message = (error as Error)?.stack ?? String(error);
        central.reports = { error: message };
        summary.push(`central reports: failed: ${message.split('\n')[0]}`);
        failures.push(`central reports: ${message}`);
      }
    }
  } finally {
    await straightDb.drop().catch(() => undefined);
    await db.drop();
  }
  return { keys: { central }, targets, summary, failures };
}

export const centralSection: Section = {
  name: 'central',
  run: (bench) =>
    runCentral(bench, {
      ...centralDefaults,
      ...(bench.options.centralOffices ? { offices: bench.options.centralOffices } : {}),
      ...(bench.options.centralVisits ? { visitsPerDay: bench.options.centralVisits } : {}),
      year: {
        ...(centralDefaults.year as YearVolume),
        ...(bench.options.centralYearDays ? { days: bench.options.centralYearDays } : {}),
        ...(bench.options.centralYearVisits ? { visitsPerDay: bench.options.centralYearVisits } : {}),
      },
    }),
};
