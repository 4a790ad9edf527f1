import type pg from 'pg';
import { localDateOf } from '../../domain/localTime.ts';

/**
 * Keeps the print jobs, the applications awaiting one, the passports printed per month and the
 * imported months (migration 3) in step with the shipped events, in the ingest's transaction (for
 * the reason `dayRollup.ts` gives). Each job moves as `services/passportPrinting.ts` moves it:
 * approved (queued) → printing → printed → ready → collected, back to queued on a failed print, a
 * failed quality check or a spoiled booklet.
 */
export const jobEventTypes = [
  'application.finished',
  'application.adjudicated',
  'passport.printing',
  'passport.printed',
  'passport.printFailed',
  'passport.printInterrupted',
  'passport.qcFailed',
  'booklet.spoiled',
  'passport.ready',
  'passport.collected',
  'issuance.imported',
] as const;

interface Job {
  job: string;
  application: string;
  state: string;
  promised_date: string | null;
  approved_at: number | null;
  printed_at: number | null;
  printed_month: string | null;
  ready_at: number | null;
  spoiled: boolean;
  passport_type: string | null;
  application_kind: string | null;
}

interface Application {
  application: string;
  pickup_date: string | null;
  awaiting: boolean;
  sent_back: boolean;
  has_job: boolean;
}

