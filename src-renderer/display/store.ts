import { create } from 'zustand';
import type { BoardView } from '../../src-main/api/counterViews.ts';
import type { PublicFiguresView } from '../../src-main/api/reportViews.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

interface BoardState {
  board: BoardView | null;
  office: string | null;
  /** The hub did not answer the last reload; the board keeps showing what it had. */
  stale: boolean;
  refresh(): Promise<void>;
  /** Today's public figures (average wait, called inside the window); null while there are none. */
  today: PublicFiguresView['days'][number] | null;
  /** The satisfaction survey's current index and grade (issue 22); null while it has no answers. */
  survey: NonNullable<PublicFiguresView['survey']> | null;
  refreshToday(): Promise<void>;
}

/** A day with something to show: visits counted and a wait or a share computed. */
const hasFigures = (day: PublicFiguresView['days'][number] | undefined) =>
  day !== undefined && day.visits > 0 && (day.averageWaitMs !== null || day.calledInsideWindowShare !== null);

export const useBoard = create<BoardState>((set, get) => {
  const reload = coalesced(async () => {
    try {
      if (get().office === null) set({ office: (await call('showOffice', {})).config.name });
      set({ board: await call('boardView', {}), stale: false });
    } catch {
      set({ stale: true });
    }
  });
  const reloadToday = coalesced(async () => {
    try {
      const figures = await call('publicFigures', { days: 1 });
      const today = figures.days.find((d) => d.date === figures.today);
      const survey = figures.survey ?? null;
      set({
        today: hasFigures(today) ? (today ?? null) : null,
        survey: survey && survey.index !== null && survey.responses > 0 ? survey : null,
      });
    } catch {
      // No figures from the hub (not built yet, or out of reach): the panel hides rather than shows old ones.
      set({ today: null, survey: null });
    }
  });
  return {
    board: null,
    office: null,
    stale: false,
    refresh: reload,
    today: null,
    survey: null,
    refreshToday: reloadToday,
  };
});
