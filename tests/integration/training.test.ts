import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { setUpTrainingFloor, type TrainingStation } from '../../src-main/services/training.ts';
import { databaseFileName } from '../../src-main/store/db.ts';
import {
  NotATrainingFolder,
  openTrainingFloor,
  resetTrainingFolder,
  trainingMarkerFile,
  trainingSheet,
  type TrainingSession,
} from '../../src-main/station/training.ts';
import { EventClient } from '../support/events.ts';
import { at } from '../support/floor.ts';
import { startTestHub } from '../support/hub.ts';

let dir: string;
let session: TrainingSession;
let hub: Hub;
const clients: EventClient[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-training-'));
  // Half an hour into the first window of Monday 30 November 2026.
  session = openTrainingFloor(dir, { startAt: at('2026-11-30', '08:30') });
  hub = await startHub({ dataDir: dir, clock: session.clock, port: 0, training: true });
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await hub?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const stationOf = (name: string): TrainingStation => {
  const found = session.floor.stations.find((s) => s.name === name);
  if (!found) throw new Error(`no training station ${name}`);
  return found;
};

async function call(operation: string, input: unknown, station: TrainingStation) {
  const response = await fetch(`${hub.url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${station.token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the training floor', () => {
  it('holds the sample day for the date the clock shows, imported without a rejection', () => {
    const { floor } = session;
    expect(floor.date).toBe('2026-11-30');
    expect(floor.office).toMatch(/\(LATIHAN\)$/);
    expect(floor.bookings.rejected).toEqual([]);
    expect(floor.bookings.warnings).toEqual([]);
    expect(floor.bookings.created).toBeGreaterThanOrEqual(140);
    expect(hub.store.bookings.count()).toBe(floor.bookings.created);
    expect(hub.store.office.get().name).toBe(floor.office);
  });

  it('has a kiosk, three counters (a desk of each stage: documents, interview, pickup), a board, a supervisor console, a print station and a help desk', () => {
    expect(session.floor.stations.map((s) => [s.mode, s.path])).toEqual([
      ['kiosk', '/kiosk'],
      ['counter', '/counter'],
      ['counter', '/counter'],
      ['counter', '/counter'],
      ['display', '/display'],
      ['supervisor', '/supervisor'],
      ['print', '/print'],
      ['helpdesk', '/helpdesk'],
    ]);
    const desks = session.floor.stations.flatMap((s) => (s.desk ? [s.desk] : []));
    expect(desks.map((d) => d.number)).toEqual([1, 3, 7]);
    expect(desks.map((d) => d.serves)).toEqual([
      'Document check',
      'Interview, fingerprints and photo',
      'Passport pickup',
    ]);
  });

  it('tells every station it is a training floor, and /healthz and the front page too', async () => {
    for (const station of session.floor.stations) {
      const me = await call('whoAmI', {}, station);
      expect(me.body).toMatchObject({ name: station.name, mode: station.mode, training: true });
    }
    expect(await (await fetch(`${hub.url}/healthz`)).json()).toMatchObject({ ok: true, training: true });
    expect(await (await fetch(`${hub.url}/`)).text()).toContain('LATIHAN / TRAINING');
  });

  it('drives a simulated ticket printer at the help desk', async () => {
    const devices = await call('stationDevices', {}, stationOf('Meja Bantuan Latihan'));
    expect(devices.body.devices).toContainEqual(
      expect.objectContaining({ slot: 'ticketPrinter', state: 'ready', address: 'simulator' }),
    );
  });

  it('drives a simulated printer and scanner for the kiosk', async () => {
    const devices = await call('stationDevices', {}, stationOf('Kios Latihan'));
    expect(devices.body).toMatchObject({
      driven: true,
      devices: [
        { slot: 'ticketPrinter', state: 'ready', address: 'simulator' },
        { slot: 'scanner', state: 'ready', address: 'simulator' },
      ],
    });
  });

  it('drives a receipt printer at the interview desks and a document reader at the print station, all simulated', async () => {
    const interview = session.floor.stations.filter((s) => s.desk?.serves.startsWith('Interview'));
    expect(interview.length).toBeGreaterThan(0);
    for (const desk of interview) {
      const devices = await call('stationDevices', {}, desk);
      expect(devices.body.devices).toContainEqual(
        expect.objectContaining({ slot: 'ticketPrinter', state: 'ready', address: 'simulator' }),
      );
    }
    const print = await call('stationDevices', {}, stationOf('Cetak Paspor Latihan'));
    expect(print.body.devices).toContainEqual(
      expect.objectContaining({ slot: 'scanner', state: 'ready', address: 'simulator' }),
    );
  });

  it('lets the training officers sign in with the PINs on the sheet, and no one with a wrong one', async () => {
    const petugas = session.floor.officers.find((o) => o.username === 'petugas1');
    const spv = session.floor.officers.find((o) => o.username === 'spv');
    expect(petugas).toMatchObject({ role: 'officer', pin: '111111' });
    expect(spv).toMatchObject({ role: 'supervisor', pin: '999999' });
    const counter = stationOf('Loket 1');
    const signedIn = await call('signIn', { username: 'petugas1', secret: '111111', counter: 1 }, counter);
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    expect((await call('callNext', {}, counter)).status).toBe(200);
    const console = stationOf('Supervisor Latihan');
    expect((await call('signIn', { username: 'spv', secret: '999999' }, console)).status).toBe(200);
    expect(
      (await call('signIn', { username: 'petugas2', secret: '123456', counter: 3 }, stationOf('Loket 3')))
        .status,
    ).toBe(401);
  });

  it('prints a ticket marked TRAINING on the kiosk’s simulated printer', async () => {
    const kiosk = stationOf('Kios Latihan');
    const example = session.floor.examples[0];
    expect(example?.window).toBe('08:00–09:00');
    const ticket = await call('checkIn', { text: example?.bookingCode }, kiosk);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
    const printed = await call('printTicket', { ticketId: ticket.body.id }, kiosk);
    expect(printed.body).toMatchObject({ printed: true, number: ticket.body.number });
    const simulator = (await hub.devices.managerOf(kiosk.id))?.printerSimulator;
    const slip = simulator?.jobs.at(-1)?.decoded.text ?? [];
    expect(slip[0]).toBe('TRAINING');
    expect(slip.at(-1)).toBe('TRAINING');
    expect(slip).toContain(ticket.body.number);
  });

  it('takes a scan the supervisor types into the kiosk’s simulated scanner', async () => {
    const kiosk = stationOf('Kios Latihan');
    const client = await EventClient.connect(hub.url, kiosk.token, 0);
    clients.push(client);
    await client.waitFor((c) => c.hello() !== undefined, 'hello');
    const code = session.floor.examples[1]?.bookingCode as string;
    const scanned = await call(
      'simulateScan',
      { stationId: kiosk.id, text: code },
      stationOf('Supervisor Latihan'),
    );
    expect(scanned.body).toEqual({ scanned: true });
    await client.waitFor((c) => c.scans().length === 1, 'the scan');
    expect(client.scans()).toEqual([code]);
  });

  it('is never set up over a floor that already has stations or bookings', () => {
    const ctx = { store: hub.store, clock: session.clock };
    const before = hub.store.events.lastSeq();
    expect(() => setUpTrainingFloor(ctx, { date: '2026-12-01' })).toThrow(/fresh database/);
    expect(hub.store.events.lastSeq()).toBe(before);
  });

  it('writes a sheet with every station’s page and token and every officer’s PIN', () => {
    const sheet = trainingSheet(session, hub.url);
    expect(sheet).toMatch(/^=+\n\*\*\* LATIHAN \/ TRAINING/);
    for (const station of session.floor.stations) {
      expect(sheet).toContain(`${hub.url}${station.path}`);
      expect(sheet).toContain(station.token);
    }
    expect(sheet).toMatch(/petugas1\s+111111/);
    expect(sheet).toMatch(/spv\s+999999/);
    expect(sheet).toContain(session.floor.examples[0]?.bookingCode);
  });
});

describe('a floor that is not in training', () => {
  it('says so to its stations, and /healthz stays as it was', async () => {
    const t = await startTestHub();
    try {
      const me = await t.call('whoAmI', {}, t.pair('kiosk'));
      expect(me.body.training).toBe(false);
      expect(await (await fetch(`${t.hub.url}/healthz`)).json()).toEqual({
        ok: true,
        lastEvent: t.hub.store.events.lastSeq(),
      });
    } finally {
      await t.close();
    }
  });
});

describe('the training folder', () => {
  it('is emptied of Loket’s database files at every start and of nothing else', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-training-folder-'));
    try {
      const first = openTrainingFloor(folder, { startAt: at('2026-11-30', '07:50') });
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'the trainer’s notes');
      const second = openTrainingFloor(folder, { startAt: at('2026-11-30', '07:50') });
      expect(second.floor.stations[0]?.token).not.toBe(first.floor.stations[0]?.token);
      expect(fs.readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('the trainer’s notes');
      expect(fs.existsSync(path.join(folder, trainingMarkerFile))).toBe(true);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is refused when it holds a database that is not a training floor’s, which stays as it was', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-real-'));
    try {
      fs.writeFileSync(path.join(folder, databaseFileName), 'the real floor');
      expect(() => resetTrainingFolder(folder)).toThrow(NotATrainingFolder);
      expect(fs.readFileSync(path.join(folder, databaseFileName), 'utf8')).toBe('the real floor');
      expect(fs.existsSync(path.join(folder, trainingMarkerFile))).toBe(false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
