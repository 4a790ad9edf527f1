import type { EventEmitter } from 'node:events';
import { HidPosScanner } from '../../drivers/scanner/hid.ts';
import { SerialScanner } from '../../drivers/scanner/serial.ts';
import type { ScannerEvents } from '../../drivers/scanner/scanner.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulator.ts';
import type { StatusCheckedPrinter } from '../../drivers/ticket-printer/printer.ts';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { openTcpPrinter } from '../../drivers/ticket-printer/tcp.ts';
import { openSerialPrinter } from '../../drivers/ticket-printer/serial.ts';
import { openDeviceFilePrinter } from '../../drivers/ticket-printer/deviceFile.ts';
import type { PrinterConfig, ScannerConfig, StationDevices } from './config.ts';

/** What the device manager needs of any scanner driver. */
export type ScannerDriver = EventEmitter<ScannerEvents> & {
  open(): Promise<void>;
  close(): Promise<void>;
  /** Cuts a reopening wait short when a device node appears. */
  retryNow?(): void;
};

export interface OpenedDrivers {
  printer: StatusCheckedPrinter | null;
  scanner: ScannerDriver | null;
  /** Set when the printer is Loket's own simulator: what it printed, and failures on command. */
  printerSimulator: PrinterSimulator | null;
  scannerSimulator: SimulatedScanner | null;
  close(): Promise<void>;
}

/** The drivers for a station's configured devices, not yet asked anything. The wedge is the page's. */
export async function openDrivers(devices: StationDevices): Promise<OpenedDrivers> {
  const printerSimulator =
    devices.ticketPrinter?.transport === 'simulator' ? await PrinterSimulator.start() : null;
  const printer = devices.ticketPrinter ? printerDriver(devices.ticketPrinter, printerSimulator) : null;
  const scannerSimulator = devices.scanner.transport === 'simulator' ? new SimulatedScanner() : null;
  const scanner = scannerSimulator ?? scannerDriver(devices.scanner);
  return {
    printer,
    scanner,
    printerSimulator,
    scannerSimulator,
    async close() {
      await Promise.all([printer?.close(), scanner?.close(), printerSimulator?.stop()]);
    },
  };
}

function printerDriver(config: PrinterConfig, simulator: PrinterSimulator | null): StatusCheckedPrinter {
  switch (config.transport) {
    case 'tcp':
      return openTcpPrinter({ host: config.host, port: config.port });
    case 'simulator':
      return openTcpPrinter({ host: simulator!.host, port: simulator!.port });
    case 'serial': {
      const { transport: _transport, logo: _logo, ...options } = config;
      return openSerialPrinter(options);
    }
    case 'usb':
      return openDeviceFilePrinter({
        path: config.path,
        ...(config.status ? { status: config.status } : {}),
      });
  }
}

function scannerDriver(config: ScannerConfig): ScannerDriver | null {
  switch (config.transport) {
    case 'wedge':
    case 'simulator':
      return null;
    case 'serial': {
      const { transport: _transport, ...options } = config;
      return new SerialScanner(options);
    }
    case 'hid': {
      const { transport: _transport, ...options } = config;
      return new HidPosScanner(options);
    }
  }
}
