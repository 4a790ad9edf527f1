import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Store } from '../store/store.ts';
import type { FloorEvent } from '../store/events.ts';
import type { Station, StationMode } from '../store/stations.ts';

interface Subscriber {
  socket: WebSocket;
  station: Station;
  cursor: number;
}

/** Event types a mode never receives: boards and kiosks see no personal booking data. */
const hiddenFrom: Partial<Record<StationMode, (type: string) => boolean>> = {
  display: (type) => type.startsWith('booking.') || type.startsWith('station.'),
  kiosk: (type) => type.startsWith('station.'),
};

const maxBuffered = 4 * 1024 * 1024;

const revokes = (event: FloorEvent, station: Station): boolean =>
  event.type === 'station.revoked' && (event.payload as { id?: unknown } | null)?.id === station.id;

/**
 * The hub's event stream: each station follows the events table from its own cursor. New events
 * are pushed after every operation and on a short timer (so changes made by the command line
 * beside a running hub reach the floor too). A lagging socket catches up from its cursor.
 */
export class EventStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly subscribers = new Set<Subscriber>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = () => {},
    pollMs = 250,
  ) {
    this.timer = setInterval(() => this.pump(), pollMs);
    this.timer.unref();
  }

  /** Completes a WebSocket upgrade for an authenticated station. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, station: Station, cursor: number): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const subscriber: Subscriber = { socket: ws, station, cursor };
      this.subscribers.add(subscriber);
      ws.on('close', () => this.subscribers.delete(subscriber));
      ws.on('error', () => this.subscribers.delete(subscriber));
      ws.on('message', () => {
        // The stream is one-way; commands go through POST /api/<operation>.
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          station: { id: station.id, mode: station.mode },
          lastSeq: this.store.events.lastSeq(),
        }),
      );
      this.catchUp(subscriber);
    });
  }

  /** Sends every subscriber the events it has not seen yet. */
  pump(): void {
    try {
      for (const subscriber of this.subscribers) this.catchUp(subscriber);
    } catch (error) {
      // A busy or failing read must not take the hub down; the next pump retries from the cursors.
      this.log(`event stream: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private catchUp(subscriber: Subscriber): void {
    const { socket } = subscriber;
    while (socket.readyState === socket.OPEN && socket.bufferedAmount < maxBuffered) {
      const events = this.store.events.readAfter(subscriber.cursor, 500);
      if (!events.length) return;
      for (const event of events) {
        if (revokes(event, subscriber.station)) {
          // A revoked station loses the stream it holds open, not only its next connection.
          this.subscribers.delete(subscriber);
          socket.close(1008, 'station revoked');
          return;
        }
        if (this.visible(subscriber.station.mode, event))
          socket.send(JSON.stringify({ type: 'event', event }));
        subscriber.cursor = event.seq;
      }
    }
  }

  private visible(mode: StationMode, event: FloorEvent): boolean {
    return !hiddenFrom[mode]?.(event.type);
  }

  close(): void {
    clearInterval(this.timer);
    for (const { socket } of this.subscribers) socket.close(1001, 'hub shutting down');
    this.subscribers.clear();
    this.wss.close();
  }
}
