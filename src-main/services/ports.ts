import type { FingerprintReader, PreviewFrame } from '../../drivers/fingerprint/reader.ts';
import type { SbiSimulator } from '../../drivers/fingerprint/simulator.ts';
import type { PassportPrinter } from '../../drivers/passport-printer/printer.ts';
import type { SimulatedScanner } from '../../drivers/scanner/simulator.ts';
import type { PrintOutcome } from '../../drivers/ticket-printer/printer.ts';
import type { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import type { DeviceState } from '../devices/manager.ts';

/**
 * The seams the use cases call out through to the devices a runtime drives. `devices/` implements
 * them (the hub wires `DeviceRegistry`, `FingerprintReaders` and `PassportPrinters` into the
 * `ServiceContext`); a use case knows only these.
 */

/** One station's ticket printer and scanner, as the use cases print on them and the simulators' controls reach them. */
export interface StationDevicesPort {
  readonly hasPrinter: boolean;
  readonly printsLogo: boolean;
  print(bytes: Uint8Array): Promise<PrintOutcome>;
  /** Asks the printer for its status now, rather than at the next poll. */
  checkPrinter(): Promise<void>;
  readonly printerSimulator: PrinterSimulator | null;
  readonly scannerSimulator: SimulatedScanner | null;
}

/** The ticket printers and scanners of the stations a runtime drives, and those stations report. */
export interface DevicesPort {
  managerOf(stationId: string): Promise<StationDevicesPort | null>;
  /** Follows the stored configuration now, rather than at the next look. */
  sync(): Promise<void>;
  report(stationId: string, states: DeviceState[]): void;
  states(): { stationId: string; devices: DeviceState[] }[];
  statesOf(stationId: string): DeviceState[] | null;
}

/** The interview counters' fingerprint readers. */
export interface FingerprintReadersPort {
  readerFor(stationId: string): Promise<FingerprintReader>;
  previewFrame(stationId: string): Promise<PreviewFrame | null>;
  simulatorOf(stationId: string): Promise<SbiSimulator | null>;
}

/** What the print station asks of a passport printer (drivers/passport-printer). */
export type PassportPrinterPort = Pick<PassportPrinter, 'print' | 'status'>;

/** The passport printers of the print stations a runtime drives. */
export interface PassportPrintersPort {
  printerFor(stationId: string): PassportPrinterPort | null;
  /** The file of the last data page a station's simulated printer printed for a job, if it kept one. */
  printedPage?(stationId: string, jobId: string): string | null;
}
