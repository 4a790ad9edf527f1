import { afterEach, describe, expect, it } from 'vitest';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { cut, text } from '../../drivers/ticket-printer/document.ts';
import type { Scan } from '../../drivers/scanner/scanner.ts';
import { DeviceManager, type DeviceState } from '../../src-main/devices/manager.ts';
import { DeviceRegistry } from '../../src-main/devices/registry.ts';
import type { StoredDevices } from '../../src-main/store/stations.ts';
import { ptyPair, waitFor, type PtyPair } from '../support/socat.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const slip = encodeEscPos({ blocks: [text('A2-001'), cut()] }, { columns: 48 });
const fast = { printerPollMs: 100, printerRetry: { initialDelayMs: 50, maxDelayMs: 200 } };

/** A manager with its state changes and scans recorded, closed after the test. */
async function managed(devices: ConstructorParameters<typeof DeviceManager>[0]) {
  const manager = new DeviceManager(devices, fast);
  const states: DeviceState[] = [];
  const scans: Scan[] = [];
  manager.on('state', (state) => states.push(state));
  manager.on('scan', (scan) => scans.push(scan));
  cleanups.push(() => manager.close());
  await manager.start();
  const now = (slot: DeviceState['slot']) => manager.list().find((d) => d.slot === slot);
  return { manager, states, scans, now };
}

describe("a station's device manager", () => {
  it('shows the printer ready, busy while a ticket prints, and ready again', async () => {
    const sim = await PrinterSimulator.start();
    cleanups.push(() => sim.stop());
    const { manager, states, now } = await managed({
      ticketPrinter: { transport: 'tcp', host: '127.0.0.1', port: sim.port },
      scanner: { transport: 'wedge' },
    });
    expect(now('ticketPrinter')).toMatchObject({ state: 'ready', address: `tcp://127.0.0.1:${sim.port}` });
    const outcome = await manager.print(slip);
    expect(outcome.printed).toBe(true);
    expect(states.map((s) => s.state)).toEqual(['ready', 'busy', 'ready']);
    // The wedge is read by the page: the manager does not pretend to know its state.
    expect(manager.list().map((d) => d.slot)).toEqual(['ticketPrinter']);
  });

  it('says what is wrong with the printer as it happens, and when it is fixed', async () => {
    const sim = await PrinterSimulator.start();
    cleanups.push(() => sim.stop());
    const { now } = await managed({
      ticketPrinter: { transport: 'tcp', host: '127.0.0.1', port: sim.port },
      scanner: { transport: 'wedge' },
    });
    sim.set({ paper: 'near_end' });
    await waitFor(() => now('ticketPrinter')?.warning !== null);
    expect(now('ticketPrinter')).toMatchObject({
      state: 'ready',
      warning: { en: 'The printer paper is nearly out.' },
    });
    sim.set({ paper: 'out' });
    await waitFor(() => now('ticketPrinter')?.state === 'error');
    expect(now('ticketPrinter')?.problem?.id).toBe('Kertas printer tiket habis.');
    sim.set({ paper: 'ok', coverOpen: true });
    await waitFor(() => now('ticketPrinter')?.problem?.en === 'The ticket printer cover is open.');
    sim.set({ coverOpen: false, answering: false });
    await waitFor(() => now('ticketPrinter')?.problem?.en === 'The ticket printer does not answer.');
    sim.repair();
    await waitFor(() => now('ticketPrinter')?.state === 'ready');
  });

  it('reports an unplugged network printer as disconnected and finds it again by itself', async () => {
    const sim = await PrinterSimulator.start();
    const port = sim.port;
    const { now, states } = await managed({
      ticketPrinter: { transport: 'tcp', host: '127.0.0.1', port },
      scanner: { transport: 'wedge' },
    });
    await sim.stop();
    await waitFor(() => now('ticketPrinter')?.state === 'disconnected');
    expect(now('ticketPrinter')?.problem?.en).toMatch(/not connected/);
    // Back on the same address, as a printer switched on again is.
    const again = await PrinterSimulator.startOn(port);
    cleanups.push(() => again.stop());
    await waitFor(() => now('ticketPrinter')?.state === 'ready');
    expect(states.map((s) => s.state)).toEqual(['ready', 'disconnected', 'ready']);
  });

  it('hands on what a serial scanner reads, and shows it unplugged and back', async () => {
    const pair: PtyPair = await ptyPair();
    cleanups.push(() => pair.dispose());
    const { now, scans } = await managed({
      ticketPrinter: null,
      scanner: { transport: 'serial', path: pair.host },
    });
    expect(now('scanner')).toMatchObject({ state: 'ready', address: `serial://${pair.host}` });
    pair.write('MPDPS-00001\r');
    await waitFor(() => scans.length === 1);
    expect(scans[0]?.text).toBe('MPDPS-00001');
    await pair.stop();
    await waitFor(() => now('scanner')?.state === 'disconnected');
    expect(now('scanner')?.problem?.id).toMatch(/Pemindai tidak terhubung/);
    await pair.start();
    await waitFor(() => now('scanner')?.state === 'ready');
    pair.write('MPDPS-00002\r');
    await waitFor(() => scans.length === 2);
    expect(scans[1]?.text).toBe('MPDPS-00002');
  });

  it('runs the simulators: scans on command, a printer that keeps what it printed and fails on command', async () => {
    const { manager, scans, now } = await managed({
      ticketPrinter: { transport: 'simulator' },
      scanner: { transport: 'simulator' },
    });
    expect(manager.scannerSimulator?.scan('MPDPS-00003')).toBe(true);
    expect(scans.map((s) => s.text)).toEqual(['MPDPS-00003']);
    expect((await manager.print(slip)).printed).toBe(true);
    expect(manager.printerSimulator?.jobs[0]?.decoded.text).toContain('A2-001');
    manager.printerSimulator?.set({ paper: 'out' });
    expect(await manager.print(slip)).toMatchObject({ printed: false, problem: 'paper_out', sent: false });
    manager.scannerSimulator?.unplug();
    expect(now('scanner')?.state).toBe('disconnected');
    expect(manager.scannerSimulator?.scan('MPDPS-00004')).toBe(false);
  });
});

