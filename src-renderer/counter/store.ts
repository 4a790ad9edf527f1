import { create } from 'zustand';
import type { InputOf } from '../../src-main/api/contract.ts';
import type { CounterView } from '../../src-main/api/counterViews.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';
import { createOfficerSession, type Refusal } from './officerSession.ts';

/** A line under the buttons: what the last action came to, when it was not the obvious. */
export type CounterNotice = { kind: 'nobody-waiting' } | ({ kind: 'refused' } & Refusal);

/** The actions on the counter screen, each followed by a fresh `counterView`. */
type Action =
  | 'recall'
  | 'startService'
  | 'completeService'
  | 'markNoShow'
  | 'holdTicket'
  | 'releaseTicket'
  | 'transferTicket'
  | 'setCounterState'
  | 'decidePriorityClaim'
  | 'callTicket';

interface CounterState {
  view: CounterView | null;
  notice: CounterNotice | null;
  busy: boolean;
  /** Reloads the view; asks made meanwhile share one more reload after it. */
  refresh(): Promise<void>;
  /** On a break the officer is asked first; `endBreak` once they said to end it. */
  callNext(endBreak?: boolean): Promise<void>;
  act<A extends Action>(action: A, input: InputOf<A>): Promise<void>;
  signOut(): Promise<void>;
}

/** The officer at this counter: sign-in, idle lock and unlock around `counterView`. */
export const useCounterSession = createOfficerSession(
  async () => useCounter.setState({ view: await call('counterView', {}) }),
  () => useCounter.setState({ view: null, notice: null }),
);

const session = () => useCounterSession.getState();

export const useCounter = create<CounterState>((set, get) => {
  const reload = coalesced(async () => {
    if (session().screen === 'ready') await session().load();
  });
  /** Says a refusal under the buttons, unless it changed the screen (locked, signed out). */
  const refused = (error: unknown) => {
    const refusal = session().refused(error);
    if (refusal) set({ notice: { kind: 'refused', ...refusal } });
  };

  return {
    view: null,
    notice: null,
    busy: false,
    refresh: reload,

    async callNext(endBreak = false) {
      set({ busy: true, notice: null });
      try {
        const { called } = await call('callNext', endBreak ? { endBreak } : {});
        if (!called) set({ notice: { kind: 'nobody-waiting' } });
      } catch (error) {
        refused(error);
      } finally {
        await get().refresh();
        set({ busy: false });
      }
    },

    async act(action, input) {
      set({ busy: true, notice: null });
      try {
        // Each action's input is checked against the contract where it is called (InputOf<A>).
        await (call as (name: Action, input: unknown) => Promise<unknown>)(action, input);
      } catch (error) {
        refused(error);
      } finally {
        await get().refresh();
        set({ busy: false });
      }
    },

    async signOut() {
      const refusal = await session().signOut();
      if (refusal) set({ notice: { kind: 'refused', ...refusal } });
    },
  };
});
