import { create } from 'zustand';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { createOfficerSession } from '../counter/officerSession.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

export type PrintQueue = OutputOf<'printQueue'>;
export type PrintJob = PrintQueue['queue'][number];
export type BookletStock = OutputOf<'bookletStock'>;
export type Uncollected = OutputOf<'uncollectedPassports'>;

interface PrintState {
  queue: PrintQueue | null;
  stock: BookletStock | null;
  uncollected: Uncollected | null;
  /** Reloads the station's views; asks made meanwhile share one more reload after it. */
  refresh(): Promise<void>;
}

/** The print operator signed in at this station, around the queue, the stock and the 30-day list. */
export const usePrintSession = createOfficerSession(
  async () => {
    const [queue, stock, uncollected] = await Promise.all([
      call('printQueue', {}),
      call('bookletStock', {}),
      call('uncollectedPassports', {}),
    ]);
    usePrint.setState({ queue, stock, uncollected });
  },
  () => usePrint.setState({ queue: null, stock: null, uncollected: null }),
);

export const usePrint = create<PrintState>(() => ({
  queue: null,
  stock: null,
  uncollected: null,
  refresh: coalesced(async () => {
    const session = usePrintSession.getState();
    if (session.screen === 'ready') await session.load();
  }),
}));
