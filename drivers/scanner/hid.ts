/**
 * Scanners in USB HID Point-of-Sale mode (usage page 0x8C, "Bar Code Scanner") through `node-hid`.
 * The scanner sends each code in fixed-size input reports: a byte count, the AIM symbology identifier,
 * the data, NUL padding and a flag saying whether the code goes on in the next report. This file
 * finds the device, puts its reports back together into scans, and reopens it with back-off when it
 * is unplugged. Domain-free: it hands on text, never a check-in.
 */
import { createRequire } from 'node:module';
import type * as NodeHid from 'node-hid';
import { defaultFrameOptions, type DropReason } from './frames.ts';
import {
  ReopeningScanner,
  dropMessages,
  type ReopenOptions,
  type Scan,
  type ScannerMessage,
} from './scanner.ts';

/** HID usage page "Bar Code Scanner" (HID Point of Sale Usage Tables 1.02, section 3). */
export const posUsagePage = 0x8c;

/** One entry of node-hid's `devices()`. */
export type HidDeviceInfo = NodeHid.Device;

/** What this driver uses of an open node-hid device (`HID.HIDAsync` or `HID.HID`). */
export interface HidDeviceLike {
  /** One input report; its first byte is the report id when the device numbers its reports. */
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  /** A failed read: the device went away. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  removeAllListeners(): unknown;
  close(): void | Promise<void>;
}

/** The HID bus: node-hid on a station, a fake in tests. */
export interface HidBackend {
  devices(): HidDeviceInfo[] | Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

/** Where the parts of a scanned-data input report sit; vendors mostly agree, see the README. */
export interface HidReportLayout {
  /** The report id of scanned-data reports (other reports are ignored); null: no report ids. */
  reportId: number | null;
  /** Three bytes of AIM symbology identifier (`]Q1`) between the byte count and the data. */
  symbology: boolean;
  /**
   * The "decode data continued" flag: its byte (from the start of the report, report id included;
   * negative counts from the end, -1 is the last byte) and bit mask. null: every report is a whole scan.
   */
  continuation: { offset: number; mask: number } | null;
}

export const defaultHidLayout: HidReportLayout = {
  reportId: 0x02,
  symbology: true,
  continuation: { offset: -1, mask: 0x01 },
};

/**
 * Which scanner: its `path` as `devices()` lists it, or its vendor and product id (and serial
 * number, when two of the same model hang on one station). Linux renumbers `/dev/hidraw*` on a
 * replug, so the ids are the steadier choice.
 */
export interface HidTarget {
  path?: string;
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
}

export type HidPosScannerOptions = HidTarget & {
  layout?: Partial<HidReportLayout>;
  /** Longest accepted scan in bytes. */
  maxLength?: number;
  /** A code split over several reports arrives in one go; a part quiet for longer is thrown away. */
  interReportTimeoutMs?: number;
  reopen?: Partial<ReopenOptions>;
  /** The clock scans are stamped with, in ms. */
  now?: () => number;
};

export type Symbology = NonNullable<Scan['symbology']>;

export type HidFrame =
  | { kind: 'scan'; text: string; symbology?: Symbology }
  | { kind: 'dropped'; reason: DropReason; bytes: number };

type Message = ScannerMessage;

const messages: Record<DropReason | 'list' | 'open', Message> = {
  ...dropMessages,
  incomplete: {
    id: 'Pindaian tidak lengkap dan dibuang.',
    en: 'A scan sent in several parts never ended; it was discarded.',
  },
  list: {
    id: 'Daftar perangkat HID tidak dapat dibaca; modul HID (node-hid) tidak ada atau tidak berfungsi.',
    en: 'HID devices cannot be listed: the HID module (node-hid) is missing or not working.',
  },
  open: {
    id: 'Pemindai HID terpasang tetapi tidak dapat dibuka (periksa hak akses).',
    en: 'The HID scanner is plugged in but cannot be opened (check access rights, e.g. a udev rule for /dev/hidraw*).',
  },
};

/** AIM symbology identifiers (ISO/IEC 15424): `]`, a code character, a modifier. */
const symbologyNames: Record<string, string> = {
  ']C1': 'GS1-128',
  ']E0': 'EAN-13',
  ']E4': 'EAN-8',
  A: 'Code 39',
  C: 'Code 128',
  E: 'EAN/UPC',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'Interleaved 2 of 5',
  L: 'PDF417',
  M: 'MSI',
  Q: 'QR Code',
  U: 'MaxiCode',
  X: 'Other',
  d: 'Data Matrix',
  e: 'GS1 DataBar',
  z: 'Aztec',
};

/** The symbology an AIM identifier names; undefined for bytes that are no identifier (zeros). */
export function symbologyOf(aim: string): Symbology | undefined {
  if (!/^\][\x21-\x7e]{2}$/.test(aim)) return undefined;
  return { aim, name: symbologyNames[aim] ?? symbologyNames[aim.charAt(1)] ?? 'Unknown' };
}

interface ReportPart {
  data: Buffer;
  more: boolean;
  symbology: Symbology | undefined;
}

/** One scanned-data report taken apart; null for a report of another kind. */
function readReport(report: Uint8Array, layout: HidReportLayout): ReportPart | null {
  let at = 0;
  if (layout.reportId !== null) {
    if (report[0] !== layout.reportId) return null;
    at = 1;
  }
  const dataStart = at + 1 + (layout.symbology ? 3 : 0);
  if (report.length < dataStart) return null;
  const count = report[at] ?? 0;
  const aim = layout.symbology ? Buffer.from(report.subarray(at + 1, dataStart)).toString('latin1') : '';
  const flag = layout.continuation;
  const flagAt = flag ? (flag.offset < 0 ? report.length + flag.offset : flag.offset) : -1;
  const more = flag !== null && ((report[flagAt] ?? 0) & flag.mask) !== 0;
  // Trust the count only as far as the data area goes; drop the NUL padding a sloppy count takes in.
  let end = Math.min(dataStart + count, flagAt >= dataStart ? flagAt : report.length);
  while (end > dataStart && report[end - 1] === 0) end -= 1;
  return { data: Buffer.from(report.subarray(dataStart, end)), more, symbology: symbologyOf(aim) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The pure part of the driver: input reports and their arrival times in, scans out. A code split
 * over several reports is put together; one whose next report never comes is dropped as
 * `incomplete` after `interReportTimeoutMs`, so it is never glued to the next scan.
 */
export class HidScanAssembler {
  readonly layout: HidReportLayout;
  readonly maxLength: number;
  readonly interReportTimeoutMs: number;
  private parts: Buffer[] = [];
  private length = 0;
  private symbology: Symbology | undefined;
  /** The last report said "more follows". */
  private continued = false;
  /** Over `maxLength`: the rest of this scan's reports are counted, not kept. */
  private skipping = false;
  private skipped = 0;
  private lastAt = -Infinity;

  constructor(options: Pick<HidPosScannerOptions, 'layout' | 'maxLength' | 'interReportTimeoutMs'> = {}) {
    this.layout = { ...defaultHidLayout, ...options.layout };
    this.maxLength = options.maxLength ?? defaultFrameOptions.maxLength;
    this.interReportTimeoutMs = options.interReportTimeoutMs ?? defaultFrameOptions.interCharTimeoutMs;
  }

  /** An input report as node-hid delivered it at `at` ms; returns the scans (and drops) it completes. */
  push(report: Uint8Array, at: number): HidFrame[] {
    const frames = this.tick(at);
    const part = readReport(report, this.layout);
    if (!part) return frames;
    this.lastAt = at;
    if (!this.continued) this.symbology = part.symbology;
    if (this.skipping) this.skipped += part.data.length;
    else {
      this.parts.push(part.data);
      this.length += part.data.length;
      // Room for a CR LF suffix, which complete() takes off.
      if (this.length > this.maxLength + 2) {
        this.skipping = true;
        this.skipped = this.length;
        this.parts = [];
      }
    }
    this.continued = part.more;
    if (!part.more) {
      const frame = this.complete();
      if (frame) frames.push(frame);
      this.reset();
    }
    return frames;
  }

  /** Throws away a continued scan whose next report has not come in time. */
  tick(now: number): HidFrame[] {
    if (!this.continued || now - this.lastAt <= this.interReportTimeoutMs) return [];
    const frame: HidFrame = this.skipping
      ? { kind: 'dropped', reason: 'overlong', bytes: this.skipped }
      : { kind: 'dropped', reason: 'incomplete', bytes: this.length };
    this.reset();
    return [frame];
  }

  /** True while a scan waits for its next report. */
  get pending(): boolean {
    return this.continued;
  }

  private complete(): HidFrame | null {
    if (this.skipping) return { kind: 'dropped', reason: 'overlong', bytes: this.skipped };
    let bytes = Buffer.concat(this.parts);
    // A scanner set to add a CR or CR LF suffix adds it here too; it is no part of the code.
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end -= 1;
    bytes = bytes.subarray(0, end);
    if (bytes.length === 0) return null;
    if (bytes.length > this.maxLength) return { kind: 'dropped', reason: 'overlong', bytes: bytes.length };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { kind: 'dropped', reason: 'garbled', bytes: bytes.length };
    }
    // As on a serial line: no code a kiosk reads holds a control character.
    if (bytes.some((byte) => byte < 0x20 || byte === 0x7f))
      return { kind: 'dropped', reason: 'garbled', bytes: bytes.length };
    return this.symbology ? { kind: 'scan', text, symbology: this.symbology } : { kind: 'scan', text };
  }

  private reset(): void {
    this.parts = [];
    this.length = 0;
    this.symbology = undefined;
    this.continued = false;
    this.skipping = false;
    this.skipped = 0;
  }
}

export const isPosScanner = (device: HidDeviceInfo): boolean => device.usagePage === posUsagePage;

/**
 * The listed device `target` means. By ids: an interface that reports another usage page (the
 * keyboard half of a composite scanner) is passed over; one that reports none (the libusb
 * backend) may still be the scanner, but one on 0x8C comes first.
 */
export function pickHidScanner(devices: HidDeviceInfo[], target: HidTarget): HidDeviceInfo | undefined {
  if (target.path !== undefined) return devices.find((d) => d.path === target.path);
  const candidates = devices.filter(
    (d) =>
      d.path &&
      d.vendorId === target.vendorId &&
      d.productId === target.productId &&
      (target.serialNumber === undefined || d.serialNumber === target.serialNumber) &&
      (!d.usagePage || d.usagePage === posUsagePage),
  );
  return candidates.find(isPosScanner) ?? candidates[0];
}

/**
 * One HID-POS scanner. Opens at `open()` and keeps itself open until `close()`: while the device is
 * not listed it reports `disconnected` and looks again after 0.5 s, 1 s, 2 s … every 5 s at most;
 * when the HID bus cannot be read, or the device is listed but will not open, it reports `error`
 * and keeps trying the same way. `error` events are only emitted while someone listens.
 */
export class HidPosScanner extends ReopeningScanner {
  readonly target: HidTarget;
  private readonly assembler: HidScanAssembler;
  private device: HidDeviceLike | null = null;

  constructor(
    options: HidPosScannerOptions,
    private readonly hid: HidBackend = nodeHidBackend,
  ) {
    const { path, vendorId, productId, serialNumber, layout, maxLength, interReportTimeoutMs, reopen, now } =
      options;
    super(reopen, now);
    if (path === undefined && (vendorId === undefined || productId === undefined))
      throw new Error('A HID scanner needs its path, or its vendor and product id.');
    this.target = path !== undefined ? { path } : { vendorId, productId, serialNumber };
    this.assembler = new HidScanAssembler({ layout, maxLength, interReportTimeoutMs });
  }

  get layout(): HidReportLayout {
    return this.assembler.layout;
  }

  protected async release(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (device) await closeQuietly(device);
  }

  protected async attempt(): Promise<void> {
    let found: HidDeviceInfo | undefined;
    try {
      found = pickHidScanner(await this.hid.devices(), this.target);
    } catch (error) {
      return this.failed('error', { message: messages.list, detail: errorText(error) });
    }
    if (this.closed) return;
    if (!found?.path) return this.failed('disconnected');
    let device: HidDeviceLike;
    try {
      device = await this.hid.open(found.path);
    } catch (error) {
      return this.failed('error', { message: messages.open, detail: errorText(error) });
    }
    if (this.closed) return closeQuietly(device);
    this.device = device;
    device.on('data', (report) => this.receive(report));
    device.on('error', () => this.deviceLost(device));
    device.on('close', () => this.deviceLost(device));
    this.opened();
  }

  private receive(report: Buffer): void {
    this.handle(this.assembler.push(report, this.now()));
    // Without another report nothing would look at a continued scan again: look once it is stale.
    this.watchStale(this.assembler.pending, this.assembler.interReportTimeoutMs, () =>
      this.handle(this.assembler.tick(this.now())),
    );
  }

  private handle(frames: HidFrame[]): void {
    const at = this.now();
    for (const frame of frames) {
      if (frame.kind === 'dropped') this.report(frame.reason, messages[frame.reason], `${frame.bytes} bytes`);
      else if (frame.symbology) this.emit('scan', { text: frame.text, at, symbology: frame.symbology });
      else this.emit('scan', { text: frame.text, at });
    }
  }

  /** node-hid says a device went away by failing its read; the device object is spent. */
  private deviceLost(device: HidDeviceLike): void {
    if (device !== this.device) return;
    this.device = null;
    void closeQuietly(device);
    // A scan half-sent when the cable came out must not be glued to the first one after.
    this.handle(this.assembler.tick(Infinity));
    this.lost();
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function closeQuietly(device: HidDeviceLike): Promise<void> {
  device.removeAllListeners();
  // node-hid may report the failed read once more while closing; unheard, an 'error' event throws.
  device.on('error', () => undefined);
  try {
    await device.close();
  } catch {
    // Closing a device that is already gone fails; there is nothing left to release.
  }
}

const requireHere = createRequire(import.meta.url);
let nodeHidModule: typeof NodeHid | null = null;

/** node-hid, loaded on first use: importing this file never loads the native module. */
function nodeHid(): typeof NodeHid {
  nodeHidModule ??= requireHere('node-hid') as typeof NodeHid;
  return nodeHidModule;
}

/** The real HID bus. A missing or broken native module shows as `devices()` throwing. */
export const nodeHidBackend: HidBackend = {
  devices: () => nodeHid().devicesAsync(),
  open: (path) => nodeHid().HIDAsync.open(path),
};

export type ListedHidDevice = HidDeviceInfo & { posScanner: boolean };

/** Every HID device on this machine, each marked whether it is a HID-POS scanner (usage page 0x8C). */
export async function listHidDevices(hid: HidBackend = nodeHidBackend): Promise<ListedHidDevice[]> {
  return (await hid.devices()).map((device) => ({ ...device, posScanner: isPosScanner(device) }));
}

/** The HID-POS scanners on this machine: the devices that report usage page 0x8C. */
export async function listHidScanners(hid: HidBackend = nodeHidBackend): Promise<HidDeviceInfo[]> {
  return (await hid.devices()).filter(isPosScanner);
}
