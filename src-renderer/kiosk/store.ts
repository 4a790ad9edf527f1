import { create } from 'zustand';
import type { TicketView } from '../../src-main/api/views.ts';
import type { Bilingual, ErrorCode } from '../../src-main/domain/errors.ts';
import type { PriorityLaneId } from '../../src-main/domain/office.ts';
import { call, OperationError } from '../shared/client.ts';

/** The kiosk's screens: one at a time, each returning to idle by itself. */
export type KioskScreen =
  | { kind: 'idle' }
  | { kind: 'typing'; text: string }
  | { kind: 'priority' }
  | { kind: 'working' }
  | { kind: 'ticket'; ticket: TicketView }
  | { kind: 'error'; code: ErrorCode; message: Bilingual; details: Record<string, unknown> };

interface KioskState {
  screen: KioskScreen;
  /** A priority lane the citizen chose for the next scan; cleared once it is used or abandoned. */
  priority: PriorityLaneId | null;
  choosePriority(): void;
  setPriority(priority: PriorityLaneId | null): void;
  scan(text: string): Promise<void>;
  startTyping(): void;
  type(key: string): void;
  erase(): void;
  backToIdle(): void;
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
      const ticket = await call('checkIn', priority ? { text, priority } : { text });
      set({ screen: { kind: 'ticket', ticket } });
    } catch (error) {
      const refusal =
        error instanceof OperationError
          ? error
          : new OperationError('INTERNAL', { id: 'Terjadi kesalahan.', en: 'Something went wrong.' }, 0);
      set({ screen: { kind: 'error', code: refusal.code, message: refusal.text, details: refusal.details } });
    }
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
