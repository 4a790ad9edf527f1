import WebSocket from 'ws';
import type { StreamedEvent as FloorEvent } from '../../src-main/domain/events.ts';
import type { ScanFrame } from '../../src-main/api/stream.ts';

/** What the hub sends down `/api/events`: one hello, then events in sequence order. */
export type StreamMessage =
  | { type: 'hello'; station: { id: string; mode: string }; lastSeq: number }
  | { type: 'event'; event: FloorEvent }
  | ScanFrame;

/** The `ws://` address of a hub's event stream, from its `http://` address. */
export function eventsUrl(hubUrl: string, after?: number, pathname = '/api/events'): string {
  const url = new URL(pathname, hubUrl.replace(/^http/, 'ws'));
  if (after !== undefined) url.searchParams.set('after', String(after));
  return url.href;
}

/** A station following the hub's event stream, keeping every message it was sent. */
export class EventClient {
  readonly messages: StreamMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as StreamMessage);
      for (const listener of this.listeners) listener();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      for (const listener of this.listeners) listener();
    });
  }

  /** Opens the stream with `Authorization: Bearer <token>`; rejects with the refusal's status. */
  static connect(
    hubUrl: string,
    token: string | null,
    after?: number,
    pathname?: string,
  ): Promise<EventClient> {
    return EventClient.open(
      hubUrl,
      token === null ? {} : { authorization: `Bearer ${token}` },
      after,
      pathname,
    );
  }

  /** Opens the stream as a page does: with its session cookie (from `POST /auth/session`). */
  static connectWithCookie(hubUrl: string, cookie: string, after?: number): Promise<EventClient> {
    return EventClient.open(hubUrl, { cookie }, after);
  }

  private static open(
    hubUrl: string,
    headers: Record<string, string>,
    after?: number,
    pathname?: string,
  ): Promise<EventClient> {
    const socket = new WebSocket(eventsUrl(hubUrl, after, pathname), { headers });
    const client = new EventClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', (error) => reject(error));
    });
  }

  hello(): Extract<StreamMessage, { type: 'hello' }> | undefined {
    const first = this.messages[0];
    return first?.type === 'hello' ? first : undefined;
  }

  events(): FloorEvent[] {
    return this.messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
  }

  /** The codes a scanner the hub drives for this station read, in order. */
  scans(): string[] {
    return this.messages.flatMap((m) => (m.type === 'scan' ? [m.text] : []));
  }

  lastSeq(): number {
    return this.events().at(-1)?.seq ?? this.hello()?.lastSeq ?? 0;
  }

  /** Resolves once `done()` holds for the messages received, or rejects after `timeoutMs`. */
  waitFor(done: (client: EventClient) => boolean, what: string, timeoutMs = 3000): Promise<void> {
    if (done(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `timed out waiting for ${what}; got ${JSON.stringify(this.messages.map((m) => (m.type === 'event' ? `${m.event.seq}:${m.event.type}` : m.type)))}`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
      setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 1000).unref();
    });
  }
}

/** Tries to open the stream and returns the HTTP status the hub refused it with. */
export async function refusedStatus(
  hubUrl: string,
  token: string | null,
  pathname?: string,
): Promise<number> {
  try {
    const client = await EventClient.connect(hubUrl, token, undefined, pathname);
    await client.close();
  } catch (error) {
    const match = /Unexpected server response: (\d+)/.exec((error as Error).message);
    if (match) return Number(match[1]);
    throw error;
  }
  throw new Error('the hub accepted the event stream');
}
