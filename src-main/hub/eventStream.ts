import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { reach, type FloorEvent, type Listener } from '../domain/events.ts';
import type { UserRole } from '../domain/roles.ts';
import { kioskBookingOf } from '../store/kioskBookings.ts';
import type { Store } from '../store/store.ts';
import type { Station } from '../store/stations.ts';

/** How a station follows the stream: its desktop app or `loket station run` (bearer token), or a page. */
export type StreamClient = Listener['client'];

interface Subscriber {
  socket: WebSocket;
  /** The TCP connection under `socket`, corked while a pump writes to it. */
  connection: Duplex;
  station: Station;
  listener: Listener;
  cursor: number;
}

const maxBuffered = 4 * 1024 * 1024;

const revokes = (event: FloorEvent, station: Station): boolean =>
  event.type === 'station.revoked' && event.payload.id === station.id;

/**
 * The frames of one event, each made at most once per pump however many stations receive it: as
 * logged, and reduced for kiosks' replicas (booking code, NIK hash, window, lane, initials).
 */
class EventFrames {
  private full: string | undefined;
  private kiosk: string | undefined;

  constructor(
    private readonly event: FloorEvent,
    private readonly nikKey: () => Buffer,
  ) {}

  for(how: 'full' | 'kioskBooking'): string {
    if (how === 'full') return (this.full ??= JSON.stringify({ type: 'event', event: this.event }));
    return (this.kiosk ??= JSON.stringify({ type: 'event', event: this.reduced() }));
  }

  private reduced(): object {
    const event = this.event;
    if (event.type !== 'booking.imported' && event.type !== 'booking.updated')
      throw new Error(`no kiosk reduction of ${event.type}`);
    return { ...event, payload: { booking: kioskBookingOf(event.payload.booking, this.nikKey()) } };
  }
}

/** Events read from the table at a time. */
const pageSize = 500;

/** Open, and not so far behind on sending that more should pile up in its buffer. */
const canTakeMore = ({ socket }: Subscriber): boolean =>
  socket.readyState === socket.OPEN && socket.bufferedAmount < maxBuffered;

const lowestCursor = (subscribers: Subscriber[]): number =>
  subscribers.reduce((lowest, { cursor }) => Math.min(lowest, cursor), Infinity);

/**
 * The hub's event stream: each station follows the events table from its own cursor. New events
 * are pushed after every operation and on a short timer (so changes made by the command line
 * beside a running hub reach the floor too). A lagging socket catches up from its cursor.
 */
export class EventStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly subscribers = new Set<Subscriber>();
  private readonly timer: NodeJS.Timeout;
  private queuedPump: NodeJS.Immediate | null = null;
  /** The key of the NIK hashes kiosks' replicas receive (made once, never changed). */
  private nikKey: Buffer | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = () => {},
    pollMs = 250,
  ) {
    this.timer = setInterval(() => this.pump(), pollMs);
    this.timer.unref();
  }

  /**
   * Completes a WebSocket upgrade for an authenticated station. What it receives is its mode's
   * (the catalogue's audiences), and for some events the signed-in officer's role's.
   */
  accept(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    station: Station,
    cursor: number,
    client: StreamClient,
    /** Which client of the station it is (hub/auth.ts `clientOf`): its officer's role only reaches it. */
    officerClient: string | null = null,
  ): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // A cursor past the log's end would skip what is logged next, its own revocation included.
      const lastSeq = this.store.events.lastSeq();
      const listener: Listener = {
        stationId: station.id,
        mode: station.mode,
        client,
        role: () => this.roleAt(station.id, officerClient),
      };
      const subscriber: Subscriber = {
        socket: ws,
        connection: socket,
        station,
        listener,
        cursor: Math.min(cursor, lastSeq),
      };
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
          lastSeq,
        }),
      );
      // The backlog follows in the next pump, which the stations reconnecting with it share: after
      // a hub restart the whole floor comes back at once, each from its own cursor.
      this.pumpSoon();
    });
  }

  /** One pump for everything that asks for one in the same turn of the event loop. */
  private pumpSoon(): void {
    this.queuedPump ??= setImmediate(() => this.pump());
  }

  /** Sends every subscriber the events it has not seen yet. */
  pump(): void {
    if (this.queuedPump) clearImmediate(this.queuedPump);
    this.queuedPump = null;
    try {
      this.fanOut();
    } catch (error) {
      // A busy or failing read must not take the hub down; the next pump retries from the cursors.
      this.log(`event stream: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Reads the events table once, a page at a time from the lowest cursor, and serialises each event
   * once for all subscribers: reading and stringifying per subscriber multiplied the hub's CPU for
   * every check-in by the number of boards and kiosks listening.
   */
  private fanOut(): void {
    const subscribers = [...this.subscribers].filter(canTakeMore);
    // What a pump sends a station leaves in one write, not one system call per event.
    for (const { connection } of subscribers) connection.cork();
    try {
      let ready = subscribers;
      while (ready.length) {
        const events = this.store.events.readAfter(lowestCursor(ready), pageSize);
        for (const event of events) this.send(event, ready);
        if (events.length < pageSize) return;
        // A socket over its buffer limit sits out the rest of this pump and resumes from its cursor.
        ready = ready.filter(canTakeMore);
      }
    } finally {
      for (const { connection } of subscribers) connection.uncork();
    }
  }

  /** Sends one event, serialised once per form, to each of `ready` that has not had it and may see it. */
  private send(event: FloorEvent, ready: Subscriber[]): void {
    const frames = new EventFrames(event, () => (this.nikKey ??= this.store.secrets.nikKey()));
    for (const subscriber of ready) {
      if (subscriber.cursor >= event.seq || !this.subscribers.has(subscriber)) continue;
      if (revokes(event, subscriber.station)) {
        this.cutOff(subscriber.station.id);
        continue;
      }
      const how = reach(event, subscriber.listener);
      if (how !== 'no') subscriber.socket.send(frames.for(how));
      subscriber.cursor = event.seq;
    }
  }

  /**
   * The role of the officer signed in at a station, for events only some roles may receive. Read
   * when such an event is sent, so a sign-in or sign-out between two events is honoured.
   */
  private roleAt(stationId: string, client: string | null): UserRole | null {
    const session = this.store.officers.sessionAtStation(stationId);
    if (!session || session.client !== client) return null;
    return this.store.officers.user(session.userId)?.role ?? null;
  }

  /**
   * A frame for one station's open pages only, not kept anywhere: a code read by a scanner the hub
   * drives for that station. A page that is not connected misses it, like a scan at a switched-off
   * screen; the citizen scans again. Answers how many pages it reached.
   */
  deliver(stationId: string, frame: object): number {
    let text: string | undefined;
    let reached = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber.station.id !== stationId || !canTakeMore(subscriber)) continue;
      text ??= JSON.stringify(frame);
      subscriber.socket.send(text);
      reached += 1;
    }
    return reached;
  }

  /**
   * A revoked station loses every stream it holds open, not only its next connection: all its
   * sockets, whatever their cursors (one lagging or over its buffer limit included).
   */
  private cutOff(stationId: string): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.station.id !== stationId) continue;
      this.subscribers.delete(subscriber);
      subscriber.socket.close(1008, 'station revoked');
    }
  }

  close(): void {
    clearInterval(this.timer);
    if (this.queuedPump) clearImmediate(this.queuedPump);
    for (const { socket } of this.subscribers) socket.close(1001, 'hub shutting down');
    this.subscribers.clear();
    this.wss.close();
  }
}
