import os from 'node:os';

/**
 * A stand-in for the parts of `electron` the desktop app uses; the real module is never loaded in
 * tests. Use it with `vi.mock('electron', async () => (await import('…/electronMock.ts')).fakeElectron.module)`
 * and read what the app did from `fakeElectron`.
 */
function makeFakeElectron() {
  type Handler = (...args: any[]) => any;
  const windows: any[] = [];
  const appHandlers: Record<string, Handler[]> = {};
  const ipcHandlers: Record<string, Handler> = {};
  const privileged: any[] = [];
  const protocolHandlers: Record<string, Handler> = {};
  const exits: number[] = [];
  /** Called with every message the app sends to a window (`webContents.send`). */
  const sendHooks: ((channel: string, value?: unknown) => void)[] = [];
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
  let nextContentsId = 100;
  class BrowserWindow {
    options: any;
    loaded: string | null = null;
    handlers: Record<string, Handler> = {};
    windowHandlers: Record<string, Handler> = {};
    windowOpenHandler: null | (() => { action: string }) = null;
    reloads = 0;
    sent: string[] = [];
    messages: [string, unknown][] = [];
    destroyed = false;
    shown = false;
    minimized = false;
    focused = false;
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused = true;
    }
    once(event: string, handler: Handler) {
      this.windowHandlers[`once:${event}`] = handler;
    }
    on(event: string, handler: Handler) {
      this.windowHandlers[event] = handler;
    }
    show() {
      this.shown = true;
    }
    destroy() {
      this.destroyed = true;
      this.windowHandlers.closed?.();
    }
    webContents = {
      id: nextContentsId++,
      reload: () => {
        this.reloads += 1;
      },
      send: (channel: string, value?: unknown) => {
        this.sent.push(channel);
        this.messages.push([channel, value]);
        for (const hook of sendHooks) hook(channel, value);
      },
      closeDevTools: () => undefined,
      once: (event: string, handler: Handler) => {
        this.handlers[`once:${event}`] = handler;
      },
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
  /** Whether this process gets the single-instance lock, and the login items the app registered. */
  const instance = { lockGranted: true, quits: 0 };
  const loginItems: { openAtLogin: boolean; path: string }[] = [];
  return {
    windows,
    appHandlers,
    ipcHandlers,
    privileged,
    protocolHandlers,
    exits,
    sendHooks,
    session,
    wakeLocks,
    menu,
    instance,
    loginItems,
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
      protocol: {
        registerSchemesAsPrivileged: (schemes: any[]) => privileged.push(...schemes),
        handle: (scheme: string, handler: Handler) => {
          protocolHandlers[scheme] = handler;
        },
      },
      // Protection the test can see through: what the app wrote must not be the plain key.
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
        decryptString: (sealed: Buffer) =>
          Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
      },
      ipcMain: {
        handle: (channel: string, handler: Handler) => {
          ipcHandlers[channel] = handler;
        },
      },
      app: {
        sandboxed: false,
        enableSandbox() {
          this.sandboxed = true;
        },
        /** Set by a test to lay the app out as an installed one. */
        isPackaged: false,
        getVersion: () => '1.0.0',
        getName: () => 'Loket',
        relaunch: () => undefined,
        once: (event: string, handler: Handler) => {
          (appHandlers[event] ??= []).push(handler);
        },
        requestSingleInstanceLock: () => instance.lockGranted,
        setLoginItemSettings: (settings: { openAtLogin: boolean; path: string }) => loginItems.push(settings),
        whenReady: async () => undefined,
        getPath: () => os.tmpdir(),
        getAppPath: () => process.cwd(),
        on: (event: string, handler: Handler) => {
          (appHandlers[event] ??= []).push(handler);
        },
        quit: () => {
          instance.quits += 1;
        },
        exit: (code: number) => exits.push(code),
      },
      BrowserWindow,
      session: { defaultSession: session },
    },
  };
}

export const fakeElectron = makeFakeElectron();
