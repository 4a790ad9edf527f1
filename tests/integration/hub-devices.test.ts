import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { EventClient } from '../support/events.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const clients: EventClient[] = [];

beforeAll(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv([sampleAppointment(1), sampleAppointment(2)]),
  });
  for (const [mode, name] of [
    ['kiosk', 'Kiosk 1'],
    ['kiosk', 'Kiosk 2'],
    ['supervisor', 'Supervisor'],
  ] as const) {
    tokens[name] = t.pair(mode, name);
    ids[name] = t.hub.store.stations.list().find((s) => s.name === name)?.id as string;
  }
  addUser(ctx, commandLine, { username: 'spv', name: 'Ibu Sari', role: 'supervisor', secret: '135790' });
  t.hub.store.stations.setTicketPrinter(ids['Kiosk 1'] as string, { transport: 'simulator' });
  t.hub.store.stations.setScanner(ids['Kiosk 1'] as string, { transport: 'simulator' });
  await t.hub.devices.sync();
  const signedIn = await t.call('signIn', { username: 'spv', secret: '135790' }, tokens.Supervisor as string);
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await t?.close();
});

async function follow(name: string): Promise<EventClient> {
  const client = await EventClient.connect(t.hub.url, tokens[name] as string, 0);
  clients.push(client);
  return client;
}

describe('devices the hub drives for a browser kiosk', () => {
  it("shows the kiosk its own devices and the supervisor everyone's, and no other station", async () => {
    const own = await t.call('stationDevices', {}, tokens['Kiosk 1'] as string);
    expect(own.body).toMatchObject({
      driven: true,
      devices: [
        { slot: 'ticketPrinter', state: 'ready', address: 'simulator' },
        { slot: 'scanner', state: 'ready', address: 'simulator' },
      ],
    });
    expect((await t.call('stationDevices', {}, tokens['Kiosk 2'] as string)).body).toEqual({
      driven: false,
      devices: [],
    });
    const floor = await t.call('floorDevices', {}, tokens.Supervisor as string);
    expect(floor.body.stations).toEqual([
      expect.objectContaining({ name: 'Kiosk 1', mode: 'kiosk', devices: expect.any(Array) }),
    ]);

    // The state changes are in the log, for the audit trail, and reach only the kiosk and the supervisor.
    const kiosk1 = await follow('Kiosk 1');
    const kiosk2 = await follow('Kiosk 2');
    const supervisor = await follow('Supervisor');
    const deviceEvents = (client: EventClient) => client.events().filter((e) => e.type === 'device.state');
    await kiosk1.waitFor((c) => deviceEvents(c).length >= 2, 'the kiosk device states');
    await supervisor.waitFor((c) => deviceEvents(c).length >= 2, 'the supervisor device states');
    await kiosk2.waitFor((c) => c.hello() !== undefined, 'hello');
    expect(deviceEvents(kiosk2)).toEqual([]);
  });

  it('turns the printer running out of paper into an error on the kiosk, and a refused print', async () => {
    const kiosk1 = await follow('Kiosk 1');
    await kiosk1.waitFor((c) => c.hello() !== undefined, 'hello');
    const after = kiosk1.hello()?.lastSeq ?? 0;
    const set = await t.call(
      'simulatePrinter',
      { stationId: ids['Kiosk 1'], condition: { paper: 'out' } },
      tokens.Supervisor as string,
    );
    expect(set.body.condition.paper).toBe('out');
    const ticket = await t.call('checkIn', { text: 'MPDPS-00001' }, tokens['Kiosk 1'] as string);
    const printed = await t.call('printTicket', { ticketId: ticket.body.id }, tokens['Kiosk 1'] as string);
    expect(printed.body).toMatchObject({ printed: false, problem: 'paper_out' });
    await kiosk1.waitFor(
      (c) => c.events().some((e) => e.seq > after && e.type === 'device.state'),
      'the printer error',
    );
    expect((await t.call('stationDevices', {}, tokens['Kiosk 1'] as string)).body.devices[0]).toMatchObject({
      slot: 'ticketPrinter',
      state: 'error',
      problem: { en: 'The ticket printer is out of paper.' },
    });
    await t.call(
      'simulatePrinter',
      { stationId: ids['Kiosk 1'], condition: { paper: 'ok' } },
      tokens.Supervisor as string,
    );
    const again = await t.call('printTicket', { ticketId: ticket.body.id }, tokens['Kiosk 1'] as string);
    expect(again.body).toMatchObject({ printed: true });
  });

  it("sends a simulated scan to that kiosk's pages only", async () => {
    const kiosk1 = await follow('Kiosk 1');
    const kiosk2 = await follow('Kiosk 2');
    await kiosk1.waitFor((c) => c.hello() !== undefined, 'hello');
    await kiosk2.waitFor((c) => c.hello() !== undefined, 'hello');
    const scanned = await t.call(
      'simulateScan',
      { stationId: ids['Kiosk 1'], text: 'MPDPS-00002' },
      tokens.Supervisor as string,
    );
    expect(scanned.body).toEqual({ scanned: true });
    await kiosk1.waitFor((c) => c.scans().length === 1, 'the scan');
    expect(kiosk1.scans()).toEqual(['MPDPS-00002']);
    expect(kiosk2.scans()).toEqual([]);
    // A station whose scanner is real is not the supervisor's to type into.
    const refused = await t.call(
      'simulateScan',
      { stationId: ids['Kiosk 2'], text: 'MPDPS-00001' },
      tokens.Supervisor as string,
    );
    expect(refused.status).toBe(409);
  });
});
