import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyAutostart, autostartPlan, type AutostartFacts } from '../../../src-main/electron/autostart.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const linuxKiosk: AutostartFacts = {
  platform: 'linux',
  packaged: true,
  mode: 'kiosk',
  execPath: '/opt/Loket/loket',
  appImage: undefined,
  configHome: undefined,
  home: '/home/kios',
};

describe('starting at login', () => {
  it('registers a login item on Windows for the public stations only', () => {
    const facts = {
      ...linuxKiosk,
      platform: 'win32' as const,
      execPath: 'C:\\Users\\kios\\AppData\\Local\\Programs\\Loket\\Loket.exe',
    };
    expect(autostartPlan(facts)).toEqual({ kind: 'login-item', openAtLogin: true, path: facts.execPath });
    expect(autostartPlan({ ...facts, mode: 'display' })).toMatchObject({ openAtLogin: true });
    expect(autostartPlan({ ...facts, mode: 'feedback' })).toMatchObject({ openAtLogin: true });
    expect(autostartPlan({ ...facts, mode: 'counter' })).toMatchObject({ openAtLogin: false });
    const registered: unknown[] = [];
    applyAutostart(autostartPlan(facts), { setLoginItemSettings: (s) => registered.push(s) });
    expect(registered).toEqual([{ openAtLogin: true, path: facts.execPath }]);
  });

  it('writes an XDG autostart entry on Linux that runs the installed binary, quoted, and removes it for a counter', () => {
    const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-autostart-'));
    dirs.push(configHome);
    const facts = { ...linuxKiosk, configHome, execPath: '/opt/Loket $1/loket' };
    const plan = autostartPlan(facts);
    expect(plan).toMatchObject({ kind: 'xdg', file: path.join(configHome, 'autostart', 'loket.desktop') });
    expect(applyAutostart(plan, { setLoginItemSettings: () => undefined })).toContain('starts at login');
    const entry = fs.readFileSync(path.join(configHome, 'autostart', 'loket.desktop'), 'utf8');
    expect(entry.split('\n')).toEqual(
      expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Exec="/opt/Loket \\$1/loket"']),
    );
    applyAutostart(autostartPlan({ ...facts, mode: 'supervisor' }), {
      setLoginItemSettings: () => undefined,
    });
    expect(fs.existsSync(path.join(configHome, 'autostart', 'loket.desktop'))).toBe(false);
  });

  it('registers nothing in development', () => {
    expect(autostartPlan({ ...linuxKiosk, packaged: false })).toMatchObject({ kind: 'none' });
  });
});
