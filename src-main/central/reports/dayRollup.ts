import type pg from 'pg';
import { instantAt, localDateOf, plusDays } from '../../domain/localTime.ts';
import { storeWaitDay } from './waitRollup.ts';
import { stageVisitsOf, ticketEventTypes, type ShippedTicketEvent } from './stageVisits.ts';

/**
 * Keeps `central_visits` (migration 2) in step with the events: every office day a batch brought
 * ticket events for is rebuilt from all of that day's ticket events, inside the ingest's own
 * transaction. Done there, not after the commit, so that the visits can never disagree with the
 * events they come from: a central process killed between the two would otherwise leave a day's
 * visits stale until that office sent again, and a resent batch (applied once) would not mend it.
 * It costs a read of the day's ticket events per batch (a busy day: some 3,000 rows). The day's
 * pre-combined waits and its month's (`waitRollup.ts`) are rewritten with it.
 */
export async function rebuildVisitDays(
  client: pg.PoolClient,
  office: string,
  timeZone: string,
  events: readonly { type: string; at: number }[],
): Promise<void> {
  const ticketTypes: ReadonlySet<string> = new Set(ticketEventTypes);
  const days = new Set<string>();
  for (const e of events) if (ticketTypes.has(e.type)) days.add(localDateOf(e.at, timeZone));
  for (const day of [...days].sort()) await rebuildVisitDay(client, office, timeZone, day);
}

/** Rebuilds one office day's stage visits from its ticket events (those of tickets issued that day). */
export async function rebuildVisitDay(
  client: pg.Pool | pg.PoolClient,
  office: string,
  timeZone: string,
  day: string,
): Promise<void> {
  const from = instantAt(day, '00:00', timeZone);
  const to = instantAt(plusDays(day, 1), '00:00', timeZone);
  const rows = await client.query<ShippedTicketEvent>(
    `SELECT seq, type, at_ms AS at, actor, payload FROM central_events
     WHERE type = ANY($2::text[]) AND office = $1
       AND at >= timestamptz 'epoch' + $3 * interval '1 millisecond'
       AND at < timestamptz 'epoch' + $4 * interval '1 millisecond'
     ORDER BY seq`,
    [office, ticketEventTypes, from, to],
  );
  const visits = stageVisitsOf(rows.rows, timeZone).filter((v) => v.date === day);
  await client.query('DELETE FROM central_visits WHERE office = $1 AND office_date = $2', [office, day]);
  await storeWaitDay(client, office, day, visits);
  if (visits.length === 0) return;
  const column = <T>(pick: (v: (typeof visits)[number]) => T) => visits.map(pick);
  await client.query(
    `INSERT INTO central_visits (office, office_date, entry, ticket, stage, number, lane, window_label,
       window_start_at, status, first_stage, wait_ms, walk_up_ms, service_ms, first_call_at, called_counter,
       called_officer, wait_started_at, hour, held, unverified, claim, first_seq, out_of_order)
     SELECT $1, $2::date, u.* FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::bigint[], $10::text[], $11::boolean[], $12::bigint[], $13::bigint[], $14::bigint[],
       $15::bigint[], $16::integer[], $17::text[], $18::bigint[], $19::smallint[], $20::boolean[],
       $21::boolean[], $22::text[], $23::bigint[], $24::integer[]) AS u`,
    [
      office,
      day,
      column((v) => v.entryId),
      column((v) => v.ticketId),
      column((v) => v.stage),
      column((v) => v.number),
      column((v) => v.lane),
      column((v) => v.window),
      column((v) => v.windowStartAt),
      column((v) => v.status),
      column((v) => v.firstStage),
      column((v) => v.wait),
      column((v) => v.walkUp),
      column((v) => v.service),
      column((v) => v.firstCallAt),
      column((v) => v.calledCounter),
      column((v) => v.calledOfficerId),
      column((v) => v.waitStartedAt),
      column((v) => v.hour),
      column((v) => v.held),
      column((v) => v.unverified),
      column((v) => v.claim),
      column((v) => v.firstSeq),
      column((v) => v.outOfOrderCalls),
    ],
  );
}

/**
 * Rebuilds every office day that has stage visits but no pre-combined waits: the days shipped
 * before migration 5 made `central_wait_days`. As `rebuildMissingVisitDays`, a day per transaction.
 */
export async function rebuildMissingWaitDays(client: pg.PoolClient): Promise<number> {
  const days = await client.query<{ office: string; time_zone: string; day: string }>(
    `SELECT DISTINCT v.office, o.time_zone, to_char(v.office_date, 'YYYY-MM-DD') AS day
     FROM central_visits AS v JOIN central_offices AS o ON o.code = v.office
     WHERE NOT EXISTS (SELECT 1 FROM central_wait_days AS w
       WHERE w.office = v.office AND w.office_date = v.office_date)
     ORDER BY 1, 3`,
  );
  await rebuildDays(client, days.rows);
  return days.rows.length;
}

/**
 * Rebuilds the visits of every office day that holds ticket events but no visit: the days shipped
 * before migration 2 made `central_visits`. Runs after a migration, one day per transaction under the
 * office's cursor row, as the ingest takes it: a batch arriving meanwhile waits for the day.
 */
export async function rebuildMissingVisitDays(client: pg.PoolClient): Promise<number> {
  const days = await client.query<{ office: string; time_zone: string; day: string }>(
    `SELECT DISTINCT e.office, o.time_zone,
       to_char((e.at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS day
     FROM central_events AS e JOIN central_offices AS o ON o.code = e.office
     WHERE e.type = 'ticket.issued'
       AND NOT EXISTS (SELECT 1 FROM central_visits AS v WHERE v.office = e.office
         AND v.office_date = (e.at AT TIME ZONE o.time_zone)::date)
     ORDER BY 1, 3`,
  );
  await rebuildDays(client, days.rows);
  return days.rows.length;
}

/** Each office day rebuilt in its own transaction, under the office's cursor row as the ingest takes it. */
async function rebuildDays(
  client: pg.PoolClient,
  days: readonly { office: string; time_zone: string; day: string }[],
): Promise<void> {
  for (const row of days) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT 1 FROM central_cursors WHERE office = $1 FOR UPDATE', [row.office]);
      await rebuildVisitDay(client, row.office, row.time_zone, row.day);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
