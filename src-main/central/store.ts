import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Bilingual } from '../domain/errors.ts';
import {
  type IngestAnswer,
  type IngestBatch,
  officeCodePattern,
  type WireEvent,
} from '../domain/centralWire.ts';
import { shippedSchema } from '../domain/eventShipping.ts';
import { isEventType } from '../domain/events.ts';
import { genesisHash, shippedHash } from '../store/eventChain.ts';
import { migrateCentral, monthPartition } from './migrations.ts';
import { rebuildMissingVisitDays, rebuildMissingWaitDays, rebuildVisitDays } from './reports/dayRollup.ts';
import { applyJobEvents, replayJobEvents } from './reports/jobRollup.ts';

/**
 * The events of a batch into `central_events`, one statement for the batch (arrays unnested), a row
 * already there left as it is. The benchmark's straight-write baseline sends the same statement.
 */
export const insertEvents = `INSERT INTO central_events (office, seq, id, type, at, at_ms, actor, station, payload,
  floor_hash, floor_prev_hash, hash)
  SELECT $1, u.seq, u.id, u.type, timestamptz 'epoch' + u.at * interval '1 millisecond', u.at,
  u.actor, u.station, u.payload::jsonb, u.fh, u.fph, u.h
  FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
  $8::text[], $9::text[], $10::text[], $11::text[])
  AS u(seq, id, type, at, actor, station, payload, fh, fph, h)
  ON CONFLICT DO NOTHING`;

export function insertEventsValues(office: string, events: readonly WireEvent[]): unknown[] {
  return [
    office,
    events.map((e) => e.seq),
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => e.at),
    events.map((e) => e.actor),
    events.map((e) => e.station),
    events.map((e) => (e.payload === null ? null : JSON.stringify(e.payload))),
    events.map((e) => e.floorHash),
    events.map((e) => e.floorPrevHash),
    events.map((e) => e.hash),
  ];
}

/** An error the central service answers with: an HTTP status, a code and a message in both languages. */
export class CentralError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(bilingual.en);
  }
}

export interface CentralOffice {
  code: string;
  name: string;
  timeZone: string;
}

export interface OfficeLink extends CentralOffice {
  /** The last event applied, its time (office clock) and when its batch came. */
  seq: number;
  lastAt: number | null;
  receivedAt: Date | null;
  /** The hub's own newest event when it last sent, and that event's time. */
  hubSeq: number;
  hubAt: number | null;
}

export interface VerifyFinding {
  seq: number;
  kind: 'gap' | 'floorLink' | 'tampered' | 'cursor';
  detail: string;
}

export interface VerifyReport {
  office: string;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  findings: VerifyFinding[];
}

const { Pool, types } = pg;
// bigint columns (seq, at_ms) come back as numbers: every value here is below 2^53.
types.setTypeParser(20, (value) => Number(value));

/**
 * The central store: one PostgreSQL database every `loket central` process shares. It holds no
 * state of its own between calls (the ingest is one transaction under the office's cursor row).
 */
