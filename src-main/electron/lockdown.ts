import type { BrowserWindowConstructorOptions, Input, WebContents } from 'electron';
import type { StationMode } from '../domain/roles.ts';
import { secureWebPreferences } from './security.ts';

/**
 * Modes that face the public: full screen, no menus, no DevTools, no way out by keyboard. The
 * satisfaction survey's touchscreen stands where citizens leave, as open to them as the kiosk.
 */
export const publicModes: ReadonlySet<StationMode> = new Set(['kiosk', 'display', 'feedback']);

/** The window each mode opens: a kiosk or a board fills its screen and cannot be left. */
export function windowOptionsFor(mode: StationMode, preload: string): BrowserWindowConstructorOptions {
  const locked = publicModes.has(mode);
  return {
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#0b1f3a',
    autoHideMenuBar: true,
    ...(locked ? { kiosk: true, fullscreen: true, frame: false, closable: false, minimizable: false } : {}),
    webPreferences: {
      ...secureWebPreferences(preload),
      devTools: !locked && Boolean(process.env.LOKET_DEVTOOLS),
    },
  };
}

/**
 * Keys a citizen could use to leave, reload or inspect a public station. Scanners type letters,
 * digits, punctuation and Enter/Tab, none of which is here.
 */
export function isBlockedShortcut(
  input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>,
): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright')) return true;
  if (command && ['r', 'w', 'q', 'n', 't', 'p', 'o', 's', 'u', 'l', '+', '-', '=', '0'].includes(key))
    return true;
  if (command && input.shift && ['i', 'j', 'c', 'r', 'delete'].includes(key)) return true;
  return false;
}

/** Staff open the exit PIN pad with Ctrl+Alt+Shift+X (or five taps in the top-left corner). */
export function isExitChord(input: Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'shift'>): boolean {
  return (
    input.type === 'keyDown' && input.control && input.alt && input.shift && input.key.toLowerCase() === 'x'
  );
}

export interface LockdownHooks {
  /** Keeps the display awake; returns a release function. */
  keepAwake(): () => void;
  log(line: string): void;
  /** Staff asked for the exit: the window shows its PIN pad. */
  exitRequested(): void;
}

/**
 * Locks a public station's window: shortcuts that leave, reload or inspect are swallowed, the
 * screen stays awake, and a renderer that crashes or hangs is reloaded so the kiosk comes back by
 * itself. Returns a function that undoes the wake lock.
 */
export function lockDown(contents: WebContents, hooks: LockdownHooks): () => void {
  contents.on('before-input-event', (event, input) => {
    if (isExitChord(input)) {
      event.preventDefault();
      hooks.exitRequested();
    } else if (isBlockedShortcut(input)) event.preventDefault();
  });
  contents.on('render-process-gone', (_event, details) => {
    hooks.log(`renderer gone (${details.reason}); reloading`);
    contents.reload();
  });
  contents.on('unresponsive', () => {
    hooks.log('renderer unresponsive; reloading');
    contents.reload();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
  return hooks.keepAwake();
}
