import { createHmac } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import {
  type IngestAnswer,
  type IngestBatch,
  maxBatchEvents,
  officeHeader,
  signatureHeader,
  type WireEvent,
} from '../domain/centralWire.ts';
import { shippedPayload, shippedSchema } from '../domain/eventShipping.ts';
import { isEventType } from '../domain/events.ts';
import type { CentralLinkRow } from '../store/centralLink.ts';
import { genesisHash, shippedHash } from '../store/eventChain.ts';
import type { Store } from '../store/store.ts';

/**
 * The hub's side of the national view (issue 25, docs/central.md): ships the office's event log to
 * the central store in batches from its cursor, in order, each event reduced to what the catalogue
 * lets leave the office (domain/eventShipping.ts). It never holds the floor up: it reads a batch,
 * sends it on its own time and records the central store's answer; while the link is down it
 * backs off (1 s doubling to a minute) and carries on from the cursor the central store last
 * confirmed. A batch whose answer was lost is sent again and applied once there (the central
 * store skips what it holds); after a restart on either side it resumes from that same cursor.
 */
export interface CentralShipperOptions {
  /** Events per batch (default 500, at most the wire's 2000). */
  batchSize?: number;
  retry?: { initialDelayMs: number; maxDelayMs: number };
  /** The wait between looks at the log once it is all shipped (default 1 s). */
  idleMs?: number;
  /** An empty batch this often while there is nothing new, so the central store sees the link alive. */
  heartbeatMs?: number;
  /** How long one batch may take on the wire (default 30 s). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The pseudonym of an id outside the office: 128 bits of HMAC-SHA256 under the office's own key. */
export function pseudonymiser(key: string): (value: string) => string {
  const secret = Buffer.from(key, 'hex');
  return (value) => `p_${createHmac('sha256', secret).update(value, 'utf8').digest('hex').slice(0, 32)}`;
}

/** Signs a batch's body with the office's key. */
export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** The next batch after the link's cursor, chained from its hash; empty when all is shipped. */
export function nextBatch(store: Store, link: CentralLinkRow, timeZone: string, size: number): IngestBatch {
  const rows = store.events.chainedAfter(link.cursor, Math.min(size, maxBatchEvents));
  const pseudonym = pseudonymiser(link.pseudonymKey);
  let prev = link.hash;
  const events: WireEvent[] = rows.map((row) => {
    const type = row.type;
    let payload: Record<string, unknown> | null = null;
    let withheld = false;
    if (isEventType(type)) {
      payload = shippedPayload(type, JSON.parse(row.payload), pseudonym);
      const schema = shippedSchema(type);
      if (schema && !schema.safeParse(payload).success) {
        payload = null;
        withheld = true;
      }
    } else {
      withheld = true;
    }
    const event = {
      seq: row.seq,
      id: row.id,
      type,
      at: row.at,
      actor: row.actor === null ? null : pseudonym(row.actor),
      station: row.station,
      payload,
      floorHash: row.hash ?? genesisHash,
      floorPrevHash: row.prevHash ?? genesisHash,
    };
    const hash = shippedHash(prev, event);
    prev = hash;
    return { ...event, ...(withheld ? { withheld: true as const } : {}), hash };
  });
  const hubSeq = store.events.lastSeq();
  const newest = hubSeq > 0 ? store.events.chainedAfter(hubSeq - 1, 1)[0] : undefined;
  return {
    office: link.office,
    after: link.cursor,
    timeZone,
    hubSeq,
    hubAt: newest?.at ?? null,
    events,
  };
}

export class CentralShipper {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private closed = false;
  private delayMs: number;
  private lastSentAt = 0;
  private readonly abort = new AbortController();
  private readonly options: Required<Omit<CentralShipperOptions, 'log'>> & { log: (line: string) => void };

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    options: CentralShipperOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 500,
      retry: options.retry ?? { initialDelayMs: 1000, maxDelayMs: 60_000 },
      idleMs: options.idleMs ?? 1000,
      heartbeatMs: options.heartbeatMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      log: options.log ?? (() => undefined),
    };
    this.delayMs = this.options.retry.initialDelayMs;
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops after the batch on the wire (its answer, if it comes, is still recorded). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.round;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.round = this.ship()
        .then((next) => this.schedule(next))
        .catch((error: unknown) => {
          this.options.log(`central link: ${error instanceof Error ? error.message : String(error)}`);
          this.schedule(this.options.retry.maxDelayMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One batch; answers how long to wait before the next. */
  private async ship(): Promise<number> {
    const link = this.store.centralLink.get();
    if (!link) return this.options.idleMs * 5;
    const batch = nextBatch(this.store, link, this.store.office.get().timeZone, this.options.batchSize);
    const now = this.clock.now();
    if (batch.events.length === 0 && Date.now() - this.lastSentAt < this.options.heartbeatMs)
      return this.options.idleMs;
    const body = JSON.stringify(batch);
    let response: Response;
    try {
      response = await fetch(new URL('ingest', link.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [officeHeader]: link.office,
          [signatureHeader]: signBody(link.secret, body),
        },
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
    } catch (error) {
      if (this.closed) return 0;
      return this.failed(link, `cannot reach ${link.url}: ${causeOf(error)}`);
    }
    const answer = (await response.json().catch(() => null)) as
      | (IngestAnswer & { error?: never })
      | { error: { code: string; message: { en: string }; details?: { cursor?: number; hash?: string } } }
      | null;
    this.lastSentAt = Date.now();
    if (response.ok && answer && !('error' in answer && answer.error) && 'cursor' in answer) {
      this.store.centralLink.acknowledged(answer.cursor, answer.hash, now);
      this.delayMs = this.options.retry.initialDelayMs;
      return batch.events.length >= this.options.batchSize ? 0 : this.options.idleMs;
    }
    const error = answer && 'error' in answer ? answer.error : undefined;
    const details = error?.details;
    if (
      (error?.code === 'CURSOR_BEHIND' || error?.code === 'CHAIN_MISMATCH') &&
      typeof details?.cursor === 'number' &&
      typeof details.hash === 'string'
    ) {
      // The central store stands elsewhere than the hub thought (restored, or its chain differs):
      // carry on from where it stands, which the hub's own log still covers.
      this.store.centralLink.acknowledged(details.cursor, details.hash, now);
      this.store.centralLink.failed(`${error.code}: ${error.message.en}`, now);
      return 0;
    }
    return this.failed(
      link,
      error ? `${error.code}: ${error.message.en}` : `the central store answered HTTP ${response.status}`,
    );
  }

  private failed(link: CentralLinkRow, message: string): number {
    this.store.centralLink.failed(message, this.clock.now());
    if (link.failures === 0) this.options.log(`central link: ${message}; trying again with back-off`);
    const wait = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.retry.maxDelayMs);
    return wait;
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error.message;
}
