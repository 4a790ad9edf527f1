import { create } from 'zustand';
import type { PickupStatusView } from '../../src-main/api/applicationViews.ts';
import type { TicketView } from '../../src-main/api/views.ts';
import type { Bilingual, ErrorCode } from '../../src-main/domain/errors.ts';
import type { PriorityLaneId } from '../../src-main/domain/office.ts';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { call, OperationError } from '../shared/client.ts';

/** The kiosk's screens: one at a time, each returning to idle by itself. */
export type KioskScreen =
  | { kind: 'idle' }
  | { kind: 'typing'; text: string }
  | { kind: 'priority' }
  | { kind: 'working' }
  | { kind: 'ticket'; ticket: TicketView; print: PrintState }
  | { kind: 'pickup'; status: PickupStatusView; receipt: string; ticket: PickupTicket | null }
  /** The satisfaction survey for the visit of the receipt just scanned (`feedback/SurveyFlow.tsx`). */
  | { kind: 'survey'; request: { code: string } }
  | { kind: 'error'; code: ErrorCode; message: Bilingual; details: Record<string, unknown> };

/**
 * The printed ticket: on its way, in the tray, or not — then the screen is the ticket. `refused`:
 * the kiosk's reprints are used up; the printer is fine and the help desk prints it.
 */
export type PrintState =
  | { kind: 'printing' }
  | { kind: 'printed' }
  | { kind: 'failed'; message: Bilingual }
  | { kind: 'refused'; message: Bilingual };

interface KioskState {
  screen: KioskScreen;
  /** A priority lane the citizen chose for the next scan; cleared once it is used or abandoned. */
  priority: PriorityLaneId | null;
  choosePriority(): void;
  setPriority(priority: PriorityLaneId | null): void;
  scan(text: string): Promise<void>;
  /** The scanner read more than any code holds: said on screen, nothing sent to the hub. */
  scanTooLong(): void;
  startTyping(): void;
  type(key: string): void;
  erase(): void;
  backToIdle(): void;
  /** The citizen whose passport is ready takes a pickup number for the handover counter. */
  takePickupTicket(): Promise<void>;
  /** From the pickup status: the satisfaction survey about the receipt's visit. */
  openSurvey(): void;
}

export type PickupTicket = OutputOf<'takePickupTicket'>;

/** What the kiosk shows for a refused or failed call: the hub's bilingual reason, or a plain apology. */
function refusalScreen(error: unknown): KioskScreen {
  const refusal =
    error instanceof OperationError
      ? error
      : new OperationError('INTERNAL', { id: 'Terjadi kesalahan.', en: 'Something went wrong.' }, 0);
  return { kind: 'error', code: refusal.code, message: refusal.text, details: refusal.details };
}

export const useKiosk = create<KioskState>((set, get) => ({
  screen: { kind: 'idle' },
  priority: null,
  choosePriority: () => set({ screen: { kind: 'priority' } }),
  setPriority: (priority) => set({ priority, screen: { kind: 'idle' } }),
  async scan(text) {
    if (get().screen.kind === 'working') return; // one citizen at a time
    const priority = get().priority;
    set({ screen: { kind: 'working' }, priority: null });
    try {
      // A receipt from the interview counter: the citizen asks after their passport.
      if (isReceipt(text)) {
        const status = await call('pickupStatus', { text });
        set({ screen: { kind: 'pickup', status, receipt: text, ticket: null } });
        return;
      }
      const ticket = await call('checkIn', priority ? { text, priority } : { text });
      set({ screen: { kind: 'ticket', ticket, print: { kind: 'printing' } } });
      // Printed only now that the check-in is committed; a repeated scan reprints (limited).
      const print = await printed(ticket.id);
      const screen = get().screen;
      if (screen.kind === 'ticket' && screen.ticket.id === ticket.id) set({ screen: { ...screen, print } });
    } catch (error) {
      set({ screen: refusalScreen(error) });
    }
  },
  async takePickupTicket() {
    const screen = get().screen;
    if (screen.kind !== 'pickup') return;
    try {
      const ticket = await call('takePickupTicket', { text: screen.receipt });
      const now = get().screen;
      if (now.kind === 'pickup' && now.receipt === screen.receipt) set({ screen: { ...now, ticket } });
    } catch (error) {
      set({ screen: refusalScreen(error) });
    }
  },
  openSurvey() {
    const screen = get().screen;
    if (screen.kind === 'pickup') set({ screen: { kind: 'survey', request: { code: screen.receipt } } });
  },
  scanTooLong() {
    if (get().screen.kind === 'working') return;
    set({
      screen: { kind: 'error', code: 'INVALID_SCAN', message: scanTooLong, details: { why: 'too long' } },
    });
  },
  startTyping: () => set({ screen: { kind: 'typing', text: '' } }),
  type(key) {
    const screen = get().screen;
    if (screen.kind === 'typing' && screen.text.length < 32)
      set({ screen: { kind: 'typing', text: screen.text + key } });
  },
  erase() {
    const screen = get().screen;
    if (screen.kind === 'typing') set({ screen: { kind: 'typing', text: screen.text.slice(0, -1) } });
  },
  backToIdle: () => set({ screen: { kind: 'idle' }, priority: null }),
}));

const scanTooLong: Bilingual = {
  id: 'Kode tidak dikenali: terlalu panjang untuk kode booking. Pindai ulang QR dari aplikasi M-Paspor, atau ketik kode booking / NIK Anda.',
  en: 'Code not recognised: too long for a booking code. Scan the QR from the M-Paspor app again, or type your booking code / NIK.',
};

/** The receipt's QR (`LOKET:R:…`), as the scanner or the keyboard gave it. */
const isReceipt = (text: string) => /^\s*LOKET:R:/i.test(text);

async function printed(ticketId: string): Promise<PrintState> {
  try {
    const result = await call('printTicket', { ticketId });
    return result.printed
      ? { kind: 'printed' }
      : {
          kind: 'failed',
          message: result.message ?? { id: 'Tiket tidak tercetak.', en: 'The ticket did not print.' },
        };
  } catch (error) {
    if (error instanceof OperationError && error.code === 'REPRINT_LIMIT')
      return { kind: 'refused', message: error.text };
    return {
      kind: 'failed',
      message:
        error instanceof OperationError
          ? error.text
          : { id: 'Tiket tidak tercetak.', en: 'The ticket did not print.' },
    };
  }
}
