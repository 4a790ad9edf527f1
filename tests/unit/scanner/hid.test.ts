import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HidPosScanner,
  listHidDevices,
  listHidScanners,
  type HidBackend,
  type HidDeviceInfo,
  type HidPosScannerOptions,
} from '../../../drivers/scanner/hid.ts';
import type { Scan, ScannerError, ScannerStatus } from '../../../drivers/scanner/scanner.ts';

/**
 * The real driver against a fake HID bus: devices that emit input reports the size and shape a
 * Honeywell or Access-IS scanner sends in HID-POS mode, and a device list the test unplugs and
 * plugs back in. Fake timers make the timeouts and the back-off exact.
 */

const reportSize = 64;
/** Report id, count, 3 AIM bytes … data … vendor's own symbology byte, reserved, flags. */
const dataPerReport = reportSize - 8;

/** The reports a scanner sends for one code: 56 data bytes a report, NUL-padded, "more" in the last byte. */
function posReports(code: string | Buffer, aim = ']Q1'): Buffer[] {
  const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code;
  const reports: Buffer[] = [];
  for (let start = 0; start < bytes.length || reports.length === 0; start += dataPerReport) {
    const chunk = bytes.subarray(start, start + dataPerReport);
    const report = Buffer.alloc(reportSize);
    report[0] = 0x02;
    report[1] = chunk.length;
    report.write(aim, 2, 'latin1');
    chunk.copy(report, 5);
    report[reportSize - 3] = 0x73; // Honeywell's own code id ('s'), which the driver does not need
    report[reportSize - 1] = start + dataPerReport < bytes.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

/** Behaves like a node-hid HIDAsync device: 'data' with each input report, 'error' when it goes away. */
class FakeHidDevice extends EventEmitter {
  closed = false;
  constructor(readonly path: string) {
    super();
  }
  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
  }
  send(...reports: Buffer[]): void {
    for (const report of reports) this.emit('data', report);
  }
  scan(code: string | Buffer, aim?: string): void {
    this.send(...posReports(code, aim));
  }
}

const voyager = (overrides: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  path: '/dev/hidraw3',
  serialNumber: '21350B4C7D',
  manufacturer: 'Honeywell Imaging & Mobility',
  product: 'Voyager 1470g',
  release: 0x0100,
  interface: 0,
  usagePage: 0x8c,
  usage: 0x02,
  ...overrides,
});

/** The station's USB: what `devices()` lists right now, and every device opened. */
class FakeHidBus implements HidBackend {
  opened: FakeHidDevice[] = [];
  /** When `devices()` was called (fake ms). */
  lookups: number[] = [];
  listingFails: Error | null = null;
  openFails: Error | null = null;

  constructor(public listed: HidDeviceInfo[] = [voyager()]) {}

  devices(): HidDeviceInfo[] {
    this.lookups.push(Date.now());
    if (this.listingFails) throw this.listingFails;
    return this.listed.map((device) => ({ ...device }));
  }

  async open(path: string): Promise<FakeHidDevice> {
    if (this.openFails) throw this.openFails;
    if (!this.listed.some((d) => d.path === path)) throw new Error(`could not open device ${path}`);
    const device = new FakeHidDevice(path);
    this.opened.push(device);
    return device;
  }

  /** The device opened last. */
  get device(): FakeHidDevice {
    const device = this.opened.at(-1);
    if (!device) throw new Error('nothing was opened');
    return device;
  }

  /** The cable comes out: the device leaves the list and its pending read fails. */
  unplug(path = '/dev/hidraw3'): void {
    this.listed = this.listed.filter((d) => d.path !== path);
    for (const device of this.opened.filter((d) => d.path === path && !d.closed))
      device.emit('error', new Error('could not read from HID device'));
  }

  plug(device: HidDeviceInfo = voyager()): void {
    this.listed.push(device);
  }
}

