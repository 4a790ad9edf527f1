import type { PoolClient } from 'pg';

/**
 * The central store's schema, made and moved on by the central service itself: each migration runs
 * once, in order, in its own transaction, under an advisory lock so that several `loket central`
 * processes starting together migrate once. Add one and a test for it; never edit one that shipped.
 */
export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}

export const centralMigrations: readonly CentralMigration[] = [
  {
    version: 1,
    name: 'offices, cursors and the monthly event partitions',
    sql: `
      CREATE TABLE central_offices (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,10}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        -- The key the office's hub signs its batches with (HMAC-SHA256), shown once at office add.
        secret text NOT NULL,
        time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
        added_at timestamptz NOT NULL DEFAULT now()
      );
      -- Where each office's log stands here: the last event applied and its chain hash.
      CREATE TABLE central_cursors (
        office text PRIMARY KEY REFERENCES central_offices (code),
        seq bigint NOT NULL DEFAULT 0,
        hash text NOT NULL DEFAULT '${'0'.repeat(64)}',
        floor_hash text NOT NULL DEFAULT '${'0'.repeat(64)}',
        -- The time of that event (office clock, epoch ms) and when the batch came.
        last_at bigint,
        received_at timestamptz,
        -- The hub's own last event when it sent: the lag it reports.
        hub_seq bigint NOT NULL DEFAULT 0,
        hub_at bigint
      );
      -- Every shipped event, once: keyed by (office, seq), partitioned by month of its time (UTC).
      -- The ingest makes a month's partition before its first row; there is no default partition,
      -- so a row never lands where a later month's partition could not be made.
      CREATE TABLE central_events (
        office text NOT NULL,
        seq bigint NOT NULL,
        id text NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        at_ms bigint NOT NULL,
        actor text,
        station text,
        payload jsonb,
        floor_hash text NOT NULL,
        floor_prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (office, seq, at)
      ) PARTITION BY RANGE (at);
      CREATE UNIQUE INDEX central_events_office_id ON central_events (office, id, at);
      -- The national reports read one type over a period for a set of offices.
      CREATE INDEX central_events_type_at ON central_events (type, office, at);
    `,
  },
  {
    version: 2,
    name: 'the stage visits of each office day, rebuilt from its ticket events',
    sql: `
      -- One row per stage visit, measured as the floor measures it (central/reports/stageVisits.ts),
      -- rewritten for an office day in the same transaction as the batch that brought its events.
      -- The national reports read these, never the raw events: a national year is some 28 million
      -- rows here against 80 million events.
      CREATE TABLE central_visits (
        office text NOT NULL REFERENCES central_offices (code),
        office_date date NOT NULL,
        entry text NOT NULL,
        ticket text NOT NULL,
        stage text NOT NULL,
        number text NOT NULL,
        lane text NOT NULL,
        window_label text NOT NULL,
        window_start_at bigint NOT NULL,
        status text NOT NULL,
        first_stage boolean NOT NULL,
        wait_ms bigint,
        walk_up_ms bigint,
        service_ms bigint,
        first_call_at bigint,
        called_counter integer,
        called_officer text,
        wait_started_at bigint,
        hour smallint,
        held boolean NOT NULL,
        unverified boolean NOT NULL,
        claim text,
        first_seq bigint NOT NULL,
        out_of_order integer NOT NULL DEFAULT 0,
        PRIMARY KEY (office, office_date, entry)
      );
      CREATE INDEX central_visits_date ON central_visits (office_date, office);
    `,
  },
  {
    version: 3,
    name: 'print jobs, applications and imported months for issuance and promises',
    sql: `
      -- Each print job as its shipped events left it (central/reports/jobRollup.ts), kept in the
      -- ingest's transaction: the issuance table and the promises report read these.
      CREATE TABLE central_print_jobs (
        office text NOT NULL REFERENCES central_offices (code),
        job text NOT NULL,
        application text NOT NULL,
        state text NOT NULL,
        promised_date date,
        approved_at bigint,
        printed_at bigint,
        -- The office-local month of printed_at ('2026-11'): the issuance table's month.
        printed_month text,
        ready_at bigint,
        spoiled boolean NOT NULL DEFAULT false,
        passport_type text,
        application_kind text,
        PRIMARY KEY (office, job)
      );
      CREATE INDEX central_print_jobs_promised ON central_print_jobs (office, promised_date);
      CREATE INDEX central_print_jobs_month ON central_print_jobs (office, printed_month);
      -- Applications whose interview ended, awaiting their print job (the promise is their pickup date).
      CREATE TABLE central_applications (
        office text NOT NULL REFERENCES central_offices (code),
        application text NOT NULL,
        pickup_date date,
        awaiting boolean NOT NULL DEFAULT false,
        sent_back boolean NOT NULL DEFAULT false,
        has_job boolean NOT NULL DEFAULT false,
        PRIMARY KEY (office, application)
      );
      CREATE INDEX central_applications_pickup ON central_applications (office, pickup_date);
      -- Passports printed per office month, type and kind: what a national year's table reads.
      CREATE TABLE central_issuance_months (
        office text NOT NULL REFERENCES central_offices (code),
        month text NOT NULL,
        passport_type text NOT NULL,
        application_kind text NOT NULL,
        passports integer NOT NULL,
        PRIMARY KEY (office, month, passport_type, application_kind)
      );
      -- Months the office imported from its own history (issuance.imported).
      CREATE TABLE central_issuance_imported (
        office text NOT NULL REFERENCES central_offices (code),
        year integer NOT NULL,
        month integer NOT NULL,
        biasa_baru integer NOT NULL,
        biasa_penggantian integer NOT NULL,
        elektronik_baru integer NOT NULL,
        elektronik_penggantian integer NOT NULL,
        total integer NOT NULL,
        PRIMARY KEY (office, year, month)
      );
    `,
  },
  {
    version: 4,
    name: 'the national page: its users, their sessions and failed sign-ins',
    sql: `
      -- Who may read the national page (loket central user add): scrypt-hashed passwords.
      CREATE TABLE central_users (
        username text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        password_hash text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      -- A signed-in browser: the SHA-256 of its cookie's token, never the token itself.
      CREATE TABLE central_sessions (
        token_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES central_users (username) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      );
      -- Failed sign-ins per username: too many in a row and the name waits (any process sees it).
      CREATE TABLE central_sign_in_failures (
        username text PRIMARY KEY,
        failures integer NOT NULL,
        blocked_until timestamptz
      );
    `,
  },
  {
    version: 5,
    name: 'the waits pre-combined per office day and month, for national reports over long periods',
    sql: `
      -- Each office day's stage visits summed per stage (central/reports/waitSummary.ts: the floor's
      -- counts and each duration's sums and histogram), kept in the ingest's transaction with the
      -- visits; and each office month's, the sum of its days. A national year reads the months.
      CREATE TABLE central_wait_days (
        office text NOT NULL REFERENCES central_offices (code),
        office_date date NOT NULL,
        stage text NOT NULL,
        visits integer NOT NULL,
        summary bytea NOT NULL,
        PRIMARY KEY (office, office_date, stage)
      );
      CREATE TABLE central_wait_months (
        office text NOT NULL REFERENCES central_offices (code),
        -- The month's first day.
        month date NOT NULL,
        stage text NOT NULL,
        visits integer NOT NULL,
        summary bytea NOT NULL,
        PRIMARY KEY (office, month, stage)
      );
    `,
  },
  {
    version: 6,
    name: 'failed sign-ins remember when they last failed, and are forgotten after the block',
    sql: `
      -- A name's failures count in a row only within the block's length of each other, and a name
      -- neither held nor failed that recently is deleted (central/national/users.ts): guessing at
      -- names that do not exist can no longer grow the table without end.
      ALTER TABLE central_sign_in_failures ADD COLUMN last_failed_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX central_sign_in_failures_last ON central_sign_in_failures (last_failed_at);
    `,
  },
];

/** A migration lock every central process shares (an arbitrary constant). */
const migrationLock = 0x6c6f6b65;

/** Applies what is missing; answers how many ran. */
export async function migrateCentral(client: PoolClient): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS central_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM central_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    let ran = 0;
    for (const migration of centralMigrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO central_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      ran += 1;
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]);
  }
}

/** The name of the partition holding `month` (`2026-12`) and its bounds, in UTC. */
export function monthPartition(year: number, month: number): { name: string; from: string; to: string } {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    name: `central_events_${year}_${pad(month)}`,
    from: `${year}-${pad(month)}-01T00:00:00Z`,
    to: `${next.y}-${pad(next.m)}-01T00:00:00Z`,
  };
}