export class CentralStore {
  readonly pool: pg.Pool;
  private readonly partitions = new Set<string>();

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new Pool({ connectionString: url, max: options.max ?? 10 });
    // An idle client that loses its server (a restart) must not take the process down.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<number> {
    const client = await this.pool.connect();
    try {
      const ran = await migrateCentral(client);
      // What an older schema held events of, made once (migrations 2, 3 and 5).
      if (ran > 0) {
        await rebuildMissingVisitDays(client);
        await rebuildMissingWaitDays(client);
        await replayJobEvents(client);
      }
      return ran;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** Registers an office; answers the key its hub signs with (shown once, kept by the hub). */
  async addOffice(code: string, name: string): Promise<string> {
    if (!officeCodePattern.test(code))
      throw new CentralError(400, 'INVALID_INPUT', {
        id: 'Kode kantor harus 2–10 huruf kapital atau angka.',
        en: 'The office code must be 2–10 capital letters or digits.',
      });
    if (!name.trim() || name.length > 200)
      throw new CentralError(400, 'INVALID_INPUT', {
        id: 'Nama kantor harus diisi (paling banyak 200 huruf).',
        en: 'The office name is required (at most 200 characters).',
      });
    const secret = randomBytes(32).toString('base64url');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const added = await client.query(
        'INSERT INTO central_offices (code, name, secret) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [code, name.trim(), secret],
      );
      if (added.rowCount !== 1) {
        await client.query('ROLLBACK');
        throw new CentralError(409, 'OFFICE_EXISTS', {
          id: `Kantor ${code} sudah terdaftar.`,
          en: `Office ${code} is already registered.`,
        });
      }
      await client.query('INSERT INTO central_cursors (office) VALUES ($1)', [code]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return secret;
  }

  /** The office's signing key, or null for an office not registered. */
  async secretOf(code: string): Promise<string | null> {
    const row = await this.pool.query<{ secret: string }>(
      'SELECT secret FROM central_offices WHERE code = $1',
      [code],
    );
    return row.rows[0]?.secret ?? null;
  }

  async offices(): Promise<OfficeLink[]> {
    const rows = await this.pool.query(
      `SELECT o.code, o.name, o.time_zone, c.seq, c.last_at, c.received_at, c.hub_seq, c.hub_at
       FROM central_offices AS o JOIN central_cursors AS c ON c.office = o.code ORDER BY o.code`,
    );
    return rows.rows.map((r) => ({
      code: r.code,
      name: r.name,
      timeZone: r.time_zone,
      seq: r.seq,
      lastAt: r.last_at,
      receivedAt: r.received_at,
      hubSeq: r.hub_seq,
      hubAt: r.hub_at,
    }));
  }

  /**
   * Applies a batch from `office` (already authenticated): the events after the office's cursor,
   * once, in one transaction. Events at or before the cursor were applied before (a resent batch
   * whose answer was lost) and are skipped. A batch starting past the cursor is refused with the
   * cursor, so the hub sends again from there (the central store was restored from a backup).
   */
  async ingest(office: string, batch: IngestBatch): Promise<IngestAnswer> {
    if (batch.office !== office)
      throw new CentralError(403, 'WRONG_OFFICE', {
        id: `Hub kantor ${office} hanya boleh mengirim peristiwa kantornya sendiri.`,
        en: `The hub of office ${office} may only send its own office's events.`,
      });
    checkEvents(batch.events);
    await this.ensurePartitions(batch.events);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const cursor = (
        await client.query<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM central_cursors WHERE office = $1 FOR UPDATE',
          [office],
        )
      ).rows[0];
      if (!cursor) throw new CentralError(403, 'UNKNOWN_OFFICE', unknownOffice(office));
      if (batch.after > cursor.seq)
        throw new CentralError(
          409,
          'CURSOR_BEHIND',
          {
            id: `Pusat menyimpan peristiwa kantor ${office} sampai nomor ${cursor.seq}; kirim lagi dari sana.`,
            en: `The central store holds office ${office}'s events up to ${cursor.seq}; send again from there.`,
          },
          { cursor: cursor.seq, hash: cursor.hash },
        );
      const resent = batch.events.filter((e) => e.seq <= cursor.seq);
      if (resent.length) await sameAsStored(client, office, resent, cursor);
      const fresh = batch.events.filter((e) => e.seq > cursor.seq);
      let prev = cursor.hash;
      for (const event of fresh) {
        const expected = shippedHash(prev, event);
        if (event.hash !== expected)
          throw new CentralError(
            422,
            'CHAIN_MISMATCH',
            {
              id: `Rantai hash peristiwa ${event.seq} tidak cocok dengan yang tersimpan di pusat.`,
              en: `Event ${event.seq}'s chain hash does not follow the central copy's chain.`,
            },
            { seq: event.seq, cursor: cursor.seq, hash: cursor.hash },
          );
        prev = event.hash;
      }
      const last = fresh.at(-1);
      if (last) {
        await client.query(insertEvents, insertEventsValues(office, fresh));
      }
      // The office days and print jobs these events touched, in this same transaction (reports/).
      await rebuildVisitDays(client, office, batch.timeZone, fresh);
      await applyJobEvents(client, office, batch.timeZone, fresh);
      await client.query(
        `UPDATE central_cursors SET seq = $2, hash = $3, floor_hash = COALESCE($4, floor_hash),
           last_at = COALESCE($5, last_at), received_at = now(), hub_seq = $6, hub_at = $7
         WHERE office = $1`,
        [
          office,
          last?.seq ?? cursor.seq,
          prev,
          last?.floorHash ?? null,
          last?.at ?? null,
          batch.hubSeq,
          batch.hubAt,
        ],
      );
      await client.query('UPDATE central_offices SET time_zone = $2 WHERE code = $1 AND time_zone <> $2', [
        office,
        batch.timeZone,
      ]);
      await client.query('COMMIT');
      return { cursor: last?.seq ?? cursor.seq, hash: prev, applied: fresh.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Makes the month partitions the events fall in (several processes may ask at once). */
  private async ensurePartitions(events: readonly WireEvent[]): Promise<void> {
    const months = new Set<string>();
    for (const e of events) {
      const d = new Date(e.at);
      months.add(`${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`);
    }
    for (const month of months) {
      const [year, m] = month.split('-').map(Number) as [number, number];
      const partition = monthPartition(year, m);
      if (this.partitions.has(partition.name)) continue;
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [0x70617274]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${partition.name} PARTITION OF central_events
           FOR VALUES FROM ('${partition.from}') TO ('${partition.to}')`,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      this.partitions.add(partition.name);
    }
  }

  /**
   * Checks an office's central copy end to end: every seq from the first on (a gap is a missing
   * event), each event's floor hash linked to the one before (the office's own chain), each row's
   * central hash recomputed from what is stored (a changed row), and the cursor at the last row.
   */
  async verify(office: string): Promise<VerifyReport> {
    const cursor = (
      await this.pool.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM central_cursors WHERE office = $1',
        [office],
      )
    ).rows[0];
    if (!cursor) throw new CentralError(404, 'UNKNOWN_OFFICE', unknownOffice(office));
    const findings: VerifyFinding[] = [];
    let prevSeq = 0;
    let prevHash = genesisHash;
    let prevFloorHash: string | null = null;
    let count = 0;
    let firstSeq: number | null = null;
    for (;;) {
      const page = await this.pool.query(
        `SELECT seq, id, type, at_ms, (extract(epoch FROM at) * 1000)::bigint AS at_check, actor, station,
           payload, floor_hash, floor_prev_hash, hash
         FROM central_events WHERE office = $1 AND seq > $2 ORDER BY seq LIMIT 5000`,
        [office, prevSeq],
      );
      for (const r of page.rows) {
        count += 1;
        firstSeq ??= r.seq;
        if (r.seq !== prevSeq + 1)
          findings.push({
            seq: r.seq,
            kind: 'gap',
            detail:
              prevSeq + 1 === r.seq - 1
                ? `event ${prevSeq + 1} is missing`
                : `events ${prevSeq + 1}–${r.seq - 1} are missing`,
          });
        if (prevFloorHash !== null && r.floor_prev_hash !== prevFloorHash && r.seq === prevSeq + 1)
          findings.push({
            seq: r.seq,
            kind: 'floorLink',
            detail: "the office's chain does not link to the event before",
          });
        const recomputed = shippedHash(prevHash, {
          seq: r.seq,
          id: r.id,
          type: r.type,
          at: r.at_ms,
          actor: r.actor,
          station: r.station,
          payload: r.payload,
          floorHash: r.floor_hash,
        });
        if (recomputed !== r.hash || r.at_check !== r.at_ms)
          findings.push({
            seq: r.seq,
            kind: 'tampered',
            detail: 'the row differs from what the office sent',
          });
        prevSeq = r.seq;
        prevHash = r.hash;
        prevFloorHash = r.floor_hash;
      }
      if (page.rows.length < 5000) break;
    }
    if (prevSeq !== cursor.seq || (count > 0 && prevHash !== cursor.hash))
      findings.push({
        seq: cursor.seq,
        kind: 'cursor',
        detail: `the office's cursor stands at ${cursor.seq} but the stored events end at ${prevSeq}`,
      });
    return { office, events: count, firstSeq, lastSeq: count ? prevSeq : null, findings };
  }
}

/**
 * Events sent again (their first answer was lost) must be the ones stored: a hub whose log took
 * another turn (restored from an old backup) would otherwise see its new events skipped unseen.
 */
async function sameAsStored(
  client: pg.PoolClient,
  office: string,
  resent: readonly WireEvent[],
  cursor: { seq: number; hash: string },
): Promise<void> {
  const stored = await client.query<{ seq: number; floor_hash: string }>(
    'SELECT seq, floor_hash FROM central_events WHERE office = $1 AND seq = ANY($2::bigint[])',
    [office, resent.map((e) => e.seq)],
  );
  const byseq = new Map(stored.rows.map((r) => [r.seq, r.floor_hash]));
  const other = resent.find((e) => byseq.has(e.seq) && byseq.get(e.seq) !== e.floorHash);
  if (other)
    throw new CentralError(
      409,
      'LOG_DIVERGED',
      {
        id: `Peristiwa ${other.seq} kantor ${office} berbeda dari yang sudah tersimpan di pusat: log hub telah berubah (dipulihkan dari cadangan lama?).`,
        en: `Office ${office}'s event ${other.seq} differs from the one the central store holds: the hub's log has changed (restored from an old backup?).`,
      },
      { seq: other.seq, cursor: cursor.seq },
    );
}

function unknownOffice(office: string): Bilingual {
  return {
    id: `Kantor ${office} belum terdaftar di pusat.`,
    en: `Office ${office} is not registered centrally.`,
  };
}

/** Every event of a batch in order and as the catalogue ships it; the first fault refuses the batch. */
function checkEvents(events: readonly WireEvent[]): void {
  let seq = 0;
  for (const event of events) {
    const refuse = (en: string, id: string) =>
      new CentralError(
        422,
        'INVALID_EVENT',
        { id: `Peristiwa ${event.seq}: ${id}`, en: `Event ${event.seq}: ${en}` },
        {
          seq: event.seq,
        },
      );
    if (event.seq <= seq) throw refuse('out of order in the batch.', 'urutannya salah dalam kiriman.');
    seq = event.seq;
    if (!isEventType(event.type))
      throw refuse(`unknown type ${event.type}.`, `jenis ${event.type} tidak dikenal.`);
    const schema = shippedSchema(event.type);
    if (schema === null) {
      if (event.payload !== null)
        throw refuse(
          `${event.type} stays in the office; its payload may not be sent.`,
          `${event.type} tidak boleh dikirim isinya.`,
        );
    } else if (event.payload === null ? event.withheld !== true : !schema.safeParse(event.payload).success) {
      throw refuse(
        `the payload is not what the catalogue ships for ${event.type}.`,
        `isinya tidak sesuai katalog untuk ${event.type}.`,
      );
    }
  }
}
