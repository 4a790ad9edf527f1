import { contract } from '../../api/contract.ts';
import type { ImageBlock } from '../../../drivers/ticket-printer/document.ts';
import { encodeEscPos } from '../../../drivers/ticket-printer/escpos.ts';
import type { HubClient } from '../hubClient.ts';
import { receiptDocument } from '../printing/receiptLayout.ts';
import { ticketDocument } from '../printing/ticketLayout.ts';
import type { DeviceManager } from './manager.ts';

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

  const printTicket = async (input: unknown) => {
    const slip = await hub.call('ticketSlip', input);
    if (!slip.ok) return slip;
    const answer = contract.ticketSlip.output.safeParse(slip.value);
    if (!answer.success) throw new Error('the hub answered ticketSlip with something unexpected');
    const { ticket, reprint, training } = answer.data;
    const logo = manager.printsLogo ? options.logo : undefined;
    const bytes = encodeEscPos(ticketDocument(ticket, { reprint, training, logo }), { columns: 48 });
    const result = await manager.print(bytes);
    return hub.call('recordTicketPrint', {
      ticketId: ticket.id,
      reprint,
      problem: result.printed ? null : result.problem,
    });
  };

  // An interview counter's receipt comes out of the printer in its own cabinet, as a kiosk's ticket.
  const printReceipt = async (input: unknown) => {
    const slip = await hub.call('receiptSlip', input);
    if (!slip.ok) return slip;
    const { receipt, reprint, training } = contract.receiptSlip.output.parse(slip.value);
    const logo = manager.printsLogo ? options.logo : undefined;
    const result = await manager.print(
      encodeEscPos(receiptDocument(receipt, { reprint, training, logo }), { columns: 48 }),
    );
    return hub.call('recordReceiptPrint', {
      applicationId: (input as { applicationId: string }).applicationId,
      reprint,
      problem: result.printed ? null : result.problem,
    });
  };

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
