import { EventEmitter } from 'node:events';
import type { Bilingual } from '../domain/errors.ts';
import type { PrintOutcome } from '../../drivers/ticket-printer/printer.ts';
import type { PrinterStatus } from '../../drivers/ticket-printer/status.ts';
import type { Scan, ScannerError } from '../../drivers/scanner/scanner.ts';
import { deviceAddress, printsLogo, type DeviceSlot, type StationDevices } from './config.ts';
import { openDrivers, type OpenedDrivers, type ScannerDriver } from './drivers.ts';
import type { Hotplug } from './hotplug.ts';

/** What a screen shows of a device: the one word, and what to do about it. */
export type DeviceCondition = 'ready' | 'busy' | 'error' | 'disconnected';

export interface DeviceState {
  slot: DeviceSlot;
  transport: string;
  /** Where it is, as configured: `serial:///dev/ttyUSB0`, `tcp://10.0.0.21:9100`, `simulator`. */
  address: string;
  state: DeviceCondition;
  /** Why it is not ready, for the station's screen and the supervisor. */
  problem: Bilingual | null;
  /** Ready, but someone should look soon (paper near its end). */
  warning: Bilingual | null;
  /** When it entered this state (the manager's clock, ms since the epoch). */
  since: number;
}

export interface DeviceManagerEvents {
  state: [state: DeviceState];
  scan: [scan: Scan];
}

export interface DeviceManagerOptions {
  now?: () => number;
  /** How often a ready printer is asked for its status (DLE EOT). */
  printerPollMs?: number;
  /** Back-off while a printer cannot be reached: first wait, longest wait. */
  printerRetry?: { initialDelayMs: number; maxDelayMs: number };
  /** Device nodes appearing or going; without a USB bus the manager only polls. */
  hotplug?: Hotplug;
}

const printerMessages = {
  near_end: { id: 'Kertas printer hampir habis.', en: 'The printer paper is nearly out.' },
  unplugged: {
    id: 'Printer tiket tidak terhubung. Periksa kabel dan daya printer.',
    en: 'The ticket printer is not connected. Check its cable and power.',
  },
  no_answer: { id: 'Printer tiket tidak menjawab.', en: 'The ticket printer does not answer.' },
  paper_out: { id: 'Kertas printer tiket habis.', en: 'The ticket printer is out of paper.' },
  cover_open: { id: 'Penutup printer tiket terbuka.', en: 'The ticket printer cover is open.' },
  error: { id: 'Printer tiket mengalami gangguan.', en: 'The ticket printer reports an error.' },
  offline: { id: 'Printer tiket sedang offline.', en: 'The ticket printer is offline.' },
} satisfies Record<string, Bilingual>;

const scannerMessages = {
  disconnected: {
    id: 'Pemindai tidak terhubung. Periksa kabel pemindai.',
    en: 'The scanner is not connected. Check its cable.',
  },
  error: { id: 'Pemindai tidak dapat dibuka.', en: 'The scanner cannot be opened.' },
} satisfies Record<string, Bilingual>;

/** A printer status as the one word a screen shows. */
export function printerCondition(status: PrinterStatus): Pick<DeviceState, 'state' | 'problem' | 'warning'> {
  const warning = status.paperNearEnd ? printerMessages.near_end : null;
  switch (status.state) {
    case 'ready':
      return { state: 'ready', problem: null, warning };
    case 'paper_out':
    case 'cover_open':
    case 'error':
      return { state: 'error', problem: printerMessages[status.state], warning };
    case 'offline':
      if (status.unreachable === null) return { state: 'error', problem: printerMessages.offline, warning };
      // It answered nothing at all: unplugged, switched off, or the address is wrong.
      if (status.unreachable === 'no_answer' || status.unreachable === 'bad_reply')
        return { state: 'error', problem: printerMessages.no_answer, warning: null };
      return { state: 'disconnected', problem: printerMessages.unplugged, warning: null };
  }
}

/**
 * One station's devices: opens them, keeps their state (ready, busy, error, disconnected) and says
 * when it changes, hands on scans, and brings back what went away: the scanner drivers reopen
 * their ports with back-off, the printer is asked again with back-off while it cannot be reached,
 * and a device node appearing (USB hot-plug, where the machine has a bus) cuts the wait short.
 */