interface Rig {
  bus: FakeHidBus;
  scanner: HidPosScanner;
  scans: Scan[];
  statuses: ScannerStatus[];
  errors: ScannerError[];
  texts(): string[];
}

const scanners: HidPosScanner[] = [];

async function rig(options: Partial<HidPosScannerOptions> = {}, bus = new FakeHidBus()): Promise<Rig> {
  const scanner = new HidPosScanner(
    { vendorId: 0x0c2e, productId: 0x0b8f, now: () => Date.now(), ...options },
    bus,
  );
  const r: Rig = {
    bus,
    scanner,
    scans: [],
    statuses: [],
    errors: [],
    texts: () => r.scans.map((s) => s.text),
  };
  scanner.on('scan', (scan) => r.scans.push(scan));
  scanner.on('status', (status) => r.statuses.push(status));
  scanner.on('error', (error) => r.errors.push(error));
  scanners.push(scanner);
  await scanner.open();
  return r;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const scanner of scanners.splice(0)) await scanner.close();
  vi.useRealTimers();
});

describe('a HID-POS scanner at the kiosk', () => {
  it('hands on a QR booking code from one report, with its symbology', async () => {
    const r = await rig();
    expect(r.statuses).toEqual(['ready']);
    expect(r.bus.device.path).toBe('/dev/hidraw3');

    r.bus.device.scan('MPDPS-00001', ']Q1');
    expect(r.scans).toEqual([
      { text: 'MPDPS-00001', at: Date.now(), symbology: { aim: ']Q1', name: 'QR Code' } },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('puts a long M-Paspor QR split over three reports back together, a name cut mid-letter and all', async () => {
    const r = await rig();
    const payload =
      '{"kode":"MPDPS-00002","nama":"Ni Luh Putu Ayu Dewi Widyāsari","layanan":"Paspor Biasa 48 Halaman",' +
      '"jadwal":"2025-03-14T09:30+08:00","kanim":"Denpasar"}';
    const reports = posReports(payload);
    expect(reports).toHaveLength(3);
    // The 'ā' straddles the first and second report.
    expect(Buffer.from(payload).indexOf(Buffer.from('ā'))).toBe(dataPerReport - 1);

    r.bus.device.send(reports[0]!);
    await vi.advanceTimersByTimeAsync(4);
    r.bus.device.send(reports[1]!);
    await vi.advanceTimersByTimeAsync(4);
    expect(r.scans).toEqual([]);
    r.bus.device.send(reports[2]!);
    expect(r.texts()).toEqual([payload]);
    expect(r.scans[0]!.symbology).toEqual({ aim: ']Q1', name: 'QR Code' });
  });

  it('never lets the padding after a code into it, even from a scanner that counts the padding', async () => {
    const r = await rig();
    r.bus.device.scan('B-042', ']C0');
    const sloppy = posReports('B-043', ']C0')[0]!;
    sloppy[1] = dataPerReport; // the count takes in the 51 NULs after the code
    r.bus.device.send(sloppy);
    expect(r.texts()).toEqual(['B-042', 'B-043']);
    expect(r.scans.map((s) => s.symbology?.name)).toEqual(['Code 128', 'Code 128']);
    expect(r.errors).toEqual([]);
  });

  it('hands on two codes read back to back as two scans, each with its own symbology', async () => {
    const r = await rig();
    r.bus.device.send(...posReports('8991234567890', ']E0'), ...posReports('X1234567', ']d2'));
    expect(r.scans.map((s) => [s.text, s.symbology])).toEqual([
      ['8991234567890', { aim: ']E0', name: 'EAN-13' }],
      ['X1234567', { aim: ']d2', name: 'Data Matrix' }],
    ]);
  });

  it('names the symbologies a passport office meets', async () => {
    const r = await rig();
    for (const aim of [']L2', ']A0', ']z0', ']I1', ']C1', ']E4', ']Y9']) r.bus.device.scan('A12345', aim);
    expect(r.scans.map((s) => s.symbology?.name)).toEqual([
      'PDF417',
      'Code 39',
      'Aztec',
      'Interleaved 2 of 5',
      'GS1-128',
      'EAN-8',
      'Unknown',
    ]);
  });

  it('drops a code whose next report never comes, and keeps it out of the next scan', async () => {
    const r = await rig();
    r.bus.device.send(posReports('Q'.repeat(100))[0]!); // says "more follows", then nothing
    await vi.advanceTimersByTimeAsync(150);
    expect(r.errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.errors.map((e) => [e.code, e.detail])).toEqual([['incomplete', `${dataPerReport} bytes`]]);
    expect(r.errors[0]!.message.id).toBe('Pindaian tidak lengkap dan dibuang.');

    r.bus.device.scan('MPDPS-00003');
    expect(r.texts()).toEqual(['MPDPS-00003']);
  });

  it('discards bytes that are not text, with the serial driver’s message, and reads the next code', async () => {
    const r = await rig();
    r.bus.device.scan(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x41]));
    r.bus.device.scan('MPDPS\x1b00004');
    r.bus.device.scan('MPDPS-00005');
    expect(r.texts()).toEqual(['MPDPS-00005']);
    expect(r.errors.map((e) => e.code)).toEqual(['garbled', 'garbled']);
    expect(r.errors[0]!.message).toEqual({
      id: 'Data pemindai rusak dan dibuang.',
      en: 'The scanner sent unreadable data; it was discarded.',
    });
  });

  it('discards a code longer than maxLength and reads the next one', async () => {
    const r = await rig({ maxLength: 100 });
    r.bus.device.scan('A'.repeat(150));
    r.bus.device.scan('A'.repeat(100));
    expect(r.texts()).toEqual(['A'.repeat(100)]);
    expect(r.errors.map((e) => [e.code, e.detail])).toEqual([['overlong', '150 bytes']]);
    expect(r.errors[0]!.message.en).toBe('The scanner sent more data than any code holds; it was discarded.');
  });

  it('takes a CR suffix the scanner was set to add off the code', async () => {
    const r = await rig();
    r.bus.device.scan('MPDPS-00006\r\n');
    expect(r.texts()).toEqual(['MPDPS-00006']);
  });

  it('ignores reports of another kind, even in the middle of a long code', async () => {
    const r = await rig();
    const status = Buffer.alloc(reportSize);
    status[0] = 0x04;
    status.write('ANY DATA', 1);
    const [first, second] = posReports('K'.repeat(80), ']Q1');
    r.bus.device.send(status, first!, status, second!);
    expect(r.texts()).toEqual(['K'.repeat(80)]);
    expect(r.errors).toEqual([]);
  });

  it('reads a scanner with unnumbered reports, no AIM identifier and its flag elsewhere, once configured', async () => {
    const r = await rig({
      layout: { reportId: null, symbology: false, continuation: { offset: 60, mask: 0x80 } },
    });
    const report = (data: string, more: boolean) => {
      const bytes = Buffer.alloc(63);
      bytes[0] = data.length;
      bytes.write(data, 1);
      bytes[60] = more ? 0x80 : 0x01; // bit 0 here means something else to this scanner
      return bytes;
    };
    r.bus.device.send(report('MPDPS-', true), report('00007', false));
    expect(r.scans.map(({ text, symbology }) => ({ text, symbology }))).toEqual([
      { text: 'MPDPS-00007', symbology: undefined },
    ]);
  });

  it('never throws when nobody listens for its errors', async () => {
    const bus = new FakeHidBus();
    const scanner = new HidPosScanner({ path: '/dev/hidraw3' }, bus);
    scanners.push(scanner);
    const texts: string[] = [];
    scanner.on('scan', (scan) => texts.push(scan.text));
    await scanner.open();
    bus.device.scan(Buffer.from([0xff, 0xfe]));
    bus.device.scan('MPDPS-00008');
    expect(texts).toEqual(['MPDPS-00008']);
  });
});

describe('a HID-POS scanner unplugged and plugged back in', () => {
  it('says disconnected, looks for it less and less often, and is ready again when it is back', async () => {
    const r = await rig();
    r.bus.device.scan('MPDPS-00009');
    const first = r.bus.device;
    r.bus.device.send(posReports('Z'.repeat(70))[0]!); // half a code when the cable comes out

    const unpluggedAt = Date.now();
    r.bus.unplug();
    expect(r.statuses).toEqual(['ready', 'disconnected']);
    expect(r.scanner.status).toBe('disconnected');
    expect(first.closed).toBe(true);
    expect(r.errors.map((e) => e.code)).toEqual(['incomplete']);

    const lookupsBefore = r.bus.lookups.length;
    await vi.advanceTimersByTimeAsync(18_000);
    const gaps = [unpluggedAt, ...r.bus.lookups.slice(lookupsBefore)].map(
      (t, i, all) => t - (all[i - 1] ?? t),
    );
    expect(gaps.slice(1)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(r.statuses).toEqual(['ready', 'disconnected']);

    r.bus.plug(voyager({ path: '/dev/hidraw4' })); // Linux gives it another number
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.statuses).toEqual(['ready', 'disconnected', 'ready']);
    expect(r.bus.device.path).toBe('/dev/hidraw4');

    r.bus.device.scan('MPDPS-00010');
    expect(r.texts()).toEqual(['MPDPS-00009', 'MPDPS-00010']);
    expect(r.errors.map((e) => e.code)).toEqual(['incomplete']);
  });

  it('looks quickly again after the next unplug: the back-off starts over once it was back', async () => {
    const r = await rig();
    r.bus.unplug();
    await vi.advanceTimersByTimeAsync(8000);
    r.bus.plug();
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.statuses).toEqual(['ready', 'disconnected', 'ready']);

    r.bus.unplug();
    r.bus.plug();
    await vi.advanceTimersByTimeAsync(500);
    expect(r.statuses).toEqual(['ready', 'disconnected', 'ready', 'disconnected', 'ready']);
  });

  it('stops looking after close(), even when the scanner comes back', async () => {
    const r = await rig();
    r.bus.unplug();
    await vi.advanceTimersByTimeAsync(1000);
    await r.scanner.close();
    const lookups = r.bus.lookups.length;
    r.bus.plug();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(r.bus.lookups).toHaveLength(lookups);
    expect(r.statuses).toEqual(['ready', 'disconnected']);
  });

  it('closes the device on close()', async () => {
    const r = await rig();
    await r.scanner.close();
    expect(r.bus.device.closed).toBe(true);
    await expect(r.scanner.open()).rejects.toThrow('closed');
  });

  it('waits for a scanner that is not plugged in yet and opens it when it appears', async () => {
    const r = await rig({}, new FakeHidBus([]));
    expect(r.statuses).toEqual(['disconnected']);
    r.bus.plug();
    await vi.advanceTimersByTimeAsync(500);
    expect(r.statuses).toEqual(['disconnected', 'ready']);
  });
});

describe('choosing the scanner on a station', () => {
  const keyboardHalf = voyager({ path: '/dev/hidraw2', usagePage: 0x01, usage: 0x06 });
  const otherCounter = voyager({ path: '/dev/hidraw5', serialNumber: '21350B0001' });
  const zebra = voyager({ vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw6', serialNumber: 'S1' });

  it('opens the POS interface of the model asked for, not its keyboard half or another make', async () => {
    const r = await rig({}, new FakeHidBus([zebra, keyboardHalf, voyager()]));
    expect(r.bus.opened.map((d) => d.path)).toEqual(['/dev/hidraw3']);
  });

  it('does not take a scanner still set to keyboard mode for a POS scanner', async () => {
    const r = await rig({}, new FakeHidBus([keyboardHalf]));
    expect(r.statuses).toEqual(['disconnected']);
    expect(r.bus.opened).toEqual([]);
  });

  it('tells two scanners of one model apart by serial number', async () => {
    const r = await rig({ serialNumber: '21350B0001' }, new FakeHidBus([voyager(), otherCounter]));
    expect(r.bus.opened.map((d) => d.path)).toEqual(['/dev/hidraw5']);
  });

  it('opens a device that does not say its usage page (the libusb backend) when the ids match', async () => {
    const r = await rig({}, new FakeHidBus([zebra, voyager({ usagePage: 0, usage: 0 })]));
    expect(r.statuses).toEqual(['ready']);
  });

  it('opens the path it is given', async () => {
    const r = await rig({ path: '/dev/hidraw6' }, new FakeHidBus([voyager(), zebra]));
    expect(r.bus.opened.map((d) => d.path)).toEqual(['/dev/hidraw6']);
  });

  it('refuses a scanner with neither a path nor its vendor and product id', () => {
    expect(() => new HidPosScanner({ vendorId: 0x0c2e }, new FakeHidBus())).toThrow(/path, or its vendor/);
  });
});

describe('a station whose HID bus cannot be read', () => {
  it('says error with a clear message once, keeps trying, and is ready once HID works', async () => {
    const bus = new FakeHidBus();
    bus.listingFails = new Error('No native build was found for platform=linux arch=x64 runtime=node');
    const r = await rig({}, bus);
    expect(r.statuses).toEqual(['error']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'port',
      message: { en: 'HID devices cannot be listed: the HID module (node-hid) is missing or not working.' },
      detail: 'No native build was found for platform=linux arch=x64 runtime=node',
    });
    expect(r.errors[0]!.message.id).toMatch(/node-hid/);

    await vi.advanceTimersByTimeAsync(4000);
    expect(bus.lookups.length).toBeGreaterThanOrEqual(3);
    expect(r.errors).toHaveLength(1);

    bus.listingFails = null;
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.statuses).toEqual(['error', 'ready']);
  });

  it('says error when the scanner is listed but may not be opened (no udev rule)', async () => {
    const bus = new FakeHidBus();
    bus.openFails = new Error('could not open device');
    const r = await rig({}, bus);
    expect(r.statuses).toEqual(['error']);
    expect(r.errors.map((e) => [e.code, e.detail])).toEqual([['port', 'could not open device']]);
    expect(r.errors[0]!.message.en).toMatch(/cannot be opened/);
  });
});

describe('the HID devices of this machine, through node-hid', () => {
  it('loads node-hid only when asked, then lists the devices with POS scanners marked', async () => {
    vi.useRealTimers();
    const { cache } = createRequire(import.meta.url);
    const loaded = () => Object.keys(cache).some((file) => file.endsWith(`${sep}node-hid${sep}nodehid.js`));
    expect(loaded()).toBe(false); // importing hid.ts did not load it

    const devices = await listHidDevices();
    expect(loaded()).toBe(true);
    expect(Array.isArray(devices)).toBe(true); // this machine has no USB bus: likely empty
    for (const device of devices) expect(device.posScanner).toBe(device.usagePage === 0x8c);
    const scanners = await listHidScanners();
    expect(scanners.map((d) => d.path)).toEqual(devices.filter((d) => d.posScanner).map((d) => d.path));
  });

  it('marks the POS scanners among the devices a bus lists', async () => {
    const bus = new FakeHidBus([voyager({ path: '/dev/hidraw2', usagePage: 0x01, usage: 0x06 }), voyager()]);
    expect((await listHidDevices(bus)).map((d) => [d.path, d.posScanner])).toEqual([
      ['/dev/hidraw2', false],
      ['/dev/hidraw3', true],
    ]);
    expect((await listHidScanners(bus)).map((d) => d.path)).toEqual(['/dev/hidraw3']);
  });
});
