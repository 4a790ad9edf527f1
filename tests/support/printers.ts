import { expect } from 'vitest';
import { cut, text, type PrintDocument } from '../../drivers/ticket-printer/document.ts';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import type { TicketPrinter } from '../../drivers/ticket-printer/printer.ts';
import type { SimulatedCondition, SimulatedPrinter } from '../../drivers/ticket-printer/simulator.ts';
import type { PrinterStatus } from '../../drivers/ticket-printer/status.ts';
import type { TicketView } from '../../src-main/api/views.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { sampleAppointment } from './bookings.ts';
import { at, makeFloor } from './floor.ts';

/** Bytes for an 80 mm printer. */
export const bytesOf = (doc: PrintDocument): Uint8Array => encodeEscPos(doc, { columns: 48 });

/** A short slip: its lines, then a cut. */
export const slip = (...lines: string[]): Uint8Array =>
  bytesOf({ blocks: [...lines.map((line) => text(line)), cut()] });

/** A ticket checked in at 09:15 on the test floor for a citizen of that name; `onClose` ends the floor. */
export function checkedInTicket(fullName: string, onClose: (close: () => void) => void): TicketView {
  const floor = makeFloor({ now: at('2026-11-30', '09:15') });
  onClose(() => floor.close());
  floor.load([sampleAppointment(7, { fullName })]);
  return checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00007' });
}

/**
 * Every condition in which a printer must be asked and refused before anything is sent: what
 * to set on the simulator, the problem the kiosk reports, and what the status says.
 */
export type Refusal = [
  name: string,
  set: Partial<SimulatedCondition>,
  problem: string,
  status: Partial<PrinterStatus>,
];

export const refusals: Refusal[] = [
  ['the paper is out', { paper: 'out' }, 'paper_out', { paperOut: true }],
  ['the cover is open', { coverOpen: true }, 'cover_open', { coverOpen: true }],
  ['the printer is offline', { offline: true }, 'offline', { answering: true, unreachable: null }],
  ['the cutter jammed', { error: 'autocutter' }, 'error', { error: 'autocutter' }],
  ['an unrecoverable error', { error: 'unrecoverable' }, 'error', { error: 'unrecoverable' }],
  ['an error it recovers from', { error: 'auto_recoverable' }, 'error', { error: 'auto_recoverable' }],
];

/**
 * What every transport must do in each of those conditions: ask, refuse with nothing sent, and once
 * the printer is repaired print the next slip, the first one the printer ever received.
 */
export async function refusesThenPrintsOnceRepaired(
  sim: SimulatedPrinter,
  printer: TicketPrinter,
  [, condition, problem, status]: Refusal,
): Promise<void> {
  sim.set(condition);
  expect(await printer.print(slip('A-004'))).toMatchObject({
    printed: false,
    problem,
    sent: false,
    before: status,
  });
  sim.repair();
  expect(await printer.print(slip('A-005'))).toMatchObject({ printed: true });
  expect((await sim.waitForJobs(1)).map((job) => job.decoded.text)).toEqual([['A-005']]);
}
