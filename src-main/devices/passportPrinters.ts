import path from 'node:path';
import {
  openPassportPrinter,
  type PassportPrinter,
  type PassportPrinterOptions,
} from '../../drivers/passport-printer/printer.ts';
import { PassportPrinterSimulator } from '../../drivers/passport-printer/simulator.ts';

/** The folder of a training floor's data folder where its simulated passport printers keep their pages. */
export const trainingDataPagesFolder = 'printed-data-pages';

/**
 * The passport printers of the print stations a hub drives, opened from each station's stored
 * address (`loket station passport-printer ID ADDRESS`) and opened again when the address changes.
 * Every `simulator` station shares one simulated printer per station, kept for the hub's life so
 * the supervisor and the tests can look at what it printed. Given `simulatorPages` (a training
 * floor's data folder), each simulated printer keeps every data page it printed there as a PDF
 * file, one folder per station, where the simulated document reader reads it back.
 */
export class PassportPrinters {
  private readonly open = new Map<string, { address: string; printer: PassportPrinter }>();
  private readonly simulators = new Map<string, PassportPrinterSimulator>();

  constructor(
    private readonly addressOf: (stationId: string) => string | null,
    private readonly options: PassportPrinterOptions = {},
    private readonly simulatorPages?: string,
  ) {}

  printerFor(stationId: string): PassportPrinter | null {
    const address = this.addressOf(stationId);
    const current = this.open.get(stationId);
    if (current && current.address === address) return current.printer;
    if (current) {
      void current.printer.close();
      this.open.delete(stationId);
    }
    if (!address) return null;
    const printer = openPassportPrinter(address, { ...this.options, simulator: this.simulatorOf(stationId) });
    this.open.set(stationId, { address, printer });
    return printer;
  }

  /** The simulated printer behind a station whose address is `simulator`. */
  simulatorOf(stationId: string): PassportPrinterSimulator {
    let simulator = this.simulators.get(stationId);
    if (!simulator) {
      simulator = new PassportPrinterSimulator(
        this.simulatorPages ? { outputDir: path.join(this.simulatorPages, stationId) } : {},
      );
      this.simulators.set(stationId, simulator);
    }
    return simulator;
  }

  /** The file of the last data page a station's simulated printer printed for a job, if it kept one. */
  printedPage(stationId: string, jobId: string): string | null {
    if (this.addressOf(stationId) !== 'simulator') return null;
    const pages = this.simulators.get(stationId)?.printed.filter((p) => p.jobId === jobId && p.file) ?? [];
    return pages.at(-1)?.file ?? null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map(({ printer }) => printer.close()));
    this.open.clear();
  }
}
