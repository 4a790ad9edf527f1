import { create } from 'zustand';
import type { InputOf } from '../../src-main/api/contract.ts';
import type { OfficeView } from '../../src-main/api/views.ts';
import type { Bilingual, ErrorCode } from '../../src-main/domain/errors.ts';
import { call, OperationError } from '../shared/client.ts';

export type Refusal = { code: ErrorCode; text: Bilingual };

/** Who is at the station decides the screen: nobody, a locked session, or an officer at work. */
export type OfficerScreen = 'loading' | 'sign-in' | 'locked' | 'ready';

export interface OfficerSession {
  screen: OfficerScreen;
  /** The signed-in officer's name, for the top bar and the unlock screen. */
  officer: string | null;
  office: OfficeView['config'] | null;
  /** A counter station's desk, fixed by the hub (null: not set, or not a counter). */
  desk: number | null;
  /** The refusal shown on the sign-in or unlock screen. */
  problem: Refusal | null;
  busy: boolean;
  start(): Promise<void>;
  /** Loads the screen's view; a lock or a missing officer changes the screen instead. */
  load(): Promise<void>;
  signIn(input: InputOf<'signIn'>): Promise<void>;
  unlock(secret: string): Promise<void>;
  /** The screen locks itself after idle minutes (see idle.ts). */
  lock(): void;
  switchOfficer(): void;
  /** Answers the refusal when the officer may not leave yet (a counter still serving a ticket). */
  signOut(): Promise<Refusal | null>;
  /**
   * An officer operation failed. A lock shows the unlock screen and a missing (or wrong-role)
   * officer the sign-in; anything else is answered as the refusal for the screen to say.
   */
  refused(error: unknown): Refusal | null;
}

/** Events after which a counter's or the floor's view may have changed: queues, counters, officers. */
export const touchesOfficerViews = ({ type }: { type: string }): boolean =>
  type.startsWith('ticket.') ||
  type.startsWith('counter.') ||
  type.startsWith('officer.') ||
  // A pickup number joins the pickup desks' queue; a handover ends its visit.
  type === 'passport.pickupTicket' ||
  type === 'office.updated';

export const asRefusal = (error: unknown): Refusal =>
  error instanceof OperationError
    ? { code: error.code, text: error.text }
    : { code: 'INTERNAL', text: { id: 'Terjadi kesalahan.', en: 'Something went wrong.' } };

/**
 * The officer's session at a counter or supervisor station, around the view that station shows:
 * `loadView` fetches it (and throws the hub's refusal), `reset` forgets it when officers change.
 */
export function createOfficerSession(loadView: () => Promise<void>, reset: () => void = () => {}) {
  return create<OfficerSession>((set, get) => ({
    screen: 'loading',
    officer: null,
    office: null,
    desk: null,
    problem: null,
    busy: false,

    async start() {
      try {
        const [office, me] = await Promise.all([call('showOffice', {}), call('whoAmI', {})]);
        set({ office: office.config, officer: me.officer?.name ?? null, desk: me.counter });
        if (!me.officer) set({ screen: 'sign-in' });
        else if (me.locked) set({ screen: 'locked' });
        else await get().load();
      } catch (error) {
        set({ screen: 'sign-in', problem: asRefusal(error) });
      }
    },

    async load() {
      try {
        await loadView();
        set({ screen: 'ready', problem: null });
      } catch (error) {
        const refusal = get().refused(error);
        if (refusal) set({ problem: refusal });
      }
    },

    refused(error) {
      const refusal = asRefusal(error);
      if (refusal.code === 'LOCKED') set({ screen: 'locked', problem: null });
      else if (refusal.code === 'OFFICER_REQUIRED') set({ screen: 'sign-in', problem: null });
      // Someone whose role may not use this screen is still signed in here.
      else if (refusal.code === 'FORBIDDEN') set({ screen: 'sign-in', problem: refusal });
      else return refusal;
      return null;
    },

    async signIn(input) {
      set({ busy: true, problem: null });
      try {
        const officer = await call('signIn', input);
        reset();
        set({ officer: officer.name });
        await get().load();
      } catch (error) {
        set({ problem: asRefusal(error) });
      } finally {
        set({ busy: false });
      }
    },

    async unlock(secret) {
      set({ busy: true, problem: null });
      try {
        await call('unlock', { secret });
        await get().load();
      } catch (error) {
        const refusal = asRefusal(error);
        if (refusal.code === 'OFFICER_REQUIRED') set({ screen: 'sign-in' });
        else set({ problem: refusal });
      } finally {
        set({ busy: false });
      }
    },

    lock() {
      if (get().screen === 'ready') set({ screen: 'locked', problem: null });
    },

    switchOfficer: () => set({ screen: 'sign-in', problem: null }),

    async signOut() {
      set({ busy: true });
      try {
        await call('signOut', {});
        reset();
        set({ screen: 'sign-in', officer: null, problem: null });
        return null;
      } catch (error) {
        return get().refused(error);
      } finally {
        set({ busy: false });
      }
    },
  }));
}