export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  readonly devices: StationDevices;
  private readonly now: () => number;
  private readonly states = new Map<DeviceSlot, DeviceState>();
  private drivers: OpenedDrivers | null = null;
  private printerTimer: NodeJS.Timeout | null = null;
  private printerDelayMs: number;
  private printing = 0;
  private closed = false;
  private readonly unhook: () => void;

  constructor(
    devices: StationDevices,
    private readonly options: DeviceManagerOptions = {},
  ) {
    super();
    this.devices = devices;
    this.now = options.now ?? Date.now;
    this.printerDelayMs = options.printerRetry?.initialDelayMs ?? 1000;
    this.unhook = options.hotplug?.subscribe(() => this.retryNow()) ?? (() => undefined);
  }

  /** Opens every configured device; resolves when each has had its first try. */
  async start(): Promise<void> {
    this.drivers = await openDrivers(this.devices);
    if (this.closed) return void (await this.closeDrivers());
    const { printer, scanner } = this.drivers;
    if (scanner) this.followScanner(scanner);
    if (printer) {
      printer.on('status', (status) => this.printerSeen(status));
      await this.askPrinter();
    }
    if (scanner) await scanner.open();
  }

  /** Every device this station drives and its state; the keyboard wedge is the page's own. */
  list(): DeviceState[] {
    return [...this.states.values()];
  }

  get hasPrinter(): boolean {
    return this.devices.ticketPrinter !== null;
  }

  /** Whether this station's tickets carry the logo (not on a slow serial line set `logo=0`). */
  get printsLogo(): boolean {
    return this.devices.ticketPrinter !== null && printsLogo(this.devices.ticketPrinter);
  }

  /** Prints on the station's printer, marked busy meanwhile; the printer's own rule decides. */
  async print(bytes: Uint8Array): Promise<PrintOutcome> {
    const printer = this.drivers?.printer;
    if (!printer) throw new Error('This station has no ticket printer open.');
    this.printing += 1;
    const current = this.states.get('ticketPrinter');
    if (current?.state === 'ready') this.set({ ...current, state: 'busy' });
    try {
      return await printer.print(bytes);
    } finally {
      this.printing -= 1;
      const after = this.states.get('ticketPrinter');
      if (after?.state === 'busy' && this.printing === 0) this.set({ ...after, state: 'ready' });
    }
  }

  get printerSimulator() {
    return this.drivers?.printerSimulator ?? null;
  }

  get scannerSimulator() {
    return this.drivers?.scannerSimulator ?? null;
  }

  /** Asks the printer for its status now, rather than at the next poll. */
  checkPrinter(): Promise<void> {
    return this.askPrinter();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unhook();
    if (this.printerTimer) clearTimeout(this.printerTimer);
    this.printerTimer = null;
    await this.closeDrivers();
  }

  private async closeDrivers(): Promise<void> {
    const drivers = this.drivers;
    this.drivers = null;
    if (drivers) await drivers.close();
  }

  private followScanner(scanner: ScannerDriver): void {
    const address = deviceAddress(this.devices.scanner);
    const { transport } = this.devices.scanner;
    scanner.on('scan', (scan) => this.emit('scan', scan));
    let lastError: ScannerError | null = null;
    scanner.on('error', (error) => {
      if (error.code === 'port') lastError = error;
    });
    scanner.on('status', (status) => {
      const problem =
        status === 'ready'
          ? null
          : status === 'disconnected'
            ? scannerMessages.disconnected
            : (lastError?.message ?? scannerMessages.error);
      this.set({ slot: 'scanner', transport, address, state: status, problem, warning: null });
    });
  }

  /** Asks the printer now, then again after the poll interval, or with back-off while it is away. */
  private async askPrinter(): Promise<void> {
    if (this.printerTimer) clearTimeout(this.printerTimer);
    this.printerTimer = null;
    const printer = this.drivers?.printer;
    if (!printer || this.closed) return;
    const status = await printer.status();
    if (this.closed) return;
    const retry = this.options.printerRetry ?? { initialDelayMs: 1000, maxDelayMs: 10_000 };
    let wait: number;
    if (printerCondition(status).state === 'disconnected') {
      wait = this.printerDelayMs;
      this.printerDelayMs = Math.min(this.printerDelayMs * 2, retry.maxDelayMs);
    } else {
      this.printerDelayMs = retry.initialDelayMs;
      wait = this.options.printerPollMs ?? 3000;
    }
    this.printerTimer ??= setTimeout(() => void this.askPrinter(), wait);
    this.printerTimer.unref();
  }

  private retryNow(): void {
    if (this.closed) return;
    if (this.states.get('ticketPrinter')?.state === 'disconnected') void this.askPrinter();
    if (this.states.get('scanner')?.state !== 'ready') this.drivers?.scanner?.retryNow?.();
  }

  private printerSeen(status: PrinterStatus): void {
    const printer = this.devices.ticketPrinter;
    if (!printer) return;
    const condition = printerCondition(status);
    this.set({
      slot: 'ticketPrinter',
      transport: printer.transport,
      address: deviceAddress(printer),
      ...condition,
      state: condition.state === 'ready' && this.printing > 0 ? 'busy' : condition.state,
    });
  }

  private set(next: Omit<DeviceState, 'since'>): void {
    const previous = this.states.get(next.slot);
    if (
      previous &&
      previous.state === next.state &&
      JSON.stringify([previous.problem, previous.warning]) === JSON.stringify([next.problem, next.warning])
    )
      return;
    const state = { ...next, since: this.now() };
    this.states.set(next.slot, state);
    this.emit('state', state);
  }
}
