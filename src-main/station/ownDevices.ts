import { contract } from '../api/contract.ts';
import type { ImageBlock, PrintDocument } from '../../drivers/ticket-printer/document.ts';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import type { HubClient } from './hubClient.ts';
import { receiptDocument } from '../documents/receiptLayout.ts';
import { ticketDocument } from '../documents/ticketLayout.ts';
import type { DeviceManager } from '../devices/manager.ts';

/** How often a station says how its devices are even when nothing changed (a hub that restarted). */
export const reportEveryMs = 30_000;

/**
 * A desktop station whose hub runs on another PC drives the devices in its own cabinet: the ticket
 * printer and scanner on this PC's USB or serial ports. It says how they are (the hub shows it to
 * the supervisor and logs each change) and prints its tickets itself: the hub hands it the slip
 * and the reprint count, and records how the print went, as for a printer the hub drives.
 */
export function withOwnDevices(
  hub: HubClient,
  manager: DeviceManager,
  options: { logo?: ImageBlock | undefined; log: (line: string) => void },
): { hub: HubClient; stop(): void } {
  const report = () => {
    const devices = manager.list();
    if (!devices.length) return;
    void hub.call('reportDevices', { devices }).then((answer) => {
      if (!answer.ok && answer.error.status !== 0) options.log(`reportDevices: ${answer.error.message.en}`);
    });
  };
  manager.on('state', report);
  report();
  const timer = setInterval(report, reportEveryMs);
  timer.unref();

  /**
   * What the hub would print, printed here: the slip asked of the hub, printed on this cabinet's
   * printer, and the outcome recorded at the hub (a ticket at a kiosk, a receipt at a counter).
   */
  const printHere = async (
    slipOperation: string,
    input: unknown,
    print: (slip: unknown, logo: ImageBlock | undefined) => { document: PrintDocument; record: object },
    recordOperation: string,
  ) => {
    const slip = await hub.call(slipOperation, input);
    if (!slip.ok) return slip;
    const { document, record } = print(slip.value, manager.printsLogo ? options.logo : undefined);
    const result = await manager.print(encodeEscPos(document, { columns: 48 }));
    return hub.call(recordOperation, { ...record, problem: result.printed ? null : result.problem });
  };
  const printTicket = (input: unknown) =>
    printHere(
      'ticketSlip',
      input,
      (value, logo) => {
        const { ticket, reprint, training } = contract.ticketSlip.output.parse(value);
        return {
          document: ticketDocument(ticket, { reprint, training, logo }),
          record: { ticketId: ticket.id, reprint },
        };
      },
      'recordTicketPrint',
    );
  const printReceipt = (input: unknown) =>
    printHere(
      'receiptSlip',
      input,
      (value, logo) => {
        const { receipt, reprint, training } = contract.receiptSlip.output.parse(value);
        const { applicationId } = contract.receiptSlip.input.parse(input);
        return {
          document: receiptDocument(receipt, { reprint, training, logo }),
          record: { applicationId, reprint },
        };
      },
      'recordReceiptPrint',
    );

  return {
    hub: {
      url: hub.url,
      call: (name, input) =>
        name === 'printTicket' && manager.hasPrinter
          ? printTicket(input)
          : name === 'printReceipt' && manager.hasPrinter
            ? printReceipt(input)
            : hub.call(name, input),
    },
    stop() {
      clearInterval(timer);
      manager.off('state', report);
    },
  };
}