interface JobEvent {
  type: string;
  at: number;
  payload: Record<string, unknown> | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export async function applyJobEvents(
  client: pg.PoolClient,
  office: string,
  timeZone: string,
  events: readonly JobEvent[],
): Promise<void> {
  const types: ReadonlySet<string> = new Set(jobEventTypes);
  const relevant = events.filter((e) => types.has(e.type) && e.payload !== null);
  if (relevant.length === 0) return;
  const jobIds = new Set<string>();
  const applicationIds = new Set<string>();
  for (const e of relevant) {
    const job = str(e.payload?.jobId);
    const application = str(e.payload?.applicationId);
    if (job) jobIds.add(job);
    if (application) applicationIds.add(application);
  }
  const jobs = new Map<string, Job>();
  for (const row of (
    await client.query<Job>(
      `SELECT job, application, state, to_char(promised_date, 'YYYY-MM-DD') AS promised_date, approved_at,
         printed_at, printed_month, ready_at, spoiled, passport_type, application_kind
       FROM central_print_jobs WHERE office = $1 AND job = ANY($2::text[])`,
      [office, [...jobIds]],
    )
  ).rows)
    jobs.set(row.job, row);
  const applications = new Map<string, Application>();
  for (const row of (
    await client.query<Application>(
      `SELECT application, to_char(pickup_date, 'YYYY-MM-DD') AS pickup_date, awaiting, sent_back, has_job
       FROM central_applications WHERE office = $1 AND application = ANY($2::text[])`,
      [office, [...applicationIds]],
    )
  ).rows)
    applications.set(row.application, row);
  // The months whose printed counts move: each job's month before and after.
  const months = new Set<string>();
  for (const job of jobs.values()) if (job.printed_month) months.add(job.printed_month);

  const applicationOf = (id: string): Application => {
    let a = applications.get(id);
    if (!a) {
      a = { application: id, pickup_date: null, awaiting: false, sent_back: false, has_job: false };
      applications.set(id, a);
    }
    return a;
  };
  const jobOf = (e: JobEvent): Job | null => {
    const id = str(e.payload?.jobId);
    if (!id) return null;
    let j = jobs.get(id);
    if (!j) {
      j = {
        job: id,
        application: str(e.payload?.applicationId) ?? '',
        state: 'queued',
        promised_date: null,
        approved_at: null,
        printed_at: null,
        printed_month: null,
        ready_at: null,
        spoiled: false,
        passport_type: null,
        application_kind: null,
      };
      jobs.set(id, j);
    }
    return j;
  };
  const imported: Record<string, unknown>[] = [];

  for (const e of relevant) {
    const p = e.payload as Record<string, unknown>;
    switch (e.type) {
      case 'application.finished': {
        const a = applicationOf(str(p.applicationId) ?? '');
        a.pickup_date = str(p.pickupDate);
        a.awaiting = p.outcome === 'continue';
        break;
      }
      case 'application.adjudicated': {
        const a = applicationOf(str(p.applicationId) ?? '');
        if (p.decision === 'sent_back') a.sent_back = true;
        else {
          const j = jobOf(e);
          if (!j) break;
          a.has_job = true;
          j.state = 'queued';
          j.approved_at = e.at;
          j.promised_date = str(p.promisedDate) ?? j.promised_date;
        }
        break;
      }
      case 'passport.printing': {
        const j = jobOf(e);
        if (j) j.state = 'printing';
        break;
      }
      case 'passport.printed': {
        const j = jobOf(e);
        if (!j) break;
        j.state = 'printed';
        j.printed_at = e.at;
        j.printed_month = localDateOf(e.at, timeZone).slice(0, 7);
        months.add(j.printed_month);
        j.passport_type = str(p.passportType) ?? j.passport_type;
        j.application_kind = str(p.applicationKind) ?? j.application_kind;
        break;
      }
      case 'passport.printFailed':
      case 'passport.printInterrupted':
      case 'passport.qcFailed':
      case 'booklet.spoiled': {
        const j = jobOf(e);
        if (!j) break;
        j.state = 'queued';
        if (e.type === 'passport.qcFailed' || e.type === 'booklet.spoiled' || p.bookletSpoiled === true)
          j.spoiled = true;
        break;
      }
      case 'passport.ready': {
        const j = jobOf(e);
        if (!j) break;
        j.state = 'ready';
        j.ready_at = e.at;
        j.promised_date = str(p.promisedDate) ?? j.promised_date;
        break;
      }
      case 'passport.collected': {
        const j = jobOf(e);
        if (j) j.state = 'collected';
        break;
      }
      case 'issuance.imported':
        for (const m of (p.months as Record<string, unknown>[] | undefined) ?? []) imported.push(m);
        break;
    }
  }

  const jobRows = [...jobs.values()];
  if (jobRows.length)
    await client.query(
      `INSERT INTO central_print_jobs (office, job, application, state, promised_date, approved_at, printed_at,
         printed_month, ready_at, spoiled, passport_type, application_kind)
       SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::bigint[], $7::bigint[],
         $8::text[], $9::bigint[], $10::boolean[], $11::text[], $12::text[]) AS u
       ON CONFLICT (office, job) DO UPDATE SET application = excluded.application, state = excluded.state,
         promised_date = excluded.promised_date, approved_at = excluded.approved_at,
         printed_at = excluded.printed_at, printed_month = excluded.printed_month, ready_at = excluded.ready_at,
         spoiled = excluded.spoiled, passport_type = excluded.passport_type,
         application_kind = excluded.application_kind`,
      [
        office,
        jobRows.map((j) => j.job),
        jobRows.map((j) => j.application),
        jobRows.map((j) => j.state),
        jobRows.map((j) => j.promised_date),
        jobRows.map((j) => j.approved_at),
        jobRows.map((j) => j.printed_at),
        jobRows.map((j) => j.printed_month),
        jobRows.map((j) => j.ready_at),
        jobRows.map((j) => j.spoiled),
        jobRows.map((j) => j.passport_type),
        jobRows.map((j) => j.application_kind),
      ],
    );
  const applicationRows = [...applications.values()];
  if (applicationRows.length)
    await client.query(
      `INSERT INTO central_applications (office, application, pickup_date, awaiting, sent_back, has_job)
       SELECT $1, u.* FROM unnest($2::text[], $3::date[], $4::boolean[], $5::boolean[], $6::boolean[]) AS u
       ON CONFLICT (office, application) DO UPDATE SET pickup_date = excluded.pickup_date,
         awaiting = excluded.awaiting, sent_back = excluded.sent_back, has_job = excluded.has_job`,
      [
        office,
        applicationRows.map((a) => a.application),
        applicationRows.map((a) => a.pickup_date),
        applicationRows.map((a) => a.awaiting),
        applicationRows.map((a) => a.sent_back),
        applicationRows.map((a) => a.has_job),
      ],
    );
  if (months.size) {
    // A month's counts made again from its jobs: a reprint that moved a job's month moves its count.
    await client.query('DELETE FROM central_issuance_months WHERE office = $1 AND month = ANY($2::text[])', [
      office,
      [...months],
    ]);
    await client.query(
      `INSERT INTO central_issuance_months (office, month, passport_type, application_kind, passports)
       SELECT office, printed_month, passport_type, application_kind, count(*) FROM central_print_jobs
       WHERE office = $1 AND printed_month = ANY($2::text[]) AND state IN ('printed', 'ready', 'collected')
         AND passport_type IS NOT NULL AND application_kind IS NOT NULL
       GROUP BY office, printed_month, passport_type, application_kind`,
      [office, [...months]],
    );
  }
  for (const m of imported) {
    const n = (field: string) => (typeof m[field] === 'number' ? (m[field] as number) : 0);
    await client.query(
      `INSERT INTO central_issuance_imported (office, year, month, biasa_baru, biasa_penggantian, elektronik_baru,
         elektronik_penggantian, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (office, year, month) DO UPDATE SET biasa_baru = excluded.biasa_baru,
         biasa_penggantian = excluded.biasa_penggantian, elektronik_baru = excluded.elektronik_baru,
         elektronik_penggantian = excluded.elektronik_penggantian, total = excluded.total`,
      [
        office,
        n('year'),
        n('month'),
        n('biasaBaru'),
        n('biasaPenggantian'),
        n('elektronikBaru'),
        n('elektronikPenggantian'),
        n('total'),
      ],
    );
  }
}

/**
 * Replays the job events of every office that has some but no print job or application kept yet:
 * the offices that shipped before migration 3. Each office in one transaction under its cursor row.
 */
export async function replayJobEvents(client: pg.PoolClient): Promise<void> {
  const offices = await client.query<{ code: string; time_zone: string }>(
    `SELECT o.code, o.time_zone FROM central_offices AS o
     WHERE NOT EXISTS (SELECT 1 FROM central_print_jobs AS j WHERE j.office = o.code)
       AND NOT EXISTS (SELECT 1 FROM central_applications AS a WHERE a.office = o.code)
       AND NOT EXISTS (SELECT 1 FROM central_issuance_imported AS i WHERE i.office = o.code)
     ORDER BY o.code`,
  );
  for (const office of offices.rows) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT 1 FROM central_cursors WHERE office = $1 FOR UPDATE', [office.code]);
      let after = 0;
      for (;;) {
        const page = await client.query<JobEvent & { seq: number }>(
          `SELECT seq, type, at_ms AS at, payload FROM central_events
           WHERE office = $1 AND type = ANY($2::text[]) AND seq > $3 ORDER BY seq LIMIT 5000`,
          [office.code, jobEventTypes, after],
        );
        if (page.rows.length === 0) break;
        await applyJobEvents(client, office.code, office.time_zone, page.rows);
        after = (page.rows[page.rows.length - 1] as { seq: number }).seq;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
