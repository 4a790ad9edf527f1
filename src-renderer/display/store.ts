import { create } from 'zustand';
import type { BoardView } from '../../src-main/api/counterViews.ts';
import { call } from '../shared/client.ts';
import { coalesced } from '../shared/events.ts';

interface BoardState {
  board: BoardView | null;
  office: string | null;
  /** The hub did not answer the last reload; the board keeps showing what it had. */
  stale: boolean;
  refresh(): Promise<void>;
}

export const useBoard = create<BoardState>((set, get) => {
  const reload = coalesced(async () => {
    try {
      if (get().office === null) set({ office: (await call('showOffice', {})).config.name });
      set({ board: await call('boardView', {}), stale: false });
    } catch {
      set({ stale: true });
    }
  });
  return { board: null, office: null, stale: false, refresh: reload };
});
