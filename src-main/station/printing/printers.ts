import { openTcpPrinter } from '../../../drivers/ticket-printer/tcp.ts';
import type { TicketPrinter } from '../../../drivers/ticket-printer/printer.ts';
import type { TicketPrinterConfig } from '../../store/stations.ts';

/**
 * The ticket printers this runtime drives, one per configured address: the hub drives the
 * printers of browser kiosks, an Electron kiosk its own. A changed address gets a new printer.
 */
export class TicketPrinters {
  private readonly printers = new Map<string, TicketPrinter>();

  for(config: TicketPrinterConfig): TicketPrinter {
    const key = `${config.transport}://${config.host}:${config.port}`;
    let printer = this.printers.get(key);
    if (!printer) {
      printer = openTcpPrinter({ host: config.host, port: config.port });
      this.printers.set(key, printer);
    }
    return printer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.printers.values()].map((printer) => printer.close()));
    this.printers.clear();
  }
}
