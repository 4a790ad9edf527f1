import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLogo } from '../../drivers/ticket-printer/logo.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { DeviceManager } from '../../src-main/devices/manager.ts';
import { withOwnDevices } from '../../src-main/station/ownDevices.ts';
import { hubClient, type HubClient } from '../../src-main/station/hubClient.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { serialPrinterOnPty, type PtyPrinter } from '../support/ptyPrinter.ts';
import { waitFor } from '../support/socat.ts';

/**
 * A desktop kiosk on a multi-PC floor: its printer and scanner are in its own cabinet, on its own
 * PC's ports, and the hub runs elsewhere. The station drives them and tells the hub.
 */
let t: TestHub;
let printer: PtyPrinter;
let manager: DeviceManager;
let kiosk: HubClient;
let stop: () => void;
let token: string;
const logged: string[] = [];

beforeEach(async () => {
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([sampleAppointment(1), sampleAppointment(2)]),
  });
  token = t.pair('kiosk', 'Kiosk pintu utama');
  printer = await serialPrinterOnPty();
  manager = new DeviceManager(
    { ticketPrinter: { transport: 'serial', path: printer.pair.host }, scanner: { transport: 'simulator' } },
    { printerPollMs: 100, printerRetry: { initialDelayMs: 50, maxDelayMs: 200 } },
  );
  await manager.start();
  const own = withOwnDevices(hubClient(t.hub.url, token), manager, {
    logo: loadLogo(),
    log: (line) => logged.push(line),
  });
  kiosk = own.hub;
  stop = own.stop;
});

afterEach(async () => {
  stop();
  await manager.close();
  await printer.dispose();
  await t.close();
});

/** What the hub answered; fails the test when it refused. */
async function value(name: string, input: unknown): Promise<any> {
  const answer = await kiosk.call(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message.en}`);
  return answer.value;
}

const stationDevices = () => value('stationDevices', {});

describe("a desktop station's own devices, with the hub on another PC", () => {
  it('prints the ticket on its own printer, with the logo, and the hub records the print', async () => {
    const ticketId = (await value('checkIn', { text: 'MPDPS-00001' })).id as string;
    const printed = await kiosk.call('printTicket', { ticketId });
    expect(printed).toMatchObject({ ok: true, value: { printed: true, reprint: 0, number: 'A2-001' } });
    const [job] = await printer.simulator.waitForJobs(1);
    expect(job?.decoded.text.join('\n')).toContain('A2-001');
    expect(job?.decoded.images).toEqual([{ width: 384, height: 96 }]);
    expect(t.hub.store.tickets.printsOf(ticketId)).toEqual({ printed: 1, attempts: 1 });

    // Reprints count on the hub as for any kiosk: twice, then the help desk.
    for (const reprint of [1, 2]) expect(await value('printTicket', { ticketId })).toMatchObject({ reprint });
    expect(await kiosk.call('printTicket', { ticketId })).toMatchObject({
      ok: false,
      error: { code: 'REPRINT_LIMIT' },
    });
    // A serial job ends when the line goes quiet: wait for the third, then see that no fourth came.
    await printer.simulator.waitForJobs(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.simulator.jobs).toHaveLength(3);
  });

  it('shows the hub how its devices are, and a printer that fails as a failed print on the hub', async () => {
    await waitFor(() => t.hub.devices.statesOf(t.hub.store.stations.list()[0]?.id as string)?.length === 2);
    expect(await stationDevices()).toMatchObject({
      driven: true,
      devices: [
        { slot: 'ticketPrinter', state: 'ready' },
        { slot: 'scanner', state: 'ready' },
      ],
    });
    printer.simulator.set({ paper: 'out' });
    const ticketId = (await value('checkIn', { text: 'MPDPS-00002' })).id as string;
    expect(await value('printTicket', { ticketId })).toMatchObject({
      printed: false,
      problem: 'paper_out',
      message: { en: 'The printer is out of paper.' },
    });
    expect(t.hub.store.tickets.printsOf(ticketId)).toEqual({ printed: 0, attempts: 1 });
    const kioskId = t.hub.store.stations.list()[0]?.id as string;
    await waitFor(() => t.hub.devices.statesOf(kioskId)?.[0]?.state === 'error');
    expect((await stationDevices()).devices[0]).toMatchObject({ slot: 'ticketPrinter', state: 'error' });
    const logged = t.hub.store.events.readAfter(0, 1000).filter((e) => e.type === 'device.state');
    expect(logged.at(-1)?.payload).toMatchObject({ slot: 'ticketPrinter', state: 'error' });
  });
});
