import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { listHidDevices } from '../../drivers/scanner/hid.ts';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import type { ServiceContext } from '../services/context.ts';
import { deviceAddress, printsLogo } from '../devices/config.ts';
import { logoOrNone } from '../../drivers/ticket-printer/logo.ts';
import { DeviceManager, type DeviceState } from '../devices/manager.ts';
import { readStoredDevices } from '../devices/registry.ts';
import { testTicketDocument } from '../documents/testTicket.ts';

type Write = (line: string) => void;

/** Where USB printer-class device files appear on Linux (the usblp driver). */
const usbPrinterDir = '/dev/usb';

/**
 * `loket devices list`: what this machine sees — serial ports (with their USB ids), HID devices
 * (POS scanners marked), USB printer device files — and the devices each station is configured with.
 */
export async function listDevices(ctx: ServiceContext | null, write: Write): Promise<number> {
  write('Serial ports:');
  try {
    const ports = await SerialPort.list();
    if (!ports.length) write('  (none)');
    for (const port of ports) {
      const ids = port.vendorId ? ` usb ${port.vendorId}:${port.productId}` : '';
      const who = [port.manufacturer, port.serialNumber].filter(Boolean).join(' ');
      write(`  serial://${port.path}${ids}${who ? `  ${who}` : ''}`);
    }
  } catch (error) {
    write(`  cannot list serial ports: ${(error as Error).message}`);
  }

  write('HID devices:');
  try {
    const devices = await listHidDevices();
    if (!devices.length) write('  (none)');
    for (const device of devices) {
      const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
      const mark = device.posScanner ? '  [HID-POS scanner]' : '';
      write(`  hid://${ids}  ${[device.manufacturer, device.product].filter(Boolean).join(' ')}${mark}`);
    }
  } catch (error) {
    write(`  cannot list HID devices: ${(error as Error).message}`);
  }

  write('USB printers:');
  const printers = fs.existsSync(usbPrinterDir)
    ? fs.readdirSync(usbPrinterDir).filter((name) => /^lp\d+$/.test(name))
    : [];
  if (!printers.length) write('  (none)');
  for (const name of printers) write(`  usb://${path.join(usbPrinterDir, name)}`);

  if (ctx) {
    write('Configured on stations:');
    const stations = new Map(ctx.store.stations.list().map((s) => [s.id, s]));
    let any = false;
    for (const stored of ctx.store.stations.devices()) {
      const devices = readStoredDevices(stored);
      const name = stations.get(stored.stationId)?.name ?? stored.stationId;
      if (typeof devices === 'string') {
        write(`  ${stored.stationId}  ${name}: unreadable configuration: ${devices}`);
        any = true;
        continue;
      }
      if (!devices.ticketPrinter && devices.scanner.transport === 'wedge') continue;
      any = true;
      const printer = devices.ticketPrinter ? deviceAddress(devices.ticketPrinter) : 'none';
      write(`  ${stored.stationId}  ${name}: printer ${printer}, scanner ${deviceAddress(devices.scanner)}`);
    }
    if (!any) write('  (none)');
  }
  return 0;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * `loket devices test STATION`: opens the station's configured devices as the hub would, prints a
 * test ticket on its printer and waits for one scan from its scanner. Exit 0 when every device
 * passed, 1 otherwise. A hub that is running holds serial ports itself: stop it first.
 */
export async function testDevices(
  ctx: ServiceContext,
  stationId: string,
  options: { only?: 'printer' | 'scanner'; timeoutMs: number },
  write: Write,
): Promise<number> {
  const station = ctx.store.stations.find(stationId);
  const stored = ctx.store.stations.devices().find((d) => d.stationId === stationId);
  if (!station || !stored) {
    write(`No active station ${stationId}.`);
    return 1;
  }
  const devices = readStoredDevices(stored);
  if (typeof devices === 'string') {
    write(`The devices of ${station.name} cannot be read: ${devices}`);
    return 1;
  }
  const testPrinter = options.only !== 'scanner' && devices.ticketPrinter !== null;
  const testScanner = options.only !== 'printer' && devices.scanner.transport !== 'wedge';
  if (!testPrinter && !testScanner) {
    write(
      `${station.name} has no ${options.only ?? 'device'} that Loket drives (a wedge scanner is the page's).`,
    );
    return 1;
  }
  const manager = new DeviceManager(
    {
      ticketPrinter: testPrinter ? devices.ticketPrinter : null,
      scanner: testScanner ? devices.scanner : { transport: 'wedge' },
    },
    { now: () => ctx.clock.now() },
  );
  const states: DeviceState[] = [];
  manager.on('state', (state) => states.push(state));
  const code = `LOKET-TEST-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  let passed = true;
  try {
    await manager.start();
    if (testPrinter && devices.ticketPrinter) {
      const office = ctx.store.office.get();
      const bytes = encodeEscPos(
        testTicketDocument({
          office: office.name,
          station: station.name,
          address: deviceAddress(devices.ticketPrinter),
          printedAt: new Date(ctx.clock.now()).toISOString().slice(0, 16).replace('T', ' '),
          code,
          logo: printsLogo(devices.ticketPrinter) ? logoOrNone(undefined, write) : undefined,
        }),
        { columns: 48 },
      );
      const outcome = await manager.print(bytes);
      if (outcome.printed) {
        write(
          `Printer ${deviceAddress(devices.ticketPrinter)}: test ticket printed (${outcome.bytesSent} bytes).`,
        );
        if (outcome.after.paperNearEnd) write('  The paper is nearly out.');
      } else {
        passed = false;
        write(`Printer ${deviceAddress(devices.ticketPrinter)}: not printed: ${outcome.message.en}`);
      }
    }
    if (testScanner) {
      const scanner = manager.list().find((d) => d.slot === 'scanner');
      if (scanner && scanner.state !== 'ready') {
        passed = false;
        write(
          `Scanner ${scanner.address}: ${scanner.state}${scanner.problem ? `: ${scanner.problem.en}` : ''}`,
        );
      } else {
        write(
          `Scanner ${deviceAddress(devices.scanner)}: scan any code${testPrinter ? ' (the test ticket has one)' : ''} within ${Math.round(options.timeoutMs / 1000)} s…`,
        );
        const scan = await new Promise<string | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), options.timeoutMs);
          manager.once('scan', (read) => {
            clearTimeout(timer);
            resolve(read.text);
          });
        });
        if (scan === null) {
          passed = false;
          write('  No scan arrived.');
        } else write(`  Read: ${JSON.stringify(scan)}${scan === code ? ' (the test ticket)' : ''}`);
      }
    }
  } finally {
    await manager.close();
  }
  return passed ? 0 : 1;
}
