import { useEffect, useRef, useState } from 'react';
import type { StreamedEvent } from '../../src-main/domain/events.ts';
import type { ScanFrame, StreamFrame } from '../../src-main/api/stream.ts';
import { desktopBridge } from './desktop.ts';

export type { StreamedEvent };

/** `live` while the stream flows, `reconnecting` while it is down (the screens show a discreet mark). */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface EventHandlers {
  /**
   * Every event the station may see, once each, in order. `live` when it happened after this
   * connection's hello: what a page missed before it loaded, or while the stream was down, arrives
   * with `live: false`, so it can be caught up silently (the board must not speak old calls).
   */
  onEvent(event: StreamedEvent, live: boolean): void;
  /** After each hello; `reconnected` from the second one on, when a screen should reload its view. */
  onConnected?(reconnected: boolean): void;
  onStatus?(status: StreamStatus): void;
  /** A code read by a scanner the hub drives for this station (not the keyboard wedge). */
  onScan?(scan: DeviceScan): void;
}

export type DeviceScan = Omit<ScanFrame, 'type'>;

/** Waits between attempts: 1 s, 2 s, 4 s, 8 s, then every 10 s until the hub answers. */
export const reconnectDelaysMs = [1000, 2000, 4000, 8000, 10_000] as const;

/** Reads the stream's frames for `handlers`: each event once, live or caught up (see onEvent). */
function frameReader(handlers: EventHandlers) {
  let liveAfter = Infinity;
  let hellos = 0;
  let lastSeq: number | null = null;
  return {
    get lastSeq() {
      return lastSeq;
    },
    read(frame: StreamFrame) {
      if (frame.type === 'hello') {
        liveAfter = frame.lastSeq;
        hellos += 1;
        handlers.onStatus?.('live');
        handlers.onConnected?.(hellos > 1);
      } else if (frame.type === 'event' && frame.event.seq > (lastSeq ?? -1)) {
        lastSeq = frame.event.seq;
        handlers.onEvent(frame.event, frame.event.seq > liveAfter);
      } else if (frame.type === 'scan' && typeof frame.text === 'string') {
        handlers.onScan?.({ text: frame.text, symbology: frame.symbology ?? null });
      }
    },
  };
}

const streamStatuses: readonly string[] = ['connecting', 'live', 'reconnecting'] satisfies StreamStatus[];

/**
 * Follows the hub's event stream (`/api/events?after=<seq>`, docs/api.md). In a browser it opens
 * the socket itself on this page's host, authenticated by the station's HttpOnly session cookie;
 * in the desktop app the main process follows it with the token and forwards the frames. Either
 * way the first connection starts at the hub's newest event — a page that just loaded reads its
 * view fresh instead of replaying the day — and a reconnection resumes after the last event
 * handled, with back-off. Returns `stop`.
 */
export function followEvents(handlers: EventHandlers): () => void {
  const reader = frameReader(handlers);
  const desktop = desktopBridge();
  if (desktop) {
    handlers.onStatus?.('connecting');
    return desktop.events.follow(
      (frame) => reader.read(frame as StreamFrame),
      (status) => {
        if (streamStatuses.includes(status)) handlers.onStatus?.(status as StreamStatus);
      },
    );
  }
  let stopped = false;
  let socket: WebSocket | null = null;
  let timer: number | undefined;
  let start: number | null = null;
  let failures = 0;

  const retry = () => {
    if (stopped) return;
    handlers.onStatus?.('reconnecting');
    const delay = reconnectDelaysMs[Math.min(failures, reconnectDelaysMs.length - 1)];
    failures += 1;
    timer = window.setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (start === null) {
      try {
        const health = (await (await fetch('/healthz', { cache: 'no-store' })).json()) as {
          lastEvent: number;
        };
        start = health.lastEvent;
      } catch {
        retry();
        return;
      }
    }
    if (stopped) return;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const after = reader.lastSeq ?? start;
    const ws = new WebSocket(`${scheme}://${window.location.host}/api/events?after=${after}`);
    socket = ws;
    ws.onmessage = (message) => {
      let frame: StreamFrame;
      try {
        frame = JSON.parse(String(message.data)) as StreamFrame;
      } catch {
        return; // not ours to act on; the stream only sends JSON
      }
      if (frame.type === 'hello') failures = 0;
      reader.read(frame);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      retry();
    };
  };

  handlers.onStatus?.('connecting');
  void connect();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    socket?.close(1000, 'page closed');
    socket = null;
  };
}

/** `followEvents` for a component's lifetime; the handlers may change between renders. */
export function useFloorEvents(handlers: EventHandlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(
    () =>
      followEvents({
        onEvent: (event, live) => latest.current.onEvent(event, live),
        onConnected: (reconnected) => latest.current.onConnected?.(reconnected),
        onStatus: (next) => {
          setStatus(next);
          latest.current.onStatus?.(next);
        },
        onScan: (scan) => latest.current.onScan?.(scan),
      }),
    [],
  );
  return status;
}

/**
 * A reload that events may ask for as often as they come: one runs at a time, and asks made while
 * it runs share a single run after it, so a burst of events costs two reloads, not one each.
 */
export function coalesced(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}

/**
 * Follows the stream for a screen that shows a view: reloads it on each event `touches` accepts,
 * once the stream is live (an event logged between the view's first load and the stream's start
 * would otherwise be missed) and after a reconnect, for whatever happened while it was down.
 */
export function useReloadOnEvents(
  touches: (event: StreamedEvent) => boolean,
  reload: () => void,
): StreamStatus {
  return useFloorEvents({
    onEvent: (event) => {
      if (touches(event)) reload();
    },
    // Every hello, the first too: the view loaded at mount may predate the stream's start.
    onConnected: () => reload(),
  });
}
