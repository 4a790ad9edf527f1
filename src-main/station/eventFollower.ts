import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import type { Bilingual } from '../domain/errors.ts';
import type { StreamFrame } from '../api/stream.ts';
import { certificateChanged, connectPinned, hubFetch, isCertificateChanged, type HubPin } from './hubTls.ts';
import { stationClientHeaders } from './clientId.ts';

export type FollowStatus = 'connecting' | 'live' | 'reconnecting';

/** Waits between attempts: 1 s, 2 s, 4 s, 8 s, then every 10 s until the hub answers. */
export const followDelaysMs = [1000, 2000, 4000, 8000, 10_000] as const;

export interface FollowOptions {
  onFrame(frame: StreamFrame): void;
  onStatus?(status: FollowStatus): void;
  /** Where to start: a stored cursor, or (default) the hub's newest event at the first connection. */
  after?: number;
  delaysMs?: readonly number[];
  /** The certificate pinned at pairing, for a hub on https (wss): no other one hears the token. */
  pin?: HubPin | undefined;
  /** Why the stream cannot be followed, where waiting alone will not mend it (another certificate). */
  onProblem?(problem: Bilingual): void;
}

/**
 * Follows a hub's event stream for a station holding its token (the desktop app's main process):
 * each event once, in order, from a cursor that survives reconnections; after the hub restarts or
 * the LAN comes back it resubscribes from that cursor with back-off. Returns `stop`.
 */
export function followHub(url: string, token: string, options: FollowOptions): () => void {
  const delays = options.delaysMs ?? followDelaysMs;
  let cursor: number | null = options.after ?? null;
  let stopped = false;
  let failures = 0;
  let socket: WebSocket | null = null;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (stopped) return;
    options.onStatus?.('reconnecting');
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 10_000;
    failures += 1;
    timer = setTimeout(() => void connect(), delay);
  };

  const fetch = hubFetch(options.pin);
  // Still tried again later (the real hub may be back), but said at once: it is not the network.
  const failed = (error: unknown) => {
    if (isCertificateChanged(error)) options.onProblem?.(certificateChanged);
    retry();
  };

  const connect = async () => {
    if (cursor === null) {
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
        cursor = ((await response.json()) as { lastEvent: number }).lastEvent;
      } catch (error) {
        failed(error);
        return;
      }
    }
    if (stopped) return;
    // Over TLS the connection is made and its certificate checked first; the upgrade request with
    // the token goes only down a connection that showed the pinned certificate.
    let pinned: TLSSocket | null = null;
    if (options.pin) {
      try {
        pinned = await connectPinned(url, options.pin);
      } catch (error) {
        failed(error);
        return;
      }
      if (stopped) {
        pinned.destroy();
        return;
      }
    }
    const connection = pinned;
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/events?after=${cursor}`, {
      headers: { authorization: `Bearer ${token}`, ...stationClientHeaders },
      handshakeTimeout: 5000,
      ...(connection ? { createConnection: () => connection } : {}),
    });
    socket = ws;
    ws.on('message', (data) => {
      let frame: StreamFrame;
      try {
        frame = JSON.parse(String(data)) as StreamFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        failures = 0;
        options.onStatus?.('live');
        options.onFrame(frame);
      } else if (frame.type === 'event' && frame.event.seq > (cursor ?? 0)) {
        cursor = frame.event.seq;
        options.onFrame(frame);
      } else if (frame.type === 'scan' && typeof frame.text === 'string') {
        options.onFrame(frame);
      }
    });
    ws.on('error', () => {
      // 'close' follows and retries.
    });
    ws.on('close', () => {
      if (socket === ws) socket = null;
      retry();
    });
  };

  options.onStatus?.('connecting');
  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close(1000, 'station closing');
    socket = null;
  };
}
