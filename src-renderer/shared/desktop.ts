import type { BridgeResult } from '../../src-main/api/bridge.ts';

/**
 * What the desktop app's preload puts on `window.loket`: one function per contract operation, the
 * staff exit, and the first-start set-up. Absent in a browser, where calls go over HTTP instead.
 */
export interface DesktopBridge {
  platform: 'electron';
  api: Readonly<Record<string, (input: unknown) => Promise<BridgeResult<unknown>>>>;
  exit(pin: string): Promise<BridgeResult<true>>;
  onExitRequested(listener: () => void): () => void;
  setup(input: unknown): Promise<BridgeResult<{ mode: string; name: string }>>;
  /** The hub's event stream, followed by the main process; returns a function that stops listening. */
  events: {
    follow(onFrame: (frame: unknown) => void, onStatus: (status: string) => void): () => void;
  };
}

export function desktopBridge(): DesktopBridge | null {
  return (globalThis as { loket?: DesktopBridge }).loket ?? null;
}
