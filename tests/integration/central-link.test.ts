import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { officeHeader, signatureHeader } from '../../src-main/domain/centralWire.ts';
import { eventHash } from '../../src-main/store/eventChain.ts';
import { personalFields } from '../../src-main/domain/eventShipping.ts';
import {
  CentralShipper,
  nextBatch,
  signBody,
  type CentralShipperOptions,
} from '../../src-main/hub/centralLink.ts';
import { centralLinkStatus } from '../../src-main/services/centralLink.ts';
import { makeFloor, type TestFloor } from '../support/floor.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { buildReportDay, type ReportDay } from '../support/reportDay.ts';
import { until } from '../support/station.ts';

/**
 * A real floor's log shipped to a real central service over loopback into a real PostgreSQL
 * (issue 25): applied once, refused for another office, caught up after an hour apart, checked
 * end to end, and never carrying a citizen's or officer's personal data.
 */
let db: TestDatabase;
let central: CentralStore;
let app: FastifyInstance;
let url: string;
let keys: { DPS: string; JKT: string };
const bodies: string[] = [];

async function listen(port = 0): Promise<void> {
  app = await centralServer({
    store: central,
    extend: (server) => {
      server.addHook('preHandler', async (request) => {
        if (request.url === '/ingest' && typeof request.body === 'string') bodies.push(request.body);
      });
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  db = await freshDatabase();
  central = new CentralStore(db.url);
  expect(await central.migrate()).toBe(centralMigrations.length);
  keys = {
    DPS: await central.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar'),
    JKT: await central.addOffice('JKT', 'Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan'),
  };
  await listen();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await central?.close();
  await db?.drop();
});

const io = {
  write: () => undefined,
  usage: (message: string) => new Error(message),
};

function linkedFloor(office: 'DPS' | 'JKT'): { floor: TestFloor; day: ReportDay } {
  const floor = makeFloor();
  const day = buildReportDay(floor.store, floor.clock);
  centralLinkCommand(floor.ctx, url, office, keys[office], io);
  return { floor, day };
}

const quick = { idleMs: 20, retry: { initialDelayMs: 20, maxDelayMs: 200 }, heartbeatMs: 60_000 };

async function shipped(floor: TestFloor): Promise<void> {
  await until(
    'the central store to hold the whole log',
    () => floor.store.centralLink.get()?.cursor === floor.store.events.lastSeq(),
    30_000,
  );
}

/** A shipper run until the central store holds the floor's whole log, then stopped. */
async function shipWholeLog(floor: TestFloor, options: CentralShipperOptions = quick): Promise<void> {
  const shipper = new CentralShipper(floor.store, floor.clock, options);
  shipper.start();
  try {
    await shipped(floor);
  } finally {
    await shipper.close();
  }
}

async function centralRows(office: string): Promise<{ seq: number; type: string; payload: unknown }[]> {
  return (
    await central.pool.query('SELECT seq, type, payload FROM central_events WHERE office = $1 ORDER BY seq', [
      office,
    ])
  ).rows;
}

async function post(office: string, key: string, body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${url}ingest`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [officeHeader]: office,
      [signatureHeader]: signBody(key, body),
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('a hub shipping its log to the central store', { timeout: 120_000 }, () => {
  it('ships every event once, in order, with nothing personal, and the chain verifies', async () => {
    const { floor, day } = linkedFloor('DPS');
    await shipWholeLog(floor, { ...quick, batchSize: 40 });
    const rows = await centralRows('DPS');
    const last = floor.store.events.lastSeq();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(rows.some((r) => r.type === 'ticket.called')).toBe(true);
    // The visit is followed by its pseudonym: one ticket's call and its completion share it.
    const called = rows.find((r) => r.type === 'ticket.called')?.payload as { ticketId: string };
    expect(called.ticketId).toMatch(/^p_[0-9a-f]{32}$/);

    // No batch on the wire and no stored row holds a NIK, a name, a phone or a booking code.
    const wire = bodies.join('\n');
    const stored = JSON.stringify(
      (await central.pool.query("SELECT actor, station, payload FROM central_events WHERE office = 'DPS'"))
        .rows,
    );
    const personal = day.personal.filter((value) => value.length >= 4 && !/^[A-Z]\d?-?\d+$/.test(value));
    expect(personal.length).toBeGreaterThan(5);
    for (const value of personal) {
      expect(wire, value).not.toContain(value);
      expect(stored, value).not.toContain(value);
    }
    for (const field of personalFields) expect(wire).not.toContain(`"${field}":`);

    expect((await central.verify('DPS')).findings).toEqual([]);
    floor.close();
  });

  it('applies a batch sent again after its answer was lost only once', async () => {
    const { floor } = linkedFloor('JKT');
    const link = floor.store.centralLink.get()!;
    const batch = nextBatch(floor.store, link, 'Asia/Makassar', 30);
    const body = JSON.stringify(batch);
    const first = await post('JKT', keys.JKT, body);
    expect(first.status).toBe(200);
    expect(first.json.applied).toBe(30);
    // The answer "was lost": the hub never recorded it and sends the same batch again.
    const again = await post('JKT', keys.JKT, body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ cursor: 30, applied: 0 });
    expect((await centralRows('JKT')).length).toBe(30);

    // The hub then carries on from its own (stale) cursor: the rest arrives, nothing doubled.
    await shipWholeLog(floor);
    const seqs = (await centralRows('JKT')).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: floor.store.events.lastSeq() }, (_, i) => i + 1));
    expect((await central.verify('JKT')).findings).toEqual([]);
    floor.close();
  });

  it("refuses an office writing another office's events, and a wrong signature", async () => {
    const { floor } = linkedFloor('JKT');
    const link = floor.store.centralLink.get()!;
    const before = (await centralRows('DPS')).length;
    // JKT's hub, with JKT's own key, sends a batch that says it is DPS's.
    const forged = JSON.stringify({
      ...nextBatch(floor.store, { ...link, cursor: 0 }, 'Asia/Makassar', 10),
      office: 'DPS',
    });
    const asItself = await post('JKT', keys.JKT, forged);
    expect(asItself.status).toBe(403);
    expect(asItself.json.error.code).toBe('WRONG_OFFICE');
    // Naming DPS in the header without DPS's key.
    const asDps = await post('DPS', keys.JKT, forged);
    expect(asDps.status).toBe(401);
    expect((await centralRows('DPS')).length).toBe(before);
    floor.close();
  });

  it('catches up by itself after the link was down for an hour, and says the lag meanwhile', async () => {
    const floor = makeFloor();
    const down = await freshDatabase('down');
    const store = new CentralStore(down.url);
    await store.migrate();
    const key = await store.addOffice('MTR', 'Kantor Imigrasi Kelas I TPI Mataram');
    // A port nothing listens on yet: the central service is down.
    const probe = await centralServer({ store });
    await probe.listen({ port: 0, host: '127.0.0.1' });
    const port = (probe.server.address() as AddressInfo).port;
    await probe.close();
    centralLinkCommand(floor.ctx, `http://127.0.0.1:${port}/`, 'MTR', key, io);
    const shipper = new CentralShipper(floor.store, floor.clock, quick);
    shipper.start();
    let server: FastifyInstance | undefined;
    try {
      buildReportDay(floor.store, floor.clock);
      await until(
        'the link to record its failures',
        () => (floor.store.centralLink.get()?.failures ?? 0) >= 3,
      );
      floor.clock.advanceMinutes(60);
      const status = centralLinkStatus(floor.store, floor.clock.now());
      expect(status.lagEvents).toBe(floor.store.events.lastSeq());
      expect(status.lagMinutes).toBeGreaterThanOrEqual(60);
      expect(status.lastError).toContain('cannot reach');
      // The service comes back on its address; nobody touches the hub.
      server = await centralServer({ store });
      await server.listen({ port, host: '127.0.0.1' });
      await shipped(floor);
      expect(centralLinkStatus(floor.store, floor.clock.now())).toMatchObject({
        lagEvents: 0,
        lastError: null,
      });
      expect((await store.verify('MTR')).findings).toEqual([]);
    } finally {
      await shipper.close();
      await server?.close();
      await store.close();
      await down.drop();
      floor.close();
    }
  });

  it('ships an old event that no longer fits the catalogue without its payload, and the link goes on', async () => {
    const floor = makeFloor();
    const key = await central.addOffice('BTM', 'Kantor Imigrasi Kelas I Khusus TPI Batam');
    centralLinkCommand(floor.ctx, url, 'BTM', key, io);
    // A row an older version wrote: a call without the counter today's catalogue requires.
    const tail = floor.store.events.chainedAfter(floor.store.events.lastSeq() - 1, 1)[0]!;
    const row = {
      seq: tail.seq + 1,
      id: 'old-version-row',
      type: 'ticket.called',
      at: floor.clock.now(),
      actor: 'officer-1',
      station: null,
      payload: JSON.stringify({ ticketId: 't-1', number: 'A1-001', stage: 'document_check' }),
    };
    floor.store.db
      .prepare(
        `INSERT INTO events (seq, id, type, at, actor, station, payload, prev_hash, hash)
         VALUES (@seq, @id, @type, @at, @actor, @station, @payload, @prevHash, @hash)`,
      )
      .run({ ...row, prevHash: tail.hash, hash: eventHash(tail.hash as string, row) });
    floor.store.transaction(() =>
      floor.store.events.emit({
        type: 'counter.state',
        at: floor.clock.now(),
        actor: 'officer-1',
        station: null,
        payload: { counter: 1, state: 'available' },
      }),
    );
    await shipWholeLog(floor);
    const rows = await centralRows('BTM');
    expect(rows.find((r) => r.seq === row.seq)).toMatchObject({ type: 'ticket.called', payload: null });
    expect(rows.at(-1)).toMatchObject({ type: 'counter.state', payload: { counter: 1, state: 'available' } });
    expect((await central.verify('BTM')).findings).toEqual([]);
    floor.close();
  });

  it('finds a changed row, a deleted row and a forged hash with verify', async () => {
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    try {
      await raw.query(
        `UPDATE central_events SET payload = jsonb_set(payload, '{counter}', '9') WHERE office = 'DPS' AND seq =
           (SELECT min(seq) FROM central_events WHERE office = 'DPS' AND type = 'ticket.called')`,
      );
      const report = await central.verify('DPS');
      expect(report.findings.map((f) => f.kind)).toEqual(['tampered']);
      await raw.query(`DELETE FROM central_events WHERE office = 'DPS' AND seq = 5`);
      const kinds = (await central.verify('DPS')).findings.map((f) => `${f.seq}:${f.kind}`);
      expect(kinds).toContain('6:gap');
    } finally {
      await raw.end();
    }
  });
});
