import fs from 'node:fs';
import path from 'node:path';
import type { StationMode } from '../domain/roles.ts';
import { publicModes } from './lockdown.ts';

/**
 * Starting at login (issue 24): an installed kiosk, board or survey station comes back in its mode
 * after a power cut or a restart with no one touching it. The other stations are started by the
 * officer who sits at them. On Windows the app registers itself as a login item (per user, as the
 * per-user installer is); on Linux it writes an XDG autostart entry (`~/.config/autostart`) that
 * runs the AppImage (`$APPIMAGE`) or the installed binary. Nothing is made in development.
 */
export type AutostartPlan =
  | { kind: 'login-item'; openAtLogin: boolean; path: string }
  | { kind: 'xdg'; file: string; contents: string | null }
  | { kind: 'none'; reason: string };

export interface AutostartFacts {
  platform: NodeJS.Platform;
  packaged: boolean;
  mode: StationMode;
  /** The running binary (`process.execPath`). */
  execPath: string;
  /** The AppImage file the app runs from, which `$APPIMAGE` names; undefined for a deb install. */
  appImage: string | undefined;
  /** `$XDG_CONFIG_HOME`, or undefined for `~/.config`. */
  configHome: string | undefined;
  home: string;
}

export const autostartFileName = 'loket.desktop';

/** What to make (or remove: `openAtLogin: false`, `contents: null`) for this station. */
export function autostartPlan(facts: AutostartFacts): AutostartPlan {
  if (!facts.packaged) return { kind: 'none', reason: 'development: nothing is registered' };
  const wanted = publicModes.has(facts.mode);
  if (facts.platform === 'win32' || facts.platform === 'darwin')
    return { kind: 'login-item', openAtLogin: wanted, path: facts.execPath };
  if (facts.platform !== 'linux') return { kind: 'none', reason: `no autostart on ${facts.platform}` };
  const file = path.join(
    facts.configHome ?? path.join(facts.home, '.config'),
    'autostart',
    autostartFileName,
  );
  const binary = facts.appImage ?? facts.execPath;
  // The Desktop Entry spec quotes an argument with spaces in double quotes, escaping `"`, `` ` ``, `$` and `\`.
  const quoted = `"${binary.replace(/(["`$\\])/g, '\\$1')}"`;
  return {
    kind: 'xdg',
    file,
    contents: wanted
      ? [
          '[Desktop Entry]',
          'Type=Application',
          'Name=Loket',
          'Comment=Loket station: starts in its mode at login',
          `Exec=${quoted}`,
          'X-GNOME-Autostart-enabled=true',
          'Terminal=false',
          '',
        ].join('\n')
      : null,
  };
}

/** Carries the plan out; the login item goes through Electron's `app`. Returns what it did, for the log. */
export function applyAutostart(
  plan: AutostartPlan,
  loginItems: { setLoginItemSettings(settings: { openAtLogin: boolean; path: string }): void },
): string {
  switch (plan.kind) {
    case 'none':
      return plan.reason;
    case 'login-item':
      loginItems.setLoginItemSettings({ openAtLogin: plan.openAtLogin, path: plan.path });
      return plan.openAtLogin ? 'starts at login' : 'does not start at login';
    case 'xdg':
      if (plan.contents === null) {
        fs.rmSync(plan.file, { force: true });
        return `no autostart entry (${plan.file})`;
      }
      fs.mkdirSync(path.dirname(plan.file), { recursive: true });
      if (!fs.existsSync(plan.file) || fs.readFileSync(plan.file, 'utf8') !== plan.contents)
        fs.writeFileSync(plan.file, plan.contents, { mode: 0o644 });
      return `starts at login (${plan.file})`;
  }
}
