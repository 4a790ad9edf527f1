// The central section's year (issue 25): every office's working days of a year in the central store,
// made inside PostgreSQL from a few real floor days, and the national reports timed over it.
//
// A year of 150 offices cannot be pushed through the ingest in minutes, so it is tiled: a few floor
// histories are generated (yearOfHistory.ts) and shipped through the real ingest (`nextBatch` and
// `CentralStore.ingest`, in this process) as seed offices, so their last day is in the central
// store exactly as a hub ships it, with whatever the ingest keeps beside the events (the national
// reports' day rollups). Each office's working day is then one seed day copied server-side
// (INSERT … SELECT, a month at a time): times moved to that day, the ticket's office date with them,
// every pseudonym re-keyed per office and day, the same monthly partitions. The rollup rows are
// copied the same way. What is not real: the copied rows' chain hashes are the seed's (the year is
// for the reports, not for `verify`), officers' pseudonyms change every day, and holidays are
// ignored (every weekday is a working day).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { monthPartition } from '../../src-main/central/migrations.ts';
import { storeWaitMonth } from '../../src-main/central/reports/waitRollup.ts';
import {
  addVisit,
  bucketBounds,
  bucketCount,
  centralKpiSettings,
  emptyWaitSummary,
  encodeSummary,
} from '../../src-main/central/reports/waitSummary.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { instantAt, plusDays } from '../../src-main/domain/localTime.ts';
import type { StageVisit } from '../../src-main/domain/reports/visits.ts';
import { nextBatch } from '../../src-main/hub/centralLink.ts';
import type { CentralLinkRow } from '../../src-main/store/centralLink.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { genesisHash } from '../../src-main/store/eventChain.ts';
import { Store } from '../../src-main/store/store.ts';
import { latencyStats, ms3, projectRoot, type BenchContext, type LatencyStats } from './support.ts';
import { generateHistory, historyLastDay, workingDaysEnding } from './yearOfHistory.ts';

export interface YearVolume {
  /** Working days of the year, ending the day before the busy day (historyLastDay). */
  days: number;
  /** Visits in each seed floor day (every office day is a copy of one). */
  visitsPerDay: number;
  /** Measured runs of each report, after `warmup` unmeasured ones. */
  runs: number;
  warmup: number;
}

/** Seed floor histories (distinct seeds); office i's days copy seed i mod seeds. */
const seeds = 2;
/** Working days of each seed history: its last day holds that day's visits and the pickups of earlier ones. */
const seedHistoryDays = 12;
const timeZone = 'Asia/Makassar';
/** The seed day copied: the last of each seed history. */
const seedDay = historyLastDay;
const dayMs = 86_400_000;

export const reportsFolder = path.join(projectRoot, 'src-main/central/reports');

type NationalQuery = { offices?: string[]; from: string; to: string };
type NationalReport = (store: CentralStore, q: NationalQuery) => Promise<unknown>;

/**
 * `nationalIssuance` and `nationalWaits` from the national reports' folder (`national.ts` first,
 * then any module there), or null while they are not in this tree.
 */
export async function nationalReports(): Promise<{
  nationalIssuance: NationalReport;
  nationalWaits: NationalReport;
} | null> {
  if (!fs.existsSync(reportsFolder)) return null;
  const files = fs
    .readdirSync(reportsFolder)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort((a, b) => Number(b === 'national.ts') - Number(a === 'national.ts'));
  const found: Partial<Record<'nationalIssuance' | 'nationalWaits', NationalReport>> = {};
  for (const file of files) {
    const module = (await import(path.join(reportsFolder, file))) as Record<string, unknown>;
    for (const name of ['nationalIssuance', 'nationalWaits'] as const)
      if (!found[name] && typeof module[name] === 'function') found[name] = module[name] as NationalReport;
  }
  return found.nationalIssuance && found.nationalWaits
    ? { nationalIssuance: found.nationalIssuance, nationalWaits: found.nationalWaits }
    : null;
}

export interface YearSummary {
  offices: number;
  days: number;
  firstDay: string;
  lastDay: string;
  events: number;
  seedEventsPerDay: number[];
  /** Rollup tables (office, office_date) copied beside the events, and their rows. */
  rollups: Record<string, number>;
  /** Tables keyed by office month made from the copied days (waits) or generated (issuance), and their rows. */
  made: Record<string, number>;
  /** Other tables keyed by office (per job, per month): not copied; their rows after the year. */
  notCopied: Record<string, number>;
  ms: number;
}

