import { describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../../src-main/api/contract.ts';
import type { DesktopBridge } from '../../../src-renderer/shared/desktop.ts';

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    invoked,
    listeners,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: null };
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)?.add(listener);
        },
        removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
          listeners.get(channel)?.delete(listener),
      },
    },
  };
});
vi.mock('electron', () => electron.module);
await import('../../../src-main/electron/preload.ts');

describe('the preload bridge', () => {
  const bridge = electron.exposed.loket as DesktopBridge;

  it('exposes one function per contract operation and nothing else, frozen', () => {
    expect(Object.keys(bridge.api).sort()).toEqual([...operationNames].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.api)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([
      'api',
      'events',
      'exit',
      'onExitRequested',
      'platform',
      'setup',
    ]);
    // No raw IPC, no Node, no token.
    expect(JSON.stringify(bridge)).not.toMatch(/token|require|ipcRenderer/);
  });

  it('sends each operation on the call channel under its own name', async () => {
    await bridge.api.checkIn?.({ text: 'MP-1' });
    await bridge.exit('246810');
    await bridge.setup({ role: 'hub' });
    expect(electron.invoked).toEqual([
      ['loket:call', 'checkIn', { text: 'MP-1' }],
      ['loket:exit', '246810'],
      ['loket:setup', { role: 'hub' }],
    ]);
  });

  it('passes the staff exit request to the page and lets it stop listening', () => {
    let requests = 0;
    const stop = bridge.onExitRequested(() => (requests += 1));
    for (const listener of electron.listeners.get('loket:exit-requested') ?? []) listener({ senderId: 0 });
    stop();
    expect(electron.listeners.get('loket:exit-requested')?.size).toBe(0);
    expect(requests).toBe(1);
  });
});
