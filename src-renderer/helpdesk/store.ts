import { create } from 'zustand';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { HelpDeskCitizenView, HelpDeskSearchView } from '../../src-main/api/helpDeskViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { asRefusal, createOfficerSession, type Refusal } from '../counter/officerSession.ts';
import { call } from '../shared/client.ts';

/** What the desk last did, said where the officer looks: an outcome, or the hub's refusal. */
export type DeskNotice =
  | { kind: 'issued'; number: string; repeated: boolean; unverified: boolean }
  | { kind: 'printed'; number: string; printed: boolean; message: Bilingual | null }
  | { kind: 'refused'; refusal: Refusal };

interface HelpDeskState {
  query: string;
  search: HelpDeskSearchView | null;
  busy: boolean;
  notice: DeskNotice | null;
  /** A reprint past the limit waits for a supervisor's username and PIN. */
  approvalFor: { ticketId: string; number: string } | null;
  setQuery(query: string): void;
  find(): Promise<void>;
  checkIn(bookingCode: string): Promise<void>;
  print(ticketId: string, approval?: { username: string; secret: string }): Promise<void>;
  cancelApproval(): void;
  reset(): void;
}

/** The desk has no view of its own to load: an officer signed in and not locked is all it needs. */
export const useHelpDeskSession = createOfficerSession(
  async () => {},
  () => useHelpDesk.getState().reset(),
);

export const useHelpDesk = create<HelpDeskState>((set, get) => {
  /** A refusal the officer session does not take over (lock, sign-in) is shown on the desk. */
  const refused = (error: unknown) => {
    const refusal = useHelpDeskSession.getState().refused(error);
    if (refusal) set({ notice: { kind: 'refused', refusal } });
  };
  /** The same look-up again, so the citizen's day on screen is what the floor now holds. */
  const again = async () => {
    if (!get().search) return;
    try {
      set({ search: await call('helpDeskSearch', { query: get().query }) });
    } catch (error) {
      refused(error);
    }
  };
  const printed = (result: OutputOf<'helpDeskPrintTicket'>): DeskNotice => ({
    kind: 'printed',
    number: result.number,
    printed: result.printed,
    message: result.message,
  });
  return {
    query: '',
    search: null,
    busy: false,
    notice: null,
    approvalFor: null,
    setQuery: (query) => set({ query }),

    async find() {
      const query = get().query.trim();
      if (query.length < 2) return;
      set({ busy: true, notice: null, approvalFor: null });
      try {
        set({ search: await call('helpDeskSearch', { query }) });
      } catch (error) {
        refused(error);
      } finally {
        set({ busy: false });
      }
    },

    async checkIn(bookingCode) {
      set({ busy: true, notice: null, approvalFor: null });
      try {
        const { ticket } = await call('helpDeskCheckIn', { bookingCode });
        set({
          notice: {
            kind: 'issued',
            number: ticket.number,
            repeated: ticket.repeated,
            unverified: ticket.unverified,
          },
        });
        // A new ticket is handed over on paper at once, from the desk's printer.
        if (!ticket.repeated)
          set({ notice: printed(await call('helpDeskPrintTicket', { ticketId: ticket.id })) });
        if (get().search?.results.length === 0) set({ query: ticket.booking.code });
        await again();
      } catch (error) {
        refused(error);
      } finally {
        set({ busy: false });
      }
    },

    async print(ticketId, approval) {
      set({ busy: true, notice: null });
      try {
        const result = await call('helpDeskPrintTicket', approval ? { ticketId, approval } : { ticketId });
        set({ notice: printed(result), approvalFor: null });
        await again();
      } catch (error) {
        // The supervisor's username or PIN refused is the approval's refusal, not the desk's officer's.
        const theirs = asRefusal(error);
        if (approval && ['FORBIDDEN', 'UNAUTHORIZED', 'TOO_MANY_ATTEMPTS'].includes(theirs.code)) {
          set({ notice: { kind: 'refused', refusal: theirs } });
          return;
        }
        const refusal = useHelpDeskSession.getState().refused(error);
        if (refusal?.code === 'APPROVAL_REQUIRED') {
          const number = citizenWithTicket(get().search, ticketId)?.ticket?.number ?? '';
          set({ approvalFor: { ticketId, number }, notice: { kind: 'refused', refusal } });
        } else if (refusal) set({ notice: { kind: 'refused', refusal } });
      } finally {
        set({ busy: false });
      }
    },

    cancelApproval: () => set({ approvalFor: null }),
    reset: () => set({ query: '', search: null, notice: null, approvalFor: null, busy: false }),
  };
});

const citizenWithTicket = (search: HelpDeskSearchView | null, ticketId: string): HelpDeskCitizenView | null =>
  search?.results.find((r) => r.ticket?.id === ticketId) ?? null;