/** A seed office's code: registered, shipped, copied from, then removed. */
const seedOffice = (n: number) => `SEED${n}`;

/** A hub's link to the central store as `loket central link` makes it: from the start, its own pseudonym key. */
export function newLink(office: string, secret: string): CentralLinkRow {
  return {
    url: 'http://127.0.0.1/',
    office,
    secret,
    pseudonymKey: randomBytes(32).toString('hex'),
    cursor: 0,
    hash: genesisHash,
    linkedAt: 0,
    linkedBy: 'bench',
    lastOkAt: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
  };
}

/** Ships a floor's whole log through the real ingest, batch after batch, as its hub would. */
async function shipThroughIngest(store: CentralStore, floor: Store, office: string, secret: string) {
  const link = newLink(office, secret);
  for (;;) {
    const batch = nextBatch(floor, link, timeZone, 500);
    if (!batch.events.length) return;
    const answer = await store.ingest(office, batch);
    link.cursor = answer.cursor;
    link.hash = answer.hash;
  }
}

/** The tables beside the events keyed by office and office day (the reports' rollups), with their columns. */
async function rollupTables(client: pg.PoolClient) {
  const rows = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.table_name IN (SELECT table_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'office_date')
       AND c.table_name IN (SELECT table_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'office')
       AND c.table_name NOT LIKE 'bench\\_%'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, { name: string; type: string }[]>();
  for (const r of rows.rows) {
    const list = tables.get(r.table_name) ?? [];
    list.push({ name: r.column_name, type: r.data_type });
    tables.set(r.table_name, list);
  }
  return tables;
}

/** A pseudonym re-keyed for its office day: its first 8 hex digits replaced by the day's key. */
const rekey = (column: string) =>
  `CASE WHEN ${column} LIKE 'p\\_%' THEN 'p_' || k.key || substr(${column}, 11) ELSE ${column} END`;

/**
 * Writes the year into the central store at `url`: `offices` offices (codes from `officeCode`,
 * registered already) × `volume.days` working days ending the day before the busy day.
 */
