import type { IpcMainInvokeEvent } from 'electron';
import { failure, type BridgeResult } from '../api/bridge.ts';
import { admit } from '../api/invoke.ts';
import { LoketError } from '../domain/errors.ts';
import type { HubClient } from '../station/hubClient.ts';
import type { StationMode } from '../domain/roles.ts';
import { appSite, siteOf } from './protocol.ts';

/**
 * A message is answered only when it comes from the top frame of one of Loket's own windows while
 * that frame shows Loket's UI: not from a sub-frame, another window, or a page navigated
 * elsewhere.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ownWindows: ReadonlySet<number>,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!ownWindows.has(event.sender.id)) return false;
  return siteOf(frame.url) === appSite;
}

const untrusted = new LoketError('FORBIDDEN', {
  id: 'Permintaan bukan dari aplikasi Loket.',
  en: 'The request did not come from a Loket window.',
});

/**
 * `loket:call`: an operation from the station's window. Checked here against the contract (name,
 * the station's mode, the input) before the hub sees it, and again at the hub.
 */
export function callHandler(
  station: () => { mode: StationMode; hub: HubClient } | null,
  ownWindows: ReadonlySet<number>,
) {
  return async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<BridgeResult<unknown>> => {
    try {
      if (!isTrustedSender(event, ownWindows)) throw untrusted;
      const current = station();
      if (!current) {
        throw new LoketError('FORBIDDEN', {
          id: 'Stasiun ini belum disiapkan.',
          en: 'This station is not set up yet.',
        });
      }
      const admitted = admit(current.mode, typeof name === 'string' ? name : '', input);
      return await current.hub.call(admitted.name, admitted.input);
    } catch (error) {
      return failure(error);
    }
  };
}

/** A handler that answers only trusted senders, with every failure as a bridge result. */
export function guarded<A extends unknown[], T>(
  ownWindows: ReadonlySet<number>,
  work: (...args: A) => Promise<T> | T,
) {
  return async (event: IpcMainInvokeEvent, ...args: A): Promise<BridgeResult<T>> => {
    try {
      if (!isTrustedSender(event, ownWindows)) throw untrusted;
      return { ok: true, value: await work(...args) };
    } catch (error) {
      return failure(error);
    }
  };
}
