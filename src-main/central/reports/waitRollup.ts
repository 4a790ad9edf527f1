import type pg from 'pg';
import type { StageVisit } from '../../domain/reports/visits.ts';
import { countSlot } from '../../domain/reports/kpi.ts';
import {
  centralKpiSettings,
  addEncoded,
  emptyWaitSummary,
  encodeSummary,
  summarizeVisits,
  type WaitSummary,
} from './waitSummary.ts';

/**
 * Keeps the pre-combined waits (migration 5, `waitSummary.ts`) in step with the stage visits: an
 * office day's summaries per stage, and its month's, rewritten whenever the day's visits are (in
 * the same transaction, for the reason `dayRollup.ts` gives). The month is the sum of its days,
 * read back from them: some 90 small rows.
 */
export async function storeWaitDay(
  client: pg.Pool | pg.PoolClient,
  office: string,
  day: string,
  visits: readonly (StageVisit & { outOfOrderCalls: number })[],
): Promise<void> {
  const byStage = summarizeVisits(visits, centralKpiSettings);
  await client.query('DELETE FROM central_wait_days WHERE office = $1 AND office_date = $2', [office, day]);
  await insertSummaries(client, 'central_wait_days', 'office_date', office, day, byStage);
  await storeWaitMonth(client, office, `${day.slice(0, 7)}-01`);
}

/** Rewrites an office month's summaries (`month`: its first day) as the sum of its days'. */
export async function storeWaitMonth(
  client: pg.Pool | pg.PoolClient,
  office: string,
  month: string,
): Promise<void> {
  const days = await client.query<{ stage: string; summary: Buffer }>(
    `SELECT stage, summary FROM central_wait_days
     WHERE office = $1 AND office_date >= $2::date AND office_date < $2::date + interval '1 month'`,
    [office, month],
  );
  const months = new Map<string, WaitSummary>();
  for (const row of days.rows) {
    let sum = months.get(row.stage);
    if (!sum) months.set(row.stage, (sum = emptyWaitSummary()));
    addEncoded(sum, row.summary);
  }
  await client.query('DELETE FROM central_wait_months WHERE office = $1 AND month = $2', [office, month]);
  await insertSummaries(client, 'central_wait_months', 'month', office, month, months);
}

async function insertSummaries(
  client: pg.Pool | pg.PoolClient,
  table: 'central_wait_days' | 'central_wait_months',
  dateColumn: 'office_date' | 'month',
  office: string,
  date: string,
  byStage: ReadonlyMap<string, WaitSummary>,
): Promise<void> {
  if (byStage.size === 0) return;
  const stages = [...byStage.keys()];
  await client.query(
    `INSERT INTO ${table} (office, ${dateColumn}, stage, visits, summary)
     SELECT $1, $2::date, u.* FROM unnest($3::text[], $4::integer[], $5::bytea[]) AS u`,
    [
      office,
      date,
      stages,
      stages.map((s) => (byStage.get(s) as WaitSummary).counts[countSlot.arrived]),
      stages.map((s) => encodeSummary(byStage.get(s) as WaitSummary)),
    ],
  );
}
