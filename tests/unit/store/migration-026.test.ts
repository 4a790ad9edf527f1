import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { PromiseRepository } from '../../../src-main/store/promises.ts';
import { floorWithTicket } from '../../support/migrations.ts';

const planOf = (db: ReturnType<typeof floorWithTicket>, sql: string) =>
  (
    db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: '2026-12-01', to: '2026-12-31' }) as {
      detail: string;
    }[]
  )
    .map((row) => row.detail)
    .join('\n');

describe('migration 026: the promises report reads its rows from indexes', () => {
  it('keeps every promise due, and answers from the covering and partial indexes', () => {
    const db = floorWithTicket(25);
    db.prepare(
      `INSERT INTO applications (id, number, office_date, ticket_id, booking_code, application_kind,
         passport_type, status, started_at, interview, updated_at, finished_at, pickup_date)
       VALUES ('a1', 'DPS-261130-0001', '2026-11-30', 't1', 'MPDPS-00001', 'baru', 'elektronik',
         'adjudication', 0, '{}', 0, 10, '2026-12-04')`,
    ).run();
    const before = new PromiseRepository(db).due('2026-12-01', '2026-12-31');
    expect(before).toHaveLength(1);

    expect(migrate(db, 26)).toBe(1);
    expect(migrate(db, 26)).toBe(0);

    expect(new PromiseRepository(db).due('2026-12-01', '2026-12-31')).toEqual(before);
    const jobs = planOf(
      db,
      `SELECT j.promised_date, j.state, j.approved_at, j.printed_at, j.ready_at,
         EXISTS (SELECT 1 FROM adjudications d WHERE d.application_id = j.application_id AND d.decision = 'sent_back'),
         EXISTS (SELECT 1 FROM booklet_uses u WHERE u.job_id = j.id AND u.outcome = 'spoiled')
       FROM print_jobs j WHERE j.promised_date BETWEEN @from AND @to`,
    );
    expect(jobs).toContain('COVERING INDEX print_jobs_by_promise');
    expect(jobs).toContain('adjudications_sent_back');
    expect(jobs).toContain('booklet_uses_spoiled');
    const waiting = planOf(
      db,
      `SELECT a.id FROM applications a WHERE a.pickup_date BETWEEN @from AND @to
         AND a.status = 'adjudication' AND a.finished_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.application_id = a.id)`,
    );
    expect(waiting).toContain('COVERING INDEX applications_awaiting_adjudication');
  });
});
