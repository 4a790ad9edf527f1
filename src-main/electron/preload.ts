import { contextBridge, ipcRenderer, type IpcRenderer } from 'electron';
import { bridgeChannels } from '../api/bridge.ts';
import { operationNames } from '../api/contract.ts';

/**
 * The renderer's only door to the main process, derived from the contract: `loket.api.<operation>`
 * for every operation and nothing else, plus the staff exit and the first-start set-up. The
 * station's token and the hub's address stay in the main process.
 */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>) {
  const api = Object.fromEntries(
    operationNames.map((name) => [name, (input: unknown) => ipc.invoke(bridgeChannels.call, name, input)]),
  );
  return Object.freeze({
    platform: 'electron' as const,
    api: Object.freeze(api),
    exit: (pin: string) => ipc.invoke(bridgeChannels.exit, String(pin)),
    onExitRequested(listener: () => void): () => void {
      const forward = () => listener();
      ipc.on(bridgeChannels.exitRequested, forward);
      return () => ipc.removeListener(bridgeChannels.exitRequested, forward);
    },
    setup: (input: unknown) => ipc.invoke(bridgeChannels.setup, input),
    /**
     * The hub's event stream, followed by the main process (which holds the token): frames as the
     * hub sends them, and the stream's status. Returns a function that stops listening.
     */
    events: Object.freeze({
      follow(onFrame: (frame: unknown) => void, onStatus: (status: string) => void): () => void {
        const frame = (_event: unknown, value: unknown) => onFrame(value);
        const status = (_event: unknown, value: unknown) => onStatus(String(value));
        ipc.on(bridgeChannels.frame, frame);
        ipc.on(bridgeChannels.streamStatus, status);
        void ipc.invoke(bridgeChannels.follow);
        return () => {
          ipc.removeListener(bridgeChannels.frame, frame);
          ipc.removeListener(bridgeChannels.streamStatus, status);
        };
      },
    }),
  });
}

export type LoketBridge = ReturnType<typeof buildBridge>;

contextBridge.exposeInMainWorld('loket', buildBridge(ipcRenderer));
