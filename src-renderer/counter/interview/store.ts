import { create } from 'zustand';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import type { InputOf, OperationName } from '../../../src-main/api/contract.ts';
import { call } from '../../shared/client.ts';
import { useCounter, useCounterSession } from '../store.ts';

/** The operations that change an application and answer it anew. */
type Change =
  | 'recordInterview'
  | 'checkOldPassport'
  | 'saveFacePhoto'
  | 'approveAtCounter'
  | 'finishInterview'
  | 'captureFingerprint'
  | 'recordFingerException';

interface InterviewState {
  application: ApplicationView | null;
  busy: boolean;
  /** The last refusal, in both languages, shown where the officer acted. */
  problem: { code: string; text: { id: string; en: string } } | null;
  open(): Promise<void>;
  change<N extends Change>(name: N, input: InputOf<N>): Promise<boolean>;
  /** After the receipt: the desk is free for the next applicant. */
  close(): void;
}

/**
 * The application this counter is interviewing. It outlives the queue entry: once the interview
 * ends the visit is complete, but the receipt stays on screen until the officer closes it.
 */
export const useInterview = create<InterviewState>((set, get) => {
  const attempt = async (work: () => Promise<ApplicationView>): Promise<boolean> => {
    set({ busy: true, problem: null });
    try {
      set({ application: await work() });
      return true;
    } catch (error) {
      const refusal = useCounterSession.getState().refused(error);
      if (refusal) set({ problem: refusal });
      return false;
    } finally {
      set({ busy: false });
    }
  };
  return {
    application: null,
    busy: false,
    problem: null,
    async open() {
      if (get().busy) return;
      await attempt(() => call('openInterview', {}));
    },
    async change(name, input) {
      const done = await attempt(() =>
        (call as (name: OperationName, input: unknown) => Promise<ApplicationView>)(name, input),
      );
      // Ending the interview completes the visit: the counter's view changes with it.
      if (done && name === 'finishInterview') await useCounter.getState().refresh();
      return done;
    },
    close() {
      set({ application: null, problem: null });
    },
  };
});
