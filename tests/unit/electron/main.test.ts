import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The real `electron` module is never loaded in tests: this stands in for the parts main.ts uses.
const electron = vi.hoisted(() => {
  type Handler = (...args: any[]) => void;
  const windows: any[] = [];
  const appHandlers: Record<string, Handler[]> = {};
  const session = {
    permissionRequest: null as null | Handler,
    permissionCheck: null as null | ((...args: any[]) => boolean),
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: any[]) => boolean) {
      this.permissionCheck = handler;
    },
  };
  class BrowserWindow {
    options: any;
    loaded: string | null = null;
    handlers: Record<string, Handler> = {};
    windowOpenHandler: null | (() => { action: string }) = null;
    reloads = 0;
    once(event: string, handler: Handler) {
      this.handlers[`once:${event}`] = handler;
    }
    show() {
      this.shown = true;
    }
    shown = false;
    webContents = {
      reload: () => {
        this.reloads += 1;
      },
      closeDevTools: () => undefined,
      on: (event: string, handler: Handler) => {
        this.handlers[event] = handler;
      },
      setWindowOpenHandler: (handler: () => { action: string }) => {
        this.windowOpenHandler = handler;
      },
      getURL: () => this.loaded ?? '',
    };
    constructor(options: any) {
      this.options = options;
      windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
  }
  const wakeLocks = new Set<number>();
  let nextLock = 1;
  const menu = { cleared: false };
  return {
    windows,
    appHandlers,
    session,
    wakeLocks,
    menu,
    module: {
      Menu: {
        setApplicationMenu: (value: unknown) => {
          menu.cleared = value === null;
        },
      },
      powerSaveBlocker: {
        start: () => {
          const id = nextLock++;
          wakeLocks.add(id);
          return id;
        },
        stop: (id: number) => wakeLocks.delete(id),
      },
      app: {
        sandboxed: false,
        enableSandbox() {
          this.sandboxed = true;
        },
        whenReady: async () => undefined,
        getPath: () => os.tmpdir(),
        on: (event: string, handler: Handler) => {
          (appHandlers[event] ??= []).push(handler);
        },
        quit: () => undefined,
        exit: () => undefined,
      },
      BrowserWindow,
      session: { defaultSession: session },
    },
  };
});
vi.mock('electron', () => electron.module);

const { launch, stationModeFrom } = await import('../../../src-main/electron/main.ts');
const { permissionsFor } = await import('../../../src-main/electron/security.ts');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-electron-'));
afterEach(() => {
  for (const quit of electron.appHandlers['before-quit']?.splice(0) ?? []) quit();
});

describe('the desktop app', () => {
  it('opens a counter window that is sandboxed, isolated, without Node, and stays on the hub', async () => {
    process.env.LOKET_DATA = dataDir;
    process.argv.push('--mode=counter');
    try {
      await launch();
    } finally {
      process.argv.pop();
      delete process.env.LOKET_DATA;
    }
    const window = electron.windows.at(-1);
    const prefs = window.options.webPreferences;
    expect(electron.module.app.sandboxed).toBe(true);
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.webviewTag).toBe(false);
    expect(window.loaded).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    // The hub it started answers on that address.
    const health = await fetch(new URL('/healthz', window.loaded));
    expect(health.status).toBe(200);

    const origin = new URL(window.loaded).origin;
    const navigate = (url: string) => {
      let prevented = false;
      window.handlers['will-navigate']({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://calo.example/faster-service')).toBe(true);
    expect(navigate(`${origin}/counter`)).toBe(false);
    expect(window.windowOpenHandler?.()).toEqual({ action: 'deny' });

    // A counter may use the camera from the hub's pages, nothing else, and nothing from elsewhere.
    const ask = (permission: string, url: string) =>
      new Promise<boolean>((resolve) =>
        electron.session.permissionRequest?.({ getURL: () => url }, permission, resolve),
      );
    expect(await ask('media', `${origin}/counter`)).toBe(true);
    expect(await ask('geolocation', `${origin}/counter`)).toBe(false);
    expect(await ask('media', 'https://calo.example/')).toBe(false);
  });

  it('starts in the mode it is told, and only a counter gets the camera', () => {
    expect(stationModeFrom(['--mode=kiosk'], {})).toBe('kiosk');
    expect(permissionsFor('kiosk').has('media')).toBe(false);
    expect(permissionsFor('display').size).toBe(0);
    expect(permissionsFor('counter').has('media')).toBe(true);
    expect(stationModeFrom([], { LOKET_MODE: 'display' })).toBe('display');
    expect(stationModeFrom(['--mode=hacker'], {})).toBe('supervisor');
  });

  it('opens a kiosk full screen on the kiosk page, without DevTools, menus or a way out by keyboard', async () => {
    process.env.LOKET_DATA = dataDir;
    process.argv.push('--mode=kiosk');
    try {
      await launch();
    } finally {
      process.argv.pop();
      delete process.env.LOKET_DATA;
    }
    const window = electron.windows.at(-1);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, closable: false });
    expect(window.options.webPreferences.devTools).toBe(false);
    expect(window.loaded).toMatch(/\/kiosk$/);
    expect(electron.menu.cleared).toBe(true);
    expect(electron.wakeLocks.size).toBe(1);

    const pressed = (input: Record<string, unknown>) => {
      let blocked = false;
      window.handlers['before-input-event'](
        { preventDefault: () => (blocked = true) },
        { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input },
      );
      return blocked;
    };
    expect(pressed({ key: 'F5' })).toBe(true);
    expect(pressed({ key: 'r', control: true })).toBe(true);
    expect(pressed({ key: 'F4', alt: true })).toBe(true);
    expect(pressed({ key: 'I', control: true, shift: true })).toBe(true);
    expect(pressed({ key: 'F12' })).toBe(true);
    // What a scanner types goes through.
    for (const key of ['M', '7', '-', '{', 'Enter', 'Tab']) expect(pressed({ key })).toBe(false);

    // A crashed or hung renderer comes back by itself.
    window.handlers['render-process-gone']({}, { reason: 'crashed' });
    window.handlers['unresponsive']();
    expect(window.reloads).toBe(2);

    for (const quit of electron.appHandlers['before-quit']?.splice(0) ?? []) quit();
    expect(electron.wakeLocks.size).toBe(0);
  });
});