describe('USB hot-plug and the device manager', () => {
  it('reopens a scanner as soon as a device node appears, not at the end of its back-off', async () => {
    const pair: PtyPair = await ptyPair();
    cleanups.push(() => pair.dispose());
    const nudges = new Set<() => void>();
    const hotplug = {
      mode: 'watch' as const,
      subscribe: (listener: () => void) => (nudges.add(listener), () => nudges.delete(listener)),
      close: () => nudges.clear(),
    };
    const manager = new DeviceManager(
      { ticketPrinter: null, scanner: { transport: 'serial', path: pair.host } },
      { hotplug },
    );
    cleanups.push(() => manager.close());
    await manager.start();
    const scanner = () => manager.list().find((d) => d.slot === 'scanner')?.state;
    await pair.stop();
    await waitFor(() => scanner() === 'disconnected');
    // Tries at 0.5 s and 1.5 s find nothing; the next would come 2 s later.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await pair.start();
    const plugged = Date.now();
    for (const nudge of nudges) nudge();
    await waitFor(() => scanner() === 'ready', 1500);
    expect(Date.now() - plugged).toBeLessThan(1500);
  });
});

describe('the registry of the devices a hub drives', () => {
  it('opens a station configured after the start, replaces a changed one and closes a removed one', async () => {
    let stored: StoredDevices[] = [{ stationId: 'k1', ticketPrinter: null, scanner: null }];
    const changes: [string, string, string][] = [];
    const problems: string[] = [];
    const registry = new DeviceRegistry(
      () => stored,
      {
        stateChanged: (station, state) => changes.push([station, state.slot, state.state]),
        scanned: () => undefined,
        invalid: (station, problem) => problems.push(`${station}: ${problem}`),
      },
      fast,
    );
    cleanups.push(() => registry.close());
    await registry.sync();
    expect(registry.states()).toEqual([]); // a wedge kiosk without a printer: nothing to drive

    stored = [
      { stationId: 'k1', ticketPrinter: { transport: 'simulator' }, scanner: { transport: 'simulator' } },
    ];
    await registry.sync();
    const manager = await registry.managerOf('k1');
    expect(manager?.list().map((d) => [d.slot, d.state])).toEqual([
      ['ticketPrinter', 'ready'],
      ['scanner', 'ready'],
    ]);

    stored = [{ stationId: 'k1', ticketPrinter: { transport: 'usb', path: 'relative' }, scanner: null }];
    await registry.sync();
    expect(await registry.managerOf('k1')).toBeNull();
    expect(problems).toEqual([expect.stringMatching(/^k1: ticketPrinter.path: a device path/)]);
    await registry.sync();
    expect(problems).toHaveLength(1); // reported once, not every sync

    stored = [];
    await registry.sync();
    expect(registry.states()).toEqual([]);
    expect(changes).toContainEqual(['k1', 'scanner', 'ready']);
  });
});
