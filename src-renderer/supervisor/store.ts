import { create } from 'zustand';
import type { FloorView } from '../../src-main/api/counterViews.ts';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { createOfficerSession } from '../counter/officerSession.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

export type FloorDevices = OutputOf<'floorDevices'>;
export type OfflineConflicts = OutputOf<'offlineConflicts'>;
export type FeedStatus = OutputOf<'appointmentFeedStatus'>;
export type FloorStations = OutputOf<'floorStations'>;
/** Interviewed applications to decide, the print queue's promises at risk, spoils to sign off. */
export interface Adjudication {
  applications: OutputOf<'adjudicationList'>;
  atRisk: OutputOf<'printQueue'>['atRisk'];
  awaitingSignOff: OutputOf<'bookletStock'>['awaitingSignOff'];
  /** "Passport ready" messages that failed or wait for another try. */
  sms: OutputOf<'smsProblems'>;
}

interface FloorState {
  floor: FloorView | null;
  /** The stations whose devices the hub drives, each device with its state. */
  devices: FloorDevices | null;
  /** Bookings two kiosks checked in while apart from the hub: the ticket kept and the one voided. */
  conflicts: OfflineConflicts | null;
  /** The appointment feed: last synced, last error. */
  feed: FeedStatus | null;
  /** The floor's stations and the hub's certificate fingerprint. */
  stations: FloorStations | null;
  adjudication: Adjudication | null;
  /** Reloads the floor; asks made meanwhile share one more reload after it. */
  refresh(): Promise<void>;
}

/** The supervisor or admin signed in at this console, around `floorView`. */
export const useSupervisorSession = createOfficerSession(
  async () => {
    const [floor, devices, conflicts, feed, stations, applications, queue, stock, sms] = await Promise.all([
      call('floorView', {}),
      call('floorDevices', {}),
      call('offlineConflicts', {}),
      call('appointmentFeedStatus', {}),
      call('floorStations', {}),
      call('adjudicationList', {}),
      call('printQueue', {}),
      call('bookletStock', {}),
      call('smsProblems', {}),
    ]);
    const adjudication = { applications, atRisk: queue.atRisk, awaitingSignOff: stock.awaitingSignOff, sms };
    useFloor.setState({ floor, devices, conflicts, feed, stations, adjudication });
  },
  () =>
    useFloor.setState({
      floor: null,
      devices: null,
      conflicts: null,
      feed: null,
      stations: null,
      adjudication: null,
    }),
);

export const useFloor = create<FloorState>(() => ({
  floor: null,
  devices: null,
  conflicts: null,
  feed: null,
  stations: null,
  adjudication: null,
  refresh: coalesced(async () => {
    const session = useSupervisorSession.getState();
    if (session.screen === 'ready') await session.load();
  }),
}));
