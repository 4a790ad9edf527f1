import { create } from 'zustand';
import type { FloorView } from '../../src-main/api/counterViews.ts';
import { createOfficerSession } from '../counter/officerSession.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

interface FloorState {
  floor: FloorView | null;
  /** Reloads the floor; asks made meanwhile share one more reload after it. */
  refresh(): Promise<void>;
}

/** The supervisor or admin signed in at this console, around `floorView`. */
export const useSupervisorSession = createOfficerSession(
  async () => useFloor.setState({ floor: await call('floorView', {}) }),
  () => useFloor.setState({ floor: null }),
);

export const useFloor = create<FloorState>(() => ({
  floor: null,
  refresh: coalesced(async () => {
    const session = useSupervisorSession.getState();
    if (session.screen === 'ready') await session.load();
  }),
}));