export async function generateCentralYear(
  bench: BenchContext,
  url: string,
  offices: string[],
  volume: YearVolume,
): Promise<YearSummary> {
  const started = performance.now();
  const store = new CentralStore(url, { max: 3 });
  try {
    await store.migrate();
    // The seed offices: real floor histories through the real ingest.
    const seedEventsPerDay: number[] = [];
    // Passports the seed floors printed per working day, by type and kind (their print jobs).
    const printedPerDay = new Map<
      string,
      { passportType: string; applicationKind: string; passports: number }
    >();
    for (let n = 0; n < seeds; n += 1) {
      const dir = bench.tempDir('loket-bench-seed-');
      generateHistory(dir, { days: seedHistoryDays, visitsPerDay: volume.visitsPerDay, seed: 500 + n });
      const floor = new Store(openDatabase(dir));
      try {
        const secret = await store.addOffice(seedOffice(n), `Seed ${n}`);
        await shipThroughIngest(store, floor, seedOffice(n), secret);
        const printed = floor.db
          .prepare(
            `SELECT j.passport_type AS passportType, a.application_kind AS applicationKind, count(*) AS n
             FROM print_jobs j JOIN applications a ON a.id = j.application_id
             WHERE j.printed_at IS NOT NULL GROUP BY 1, 2`,
          )
          .all() as { passportType: string; applicationKind: string; n: number }[];
        for (const row of printed) {
          const key = `${row.passportType} ${row.applicationKind}`;
          const seen = printedPerDay.get(key) ?? { ...row, passports: 0 };
          seen.passports += row.n / seedHistoryDays / seeds;
          printedPerDay.set(key, seen);
        }
      } finally {
        floor.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const lastDay = workingDaysEnding(seedDay, 2)[0] as string;
    const days = workingDaysEnding(lastDay, volume.days);
    const seedStart = instantAt(seedDay, '00:00', timeZone);
    const client = await store.pool.connect();
    try {
      await client.query(`CREATE TABLE bench_days (i int PRIMARY KEY, day text, shift bigint, month text)`);
      await client.query(`CREATE TABLE bench_offices (i int PRIMARY KEY, code text, seed text)`);
      await client.query(
        `INSERT INTO bench_days SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::text[])`,
        [
          days.map((_, i) => i),
          days,
          days.map((day) => instantAt(day, '00:00', timeZone) - seedStart),
          days.map((day) => day.slice(0, 7)),
        ],
      );
      await client.query(
        `INSERT INTO bench_offices SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`,
        [offices.map((_, i) => i), offices, offices.map((_, i) => seedOffice(i % seeds))],
      );
      // The seed day's events, numbered within the day, each pseudonym's first 8 hex digits marked for its copy's key.
      await client.query(
        `CREATE TABLE bench_seed AS SELECT office AS seed, row_number() OVER (PARTITION BY office ORDER BY seq) AS n,
           id, type, at_ms, actor, station,
           regexp_replace(payload::text, '"p_[0-9a-f]{8}', '"p_########', 'g') AS payload,
           floor_hash, floor_prev_hash, hash
         FROM central_events WHERE office LIKE 'SEED%' AND at_ms >= $1 AND at_ms < $2`,
        [seedStart, seedStart + dayMs],
      );
      for (let n = 0; n < seeds; n += 1)
        seedEventsPerDay.push(
          Number(
            (await client.query(`SELECT count(*) AS c FROM bench_seed WHERE seed = $1`, [seedOffice(n)]))
              .rows[0].c,
          ),
        );
      const tables = await rollupTables(client);
      const months = [...new Set(days.map((d) => d.slice(0, 7)))];
      let events = 0;
      const rollups: Record<string, number> = Object.fromEntries([...tables.keys()].map((t) => [t, 0]));
      // Every partition first (one process making them), then the months on two connections at once.
      for (const month of months) {
        const [y, m] = month.split('-').map(Number) as [number, number];
        // The local day starts at 16:00 UTC the day before: a month's first day may fall in the month before.
        for (const p of [monthPartition(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1), monthPartition(y, m)])
          await client.query(
            `CREATE TABLE IF NOT EXISTS ${p.name} PARTITION OF central_events FOR VALUES FROM ('${p.from}') TO ('${p.to}')`,
          );
      }
      const writeMonth = async (writer: pg.PoolClient, month: string) => {
        const inserted = await writer.query(
          `INSERT INTO central_events (office, seq, id, type, at, at_ms, actor, station, payload,
             floor_hash, floor_prev_hash, hash)
           SELECT o.code, 1000000 + d.i * 100000 + s.n, s.id || '.' || o.i || '.' || d.i, s.type,
             timestamptz 'epoch' + (s.at_ms + d.shift) * interval '1 millisecond', s.at_ms + d.shift,
             ${rekey('s.actor')}, s.station,
             CASE WHEN s.type = 'ticket.issued'
               THEN jsonb_set(jsonb_set(r.p, '{ticket,officeDate}', to_jsonb(d.day)), '{ticket,issuedAt}',
                 to_jsonb((r.p #>> '{ticket,issuedAt}')::bigint + d.shift))
               ELSE r.p END,
             s.floor_hash, s.floor_prev_hash, s.hash
           FROM bench_days d CROSS JOIN bench_offices o JOIN bench_seed s ON s.seed = o.seed
             CROSS JOIN LATERAL (SELECT lpad(to_hex(o.i * 1000 + d.i), 8, '0') AS key) k
             CROSS JOIN LATERAL (SELECT replace(s.payload, '"p_########', '"p_' || k.key)::jsonb AS p) r
           WHERE d.month = $1`,
          [month],
        );
        events += inserted.rowCount ?? 0;
        for (const [table, columns] of tables) {
          const select = columns.map(({ name, type }) => {
            const c = `s.${name}`;
            if (name === 'office') return 'o.code';
            if (name === 'office_date') return 'd.day::date';
            if (type === 'bigint' && name.endsWith('_at')) return `${c} + d.shift`;
            if (type === 'text') return rekey(c);
            return c;
          });
          const copied = await writer.query(
            `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
             SELECT ${select.join(', ')}
             FROM bench_days d CROSS JOIN bench_offices o JOIN ${table} s
               ON s.office = o.seed AND s.office_date = $2::date
               CROSS JOIN LATERAL (SELECT lpad(to_hex(o.i * 1000 + d.i), 8, '0') AS key) k
             WHERE d.month = $1`,
            [month, seedDay],
          );
          rollups[table] = (rollups[table] ?? 0) + (copied.rowCount ?? 0);
        }
        bench.log(`central: the year, ${month} written (${events} events so far)`);
      };
      const queue = [...months];
      const second = await store.pool.connect();
      try {
        await Promise.all(
          [client, second].map(async (writer) => {
            // A generated year is written again if lost: no need to wait for each commit's flush.
            await writer.query('SET synchronous_commit = off');
            for (let month = queue.shift(); month; month = queue.shift()) await writeMonth(writer, month);
          }),
        );
      } finally {
        second.release();
      }
      // The seeds leave: only the offices' year (and their busy day) stays, in every table that names an office.
      const withOffice = await client.query<{ table_name: string }>(
        `SELECT DISTINCT c.table_name FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = current_schema() AND c.column_name = 'office' AND t.table_type = 'BASE TABLE'
           AND c.table_name NOT LIKE 'bench\\_%' AND c.table_name NOT LIKE 'central\\_events\\_%'`,
      );
      for (const { table_name: table } of withOffice.rows)
        await client.query(`DELETE FROM ${table} WHERE office LIKE 'SEED%'`);
      await client.query(`DELETE FROM central_events WHERE office LIKE 'SEED%'`);
      await client.query(`DELETE FROM central_offices WHERE code LIKE 'SEED%'`);
      await client.query('DROP TABLE bench_seed, bench_days, bench_offices');
      // Made from the copied days as the ingest makes them: each office month's waits, the sum of its
      // days (storeWaitMonth, the ingest's own code).
      const made = { central_wait_months: 0, central_issuance_months: 0 };
      for (const office of offices)
        for (const month of months) {
          await storeWaitMonth(client, office, `${month}-01`);
          made.central_wait_months += 1;
        }
      // The seed days' shipped events print no passport (the history writes its print jobs
      // directly), so each office month's printed passports are generated: the seed floors' printed
      // passports per working day, by type and kind, times the month's working days.
      const workingDays = new Map<string, number>();
      for (const day of days) workingDays.set(day.slice(0, 7), (workingDays.get(day.slice(0, 7)) ?? 0) + 1);
      for (const [month, count] of workingDays) {
        const kinds = [...printedPerDay.values()];
        const inserted = await client.query(
          `INSERT INTO central_issuance_months (office, month, passport_type, application_kind, passports)
           SELECT o, $2, k.t, k.a, k.n FROM unnest($1::text[]) AS o
             CROSS JOIN unnest($3::text[], $4::text[], $5::integer[]) AS k(t, a, n)
           ON CONFLICT (office, month, passport_type, application_kind)
             DO UPDATE SET passports = central_issuance_months.passports + excluded.passports`,
          [
            offices,
            month,
            kinds.map((k) => k.passportType),
            kinds.map((k) => k.applicationKind),
            kinds.map((k) => Math.round(k.passports * count)),
          ],
        );
        made.central_issuance_months += inserted.rowCount ?? 0;
      }
      // Tables beside the events keyed otherwise (per job, per month): not copied, so they hold only
      // what the offices' busy day brought through the ingest. Their rows are recorded beside the figures.
      const others = await client.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema()
           AND column_name = 'office' AND table_name NOT IN ('central_events', 'central_cursors')
           AND table_name NOT LIKE 'central\\_events\\_%'
           AND table_name <> ALL($1::text[])`,
        [[...tables.keys(), ...Object.keys(made)]],
      );
      const notCopied: Record<string, number> = {};
      for (const { table_name: table } of others.rows)
        notCopied[table] = Number((await client.query(`SELECT count(*) AS c FROM ${table}`)).rows[0].c);
      for (const table of [...tables.keys(), ...Object.keys(made)])
        await client.query(`VACUUM (ANALYZE) ${table}`);
      await client.query('ANALYZE central_events');
      return {
        offices: offices.length,
        days: days.length,
        firstDay: days[0] as string,
        lastDay,
        events,
        seedEventsPerDay,
        rollups,
        made,
        notCopied,
        ms: Math.round(performance.now() - started),
      };
    } finally {
      client.release();
    }
  } finally {
    await store.close();
  }
}

/** Every SELECT the reports send while `work` runs, with its parameters and time (for EXPLAIN). */
async function recordQueries(work: () => Promise<unknown>) {
  const seen: { text: string; values: unknown[]; ms: number }[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (!text || !/^\s*(WITH|SELECT)\b/i.test(text)) return original.apply(this, args);
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] }).values ?? []);
    const start = performance.now();
    const done = () => seen.push({ text, values: params, ms: performance.now() - start });
    // The pool calls with a callback last; a client called directly answers a promise.
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...answer: unknown[]) => {
        done();
        return (callback as (...a: unknown[]) => unknown)(...answer);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(done, () => undefined);
    return result;
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen.sort((a, b) => b.ms - a.ms);
}

type Measured = (LatencyStats & { runs: number; warmup: number; firstMs: number }) | { error: string };

async function measure(bench: BenchContext, name: string, volume: YearVolume, work: () => Promise<unknown>) {
  try {
    const first = performance.now();
    await work();
    const firstMs = ms3(performance.now() - first);
    for (let i = 1; i < volume.warmup; i += 1) await work();
    const samples: number[] = [];
    // A report far over its target is run fewer times (at least 3) rather than for many minutes.
    const measuring = performance.now();
    for (let i = 0; i < volume.runs; i += 1) {
      if (i >= 3 && performance.now() - measuring > measureBudgetMs) break;
      const start = performance.now();
      await work();
      samples.push(performance.now() - start);
    }
    const stats = latencyStats(samples);
    bench.log(
      `central: ${name} first ${firstMs} ms, then p50 ${stats.p50} ms, p99 ${stats.p99} ms (${samples.length} runs)`,
    );
    return { ...stats, runs: samples.length, warmup: volume.warmup, firstMs } satisfies Measured;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    bench.log(`central: ${name} failed: ${message}`);
    return { error: message } satisfies Measured;
  }
}

/** A busy office month's visits per stage: 300 a day, 22 working days. */
const largestSummaryVisits = 300 * 22;

/**
 * Every office month of the year's span, whole months, rewritten with the largest summary a month
 * can have: each series with values in every bucket (`largestSummaryVisits` values spread over
 * them), as `storeWaitMonth` would store it. Answers the whole months' period.
 */
async function fillLargestMonthSummaries(
  store: CentralStore,
  offices: string[],
  firstDay: string,
  lastDay: string,
) {
  const from = `${firstDay.slice(0, 7)}-01`;
  const to = plusDays(`${plusMonth(lastDay.slice(0, 7))}-01`, -1);
  const months: string[] = [];
  for (let m = firstDay.slice(0, 7); m <= lastDay.slice(0, 7); m = plusMonth(m)) months.push(`${m}-01`);
  const stages = ['documents', 'interview', 'pickup'];
  const summaries = stages.map((stage) => {
    const summary = emptyWaitSummary();
    for (let i = 0; i < largestSummaryVisits; i += 1) {
      const at = (k: number) => bucketBounds((i * k) % bucketCount).low;
      const visit: StageVisit = {
        wait: at(1),
        walkUp: at(7),
        service: at(13),
        firstCallAt: i,
        calledCounter: 1,
        calledOfficerId: 'o',
        waitStartedAt: 0,
        held: i % 50 === 0,
        firstSeq: i,
        date: from,
        stage,
        number: String(i),
        lane: i % 3 === 0 ? 'lansia' : 'regular',
        window: '09:00–10:00',
        status: i % 20 === 0 ? 'no_show' : 'done',
        firstStage: stage === 'documents',
        windowStartAt: 0,
        hour: 9,
        unverified: false,
        claim: null,
      };
      addVisit(summary, visit, 0, centralKpiSettings);
    }
    return encodeSummary(summary);
  });
  for (const office of offices)
    await store.pool.query(
      `INSERT INTO central_wait_months (office, month, stage, visits, summary)
       SELECT $1, m, u.stage, $4, u.summary FROM unnest($2::date[]) AS m
         CROSS JOIN unnest($3::text[], $5::bytea[]) AS u(stage, summary)
       ON CONFLICT (office, month, stage) DO UPDATE SET visits = excluded.visits, summary = excluded.summary`,
      [office, months, stages, largestSummaryVisits, summaries],
    );
  await store.pool.query('VACUUM (ANALYZE) central_wait_months');
  return { from, to };
}

const plusMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Measured runs of one report stop after this long (once 3 are done). */
const measureBudgetMs = 60_000;

const p99 = (m: Measured): number | null => ('p99' in m ? m.p99 : null);

/**
 * The national reports over the year: `nationalIssuance` and `nationalWaits` for every office over
 * the year and for one office over a month, each repeated; then EXPLAIN (ANALYZE, BUFFERS) of the
 * slowest statement they sent. Records "not built yet" when the reports are not in this tree.
 */
export async function measureNationalReports(
  bench: BenchContext,
  url: string,
  offices: string[],
  volume: YearVolume,
  limits = { nationalYearP99Ms: 2000, officeMonthP99Ms: 200 },
) {
  const national = await nationalReports();
  if (!national)
    return {
      figures: 'not built yet',
      targets: {},
      summary: [
        'central reports: not built yet (no nationalIssuance and nationalWaits in src-main/central/reports/)',
      ],
      failures: [],
    };
  bench.log(
    `central: generating the year (${offices.length} offices × ${volume.days} working days, seed days of ${volume.visitsPerDay} visits)…`,
  );
  const year = await generateCentralYear(bench, url, offices, volume);
  bench.log(`central: the year holds ${year.events} events (${year.ms} ms)`);
  const store = new CentralStore(url, { max: 4 });
  try {
    const yearRange = { from: year.firstDay, to: year.lastDay };
    const month = year.lastDay.slice(0, 7);
    const monthRange = {
      offices: [offices[0] as string],
      from: `${month}-01`,
      to: year.lastDay,
    };
    const runs = {
      issuanceYear: () => national.nationalIssuance(store, yearRange),
      waitsYear: () => national.nationalWaits(store, yearRange),
      issuanceOfficeMonth: () => national.nationalIssuance(store, monthRange),
      waitsOfficeMonth: () => national.nationalWaits(store, monthRange),
    };
    const figures: Record<string, unknown> = {
      year,
      queries: { year: yearRange, officeMonth: monthRange },
      loadAverageBefore: os.loadavg().map((x) => Math.round(x * 100) / 100),
    };
    for (const [name, work] of Object.entries(runs)) figures[name] = await measure(bench, name, volume, work);
    // Where the time goes: the slowest statement of the national year's reports, explained.
    const statements = await recordQueries(async () => {
      // A report that failed above fails again here; the statements it sent first still count.
      await runs.issuanceYear().catch(() => undefined);
      await runs.waitsYear().catch(() => undefined);
    });
    const heaviest = statements[0];
    if (heaviest) {
      const plan = await store.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${heaviest.text}`, heaviest.values);
      figures.heaviestQuery = {
        ms: ms3(heaviest.ms),
        sql: heaviest.text.replace(/\s+/g, ' ').trim(),
        params: JSON.stringify(heaviest.values).slice(0, 500),
        explain: plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']),
      };
    }
    // The year's days hold 30 visits; a busy office day holds 300. The waits of a long period read
    // month summaries whose size grows with the buckets their values use, at most every one: so
    // the national year again with every office month's summaries at their largest.
    bench.log('central: the national year of waits again, every month summary at its largest…');
    const whole = await fillLargestMonthSummaries(store, offices, year.firstDay, year.lastDay);
    figures.waitsYearLargestSummaries = {
      ...(await measure(bench, 'waitsYearLargestSummaries', volume, () =>
        national.nationalWaits(store, whole),
      )),
      query: whole,
      visitsPerMonthAndStage: largestSummaryVisits,
    };
    const yearP99 = [
      p99(figures.issuanceYear as Measured),
      p99(figures.waitsYear as Measured),
      p99(figures.waitsYearLargestSummaries as Measured),
    ];
    const monthP99 = [
      p99(figures.issuanceOfficeMonth as Measured),
      p99(figures.waitsOfficeMonth as Measured),
    ];
    const failures = Object.entries(figures)
      .filter(([, m]) => m && typeof m === 'object' && 'error' in (m as object))
      .map(([name, m]) => `central reports: ${name} failed: ${(m as { error: string }).error}`);
    const line = (name: string) => {
      const m = figures[name] as Measured;
      return 'error' in m ? `  ${name}: failed: ${m.error}` : `  ${name}: p50 ${m.p50} ms, p99 ${m.p99} ms`;
    };
    return {
      figures,
      targets: {
        centralNationalYearP99: yearP99.every((v) => v !== null && v <= limits.nationalYearP99Ms),
        centralOfficeMonthP99: monthP99.every((v) => v !== null && v <= limits.officeMonthP99Ms),
      },
      summary: [
        `central reports over ${year.events} events (${year.offices} offices × ${year.days} days, ${year.firstDay}–${year.lastDay}):`,
        line('issuanceYear'),
        line('waitsYear'),
        line('waitsYearLargestSummaries'),
        line('issuanceOfficeMonth'),
        line('waitsOfficeMonth'),
        `  targets: year ≤ ${limits.nationalYearP99Ms} ms, one office's month ≤ ${limits.officeMonthP99Ms} ms`,
      ],
      failures,
    };
  } finally {
    await store.close();
  }
}
