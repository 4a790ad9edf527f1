import { randomUUID } from 'node:crypto';
import { newId } from '../../domain/ids.ts';
import { contract, type InputOf } from '../../api/contract.ts';
import { failure, unreachableHub, type BridgeError, type BridgeResult } from '../../api/bridge.ts';
import { describeInputIssues } from '../../api/inputIssues.ts';
import type { CounterView } from '../../api/counterViews.ts';
import type { TicketView } from '../../api/views.ts';
import type { Clock } from '../../domain/clock.ts';
import { LoketError } from '../../domain/errors.ts';
import type { LaneId } from '../../domain/laneIds.ts';
import { localDateOf } from '../../domain/localTime.ts';
import { checkIn, type CheckInInput } from '../../services/checkIn.ts';
import { recordTicketPrint, ticketSlip } from '../../services/printTicket.ts';
import { offlineTicketOf } from '../../api/offlineViews.ts';
import type { CommandOutcome } from '../../store/commands.ts';
import type { NumberLease } from '../../store/leases.ts';
import type { StationMode } from '../../domain/roles.ts';
import type { TicketRecord } from '../../store/tickets.ts';
import type { StreamFrame } from '../../api/stream.ts';
import { followHub, type FollowOptions } from '../eventFollower.ts';
import type { CallOptions, HubClient } from '../hubClient.ts';
import type { HubPin } from '../hubTls.ts';
import type { Replica, Snapshot } from './replica.ts';

export interface RuntimeOptions {
  replica: Replica;
  hub: HubClient;
  /** The station's token, for following the hub's stream (it never leaves the main process). */
  token: string;
  /** The hub's certificate pinned at pairing, for a hub on https. */
  pin?: HubPin | undefined;
  clock: Clock;
  log?: (line: string) => void;
  /** How long an online check-in waits for the hub before the kiosk issues the ticket itself. */
  onlineTimeoutMs?: number;
  /** Waits between attempts to reach the hub (outbox, snapshot). */
  retryDelaysMs?: readonly number[];
  /** A kiosk asks for a fresh block when fewer numbers than this are left in a lane and window. */
  leaseLowWater?: number;
  /** How long the hub may keep failing one outbox command before the supervisor is told (3 minutes). */
  stuckAfterMs?: number;
  follow?: typeof followHub;
  followDelaysMs?: FollowOptions['delaysMs'];
  /** Each stream frame, after the replica has applied it (a window may want them). */
  onFrame?: (frame: StreamFrame) => void;
}

export interface RuntimeStatus {
  station: { id: string; mode: StationMode } | null;
  /** The last contact with the hub succeeded. */
  online: boolean;
  /** Commands waiting for the hub. */
  pending: number;
  /** Commands the hub refused, kept for the supervisor. */
  refused: number;
  cursor: number | null;
  /** Leased numbers left today, across all lanes and windows (kiosks). */
  leasedLeft: number;
  /** The hub no longer knows this station's token (revoked, or paired again elsewhere). */
  revoked: boolean;
}

/** The input of an operation the runtime answers itself, checked as the hub would check it. */
function parse<N extends 'checkIn' | 'ticketSlip' | 'recordTicketPrint' | 'completeService'>(
  name: N,
  raw: unknown,
): InputOf<N> {
  const parsed = contract[name].input.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new LoketError('INVALID_INPUT', describeInputIssues(parsed.error.issues));
  }
  return parsed.data as InputOf<N>;
}

const asError = (error: BridgeError): LoketError =>
  new LoketError(error.code, error.message, error.details ?? {});

const retryable = (status: number): boolean => status === 0 || status === 429 || status >= 500;

/** The hub turned the station's token away (not a wrong PIN, which is a 401 too). */
const stationRefused = (result: BridgeResult<unknown>): boolean =>
  !result.ok && result.error.status === 401 && result.error.details?.['station'] === 'not_registered';

/** What a revoked station's kiosk says instead of issuing tickets the hub will never take. */
export const stationNotRegistered = (): LoketError =>
  new LoketError(
    'UNAUTHORIZED',
    {
      id: 'Stasiun ini tidak lagi terdaftar di server loket. Silakan ke meja bantuan.',
      en: 'This station is no longer registered with the floor server. Please go to the help desk.',
    },
    { station: 'not_registered' },
  );

/**
 * The station runtime: what a station PC runs between its window and the hub. It keeps a replica
 * of the floor (kiosk: the office, the day's bookings and tickets, its leased numbers) by
 * following the hub's stream from a stored cursor, and an outbox of commands written locally
 * first and sent in order, each applied once by the hub. A kiosk that cannot reach the hub keeps
 * checking in the bookings it holds, numbering from its leased blocks; the outbox brings those
 * tickets to the hub when it is back.
 */
export class StationRuntime implements HubClient {
  readonly url: string;
  private online = false;
  private stopped = false;
  private revoked = false;
  private draining: Promise<void> | null = null;
  private leasing: Promise<void> | null = null;
  private stopFollow: (() => void) | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();
  private readonly log: (line: string) => void;
  private readonly delays: readonly number[];
  /** The outbox command the hub keeps failing on, if any, and whether the supervisor was told. */
  private failing: { id: string; since: number; attempts: number; reported: boolean } | null = null;

  constructor(private readonly options: RuntimeOptions) {
    this.url = options.hub.url;
    this.log = options.log ?? (() => {});
    this.delays = options.retryDelaysMs ?? [1000, 2000, 4000, 8000, 10_000];
  }

  private get replica(): Replica {
    return this.options.replica;
  }

  /** Learns who this station is (once), loads the replica (once), then follows and drains. */
  async start(): Promise<void> {
    let station = this.replica.station;
    for (let attempt = 0; !station && !this.stopped; attempt += 1) {
      const who = await this.options.hub.call('whoAmI', {});
      if (who.ok) {
        const answer = who.value as { id: string; mode: StationMode };
        this.replica.rememberStation(answer);
        station = answer;
      } else if (stationRefused(who)) {
        this.heard(who);
        return;
      } else if (!retryable(who.error.status)) {
        throw new LoketError(who.error.code, who.error.message);
      } else await this.pause(attempt);
    }
    if (this.stopped || this.revoked || !station) return;
    if (station.mode === 'kiosk' && this.replica.cursor === null) await this.loadSnapshot();
    if (this.stopped || this.revoked) return;
    this.follow();
    void this.drain();
    if (station.mode === 'kiosk') {
      void this.refreshLeases();
      const timer = setInterval(() => void this.refreshLeases(), 5 * 60_000);
      timer.unref();
      this.timers.add(timer);
    }
  }

  status(): RuntimeStatus {
    const outbox = this.replica.store.outbox;
    return {
      station: this.replica.station,
      online: this.online,
      pending: outbox.pending(),
      refused: outbox.refused().length,
      cursor: this.replica.cursor,
      leasedLeft: this.leasedLeft(),
      revoked: this.revoked,
    };
  }

  private leasedLeft(): number {
    const station = this.replica.station;
    if (station?.mode !== 'kiosk' || this.replica.cursor === null) return 0;
    const today = localDateOf(this.options.clock.now(), this.replica.store.office.get().timeZone);
    return this.replica.store.leases
      .forStation(station.id, today)
      .reduce((sum, lease) => sum + lease.lastSeq - (lease.usedUpTo ?? lease.firstSeq - 1), 0);
  }

  /** An operation from the station's window: check-ins through the replica, the rest to the hub. */
  async call(name: string, input: unknown, options?: CallOptions): Promise<BridgeResult<unknown>> {
    const mode = this.replica.station?.mode;
    const local =
      mode === 'kiosk'
        ? this.kioskOperations[name]
        : mode === 'counter'
          ? this.counterOperations[name]
          : mode === 'display' && name === 'boardView'
            ? (input: unknown) => this.keptView('boardView', input)
            : undefined;
    if (local) {
      try {
        return { ok: true, value: await local(input) };
      } catch (error) {
        return failure(error);
      }
    }
    // What the station queued goes first: the hub must not decide on a floor missing those results.
    if (this.replica.store.outbox.pending() > 0 && !(await this.settled(this.onlineTimeoutMs)))
      return failure(new LoketError('INTERNAL', unreachableHub));
    const result = await this.options.hub.call(name, input, options);
    this.heard(result);
    return result;
  }

  /** Waits for the outbox to empty (tests, shutdown); answers false if it did not in time. */
  async settled(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.replica.store.outbox.pending() === 0) return true;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.replica.store.outbox.pending() === 0;
  }

  /** Stops following and sending; resolves when no call in flight can touch the replica any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopFollow?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.wake();
    await Promise.allSettled([this.draining, this.leasing]);
  }

  /** What a kiosk does through its replica, so that it goes on while the hub is out of reach. */
  private readonly kioskOperations: Record<string, ((input: unknown) => Promise<unknown>) | undefined> = {
    checkIn: (input) => this.checkIn(input),
    ticketSlip: (input) => this.ticketSlip(input),
    recordTicketPrint: (input) => this.recordPrint(input),
  };

  /**
   * What a counter does through the runtime: the officer can finish the visit being served while
   * the hub is out of reach (the result is queued and applied as of that moment); calling the
   * next citizen waits for the hub, which alone decides who is next.
   */
  private readonly counterOperations: Record<string, ((input: unknown) => Promise<unknown>) | undefined> = {
    counterView: (input) => this.counterView(input),
    completeService: (input) => this.completeService(input),
  };

  /** The counter's view from the hub, kept; while apart, the last one (with what was done since). */
  private counterView(input: unknown): Promise<unknown> {
    // Results still queued for the hub are not undone on screen by a view that predates them.
    return this.keptView('counterView', input, (view) =>
      this.replica.store.outbox.pending() > 0 ? { ...(view as CounterView), current: null } : view,
    );
  }

  /**
   * A screen's view from the hub, kept in the replica; while the hub is out of reach (and after a
   * restart meanwhile) the screen shows the last one it had instead of nothing.
   */
  private async keptView(
    name: 'counterView' | 'boardView',
    input: unknown,
    adjust: (view: unknown) => unknown = (view) => view,
  ): Promise<unknown> {
    const answer = await this.options.hub.call(name, input, { timeoutMs: this.onlineTimeoutMs });
    this.heard(answer);
    if (answer.ok) {
      const shown = adjust(answer.value);
      this.replica.store.replica.set(name, JSON.stringify(shown));
      return shown;
    }
    const kept = this.replica.store.replica.get(name);
    if (!retryable(answer.error.status) || !kept) throw asError(answer.error);
    return JSON.parse(kept) as unknown;
  }

  private async completeService(raw: unknown): Promise<unknown> {
    const input = parse('completeService', raw);
    const id = randomUUID();
    const at = this.options.clock.now();
    if (this.direct) {
      const answer = await this.options.hub.call('completeService', input, {
        commandId: id,
        commandAt: at,
        timeoutMs: this.onlineTimeoutMs,
      });
      this.heard(answer);
      if (answer.ok) return answer.value;
      if (!retryable(answer.error.status)) throw asError(answer.error);
    }
    const kept = this.replica.store.replica.get('counterView');
    const view = kept ? (JSON.parse(kept) as CounterView) : null;
    // Only a visit this screen saw being served can be finished without the hub.
    if (!view?.current || view.current.status !== 'serving') throw new LoketError('INTERNAL', unreachableHub);
    const done = { ...view.current, status: 'done' as const };
    this.replica.store.transaction(() => {
      this.replica.store.outbox.add({ id, operation: 'completeService', input, createdAt: at });
      this.replica.store.replica.set('counterView', JSON.stringify({ ...view, current: null }));
    });
    this.queued();
    return done;
  }

  /** Whether to ask the hub first: it answered last time and nothing is waiting to reach it. */
  private get direct(): boolean {
    return this.online && this.replica.store.outbox.pending() === 0;
  }

  private get caller(): { stationId: string; actor: string; mode: StationMode } {
    const station = this.replica.station as { id: string; mode: StationMode };
    return { stationId: station.id, actor: station.id, mode: station.mode };
  }

  /** The slip to print: from the hub, or from the replica for a ticket the hub has not heard of yet. */
  private async ticketSlip(raw: unknown): Promise<unknown> {
    const input = parse('ticketSlip', raw);
    if (this.direct) {
      const answer = await this.options.hub.call('ticketSlip', input, { timeoutMs: this.onlineTimeoutMs });
      this.heard(answer);
      if (answer.ok) return answer.value;
      if (!retryable(answer.error.status)) throw asError(answer.error);
    }
    const ctx = { store: this.replica.store, clock: this.options.clock };
    const { view, reprint, training } = ticketSlip(ctx, this.caller, input);
    return { ticket: view, reprint, training };
  }

  /** How the kiosk's printer did: kept in the replica (its reprint count) and sent to the hub once. */
  private async recordPrint(raw: unknown): Promise<unknown> {
    const input = parse('recordTicketPrint', raw);
    const ctx = { store: this.replica.store, clock: this.options.clock };
    const id = randomUUID();
    if (this.direct) {
      const answer = await this.options.hub.call('recordTicketPrint', input, {
        commandId: id,
        timeoutMs: this.onlineTimeoutMs,
      });
      this.heard(answer);
      if (answer.ok) {
        recordTicketPrint(ctx, this.caller, input);
        return answer.value;
      }
      if (!retryable(answer.error.status)) throw asError(answer.error);
    }
    // The same id: had the hub applied the direct attempt after all, the resend changes nothing.
    const result = this.replica.store.transaction(() => {
      const local = recordTicketPrint(ctx, this.caller, input);
      this.replica.store.outbox.add({
        id,
        operation: 'recordTicketPrint',
        input,
        createdAt: this.options.clock.now(),
      });
      return local;
    });
    this.queued();
    return result;
  }

  private get onlineTimeoutMs(): number {
    return this.options.onlineTimeoutMs ?? 3000;
  }

  /**
   * A kiosk's check-in: online, the hub numbers it (the kiosk names the ticket's id, so a lost
   * answer and a retry are one ticket); when the hub does not answer in time, or commands are
   * still waiting to reach it, the kiosk issues the ticket itself from its replica and leased
   * numbers, and queues it for the hub.
   */
  private async checkIn(raw: unknown): Promise<TicketView> {
    // A ticket from a revoked kiosk would never reach the hub: the citizen would wait for nothing.
    if (this.revoked) throw stationNotRegistered();
    const parsed = parse('checkIn', raw);
    const input = { ...parsed, ticketId: parsed.ticketId ?? newId() };
    if (this.direct) {
      const answer = await this.options.hub.call('checkIn', input, { timeoutMs: this.onlineTimeoutMs });
      this.heard(answer);
      if (answer.ok) {
        const view = answer.value as TicketView;
        const station = this.replica.station as { id: string };
        this.replica.keepIssued(view, station.id);
        return view;
      }
      if (this.revoked) throw stationNotRegistered();
      if (!retryable(answer.error.status)) throw asError(answer.error);
      this.log(`check-in: the hub did not answer (${answer.error.status}); issuing offline`);
    }
    const view = this.checkInOffline(input);
    this.queued();
    return view;
  }

  private checkInOffline(input: CheckInInput & { ticketId: string }): TicketView {
    const store = this.replica.store;
    return store.transaction(() => {
      const view = checkIn({ store, clock: this.options.clock }, this.caller, input, (date, lane, window) =>
        this.leasedNumber(date, lane, window),
      );
      if (view.repeated) return view;
      const ticket = store.tickets.find(view.id) as TicketRecord;
      const offline = offlineTicketOf(ticket);
      store.outbox.add({
        id: randomUUID(),
        operation: 'checkInOffline',
        input: {
          ticket: offline,
          ...(input.priority ? { priorityClaimed: input.priority } : {}),
        },
        createdAt: this.options.clock.now(),
      });
      return view;
    });
  }

  private leasedNumber(date: string, lane: LaneId, windowNumber: number): number {
    const sequence = this.replica.store.leases.take(date, lane, windowNumber);
    if (sequence !== null) return sequence;
    throw new LoketError('INTERNAL', {
      id: 'Server loket tidak terhubung dan nomor cadangan kios ini habis. Silakan ke meja bantuan.',
      en: 'The floor server is out of reach and this kiosk has no spare numbers left. Please go to the help desk.',
    });
  }

  /** Sends the outbox in order, one command at a time, until it is empty; retries with back-off. */
  private drain(): Promise<void> {
    this.draining ??= (async () => {
      let failures = 0;
      const outbox = this.replica.store.outbox;
      for (let entry = outbox.oldest(); entry && !this.stopped && !this.revoked; entry = outbox.oldest()) {
        outbox.tried(entry.id);
        const answer = await this.options.hub.call(entry.operation, entry.input, {
          commandId: entry.id,
          commandAt: entry.createdAt,
          timeoutMs: this.onlineTimeoutMs,
        });
        this.heard(answer);
        if (this.stopped || this.revoked) break;
        if (!answer.ok && retryable(answer.error.status)) {
          if (answer.error.status !== 0) this.failedAgain(entry, answer.error);
          await this.pause(failures);
          failures += 1;
          continue;
        }
        failures = 0;
        this.failing = null;
        const outcome: CommandOutcome = answer.ok
          ? { ok: true, value: answer.value }
          : {
              ok: false,
              error: {
                code: answer.error.code,
                message: answer.error.message,
                details: answer.error.details,
              },
            };
        outbox.answered(entry.id, outcome, this.options.clock.now());
        if (!answer.ok) this.log(`the hub refused ${entry.operation} ${entry.id}: ${answer.error.code}`);
      }
    })().finally(() => {
      this.draining = null;
      if (this.stopped || this.revoked) return;
      if (this.replica.store.outbox.pending() > 0) void this.drain();
      else void this.refreshLeases();
    });
    return this.draining;
  }

  /**
   * The hub answered an outbox command with an error it may retry (a 500, say) once more. After a
   * few minutes of the same command failing, the station tells the supervisor (once): the outbox
   * is stuck behind it, and only a person can find out why.
   */
  private failedAgain(entry: { id: string; operation: string }, error: BridgeError): void {
    const now = this.options.clock.now();
    if (this.failing?.id !== entry.id)
      this.failing = { id: entry.id, since: now, attempts: 0, reported: false };
    const failing = this.failing;
    failing.attempts += 1;
    if (failing.reported || now - failing.since < (this.options.stuckAfterMs ?? 3 * 60_000)) return;
    failing.reported = true;
    this.log(`the hub keeps failing ${entry.operation} ${entry.id} (${error.code}): telling the supervisor`);
    void this.options.hub
      .call('reportStuckCommand', {
        commandId: entry.id,
        operation: entry.operation.slice(0, 60),
        since: failing.since,
        attempts: failing.attempts,
        answer: {
          status: error.status,
          code: error.code.slice(0, 60),
          message: { id: error.message.id.slice(0, 500), en: error.message.en.slice(0, 500) },
        },
      })
      .then((answer) => {
        // Not heard: try again at the next failure.
        if (!answer.ok && this.failing?.id === entry.id) failing.reported = false;
      });
  }

  private async loadSnapshot(): Promise<void> {
    for (let attempt = 0; !this.stopped && !this.revoked; attempt += 1) {
      const answer = await this.options.hub.call('replicaSnapshot', {});
      this.heard(answer);
      if (this.stopped) return;
      if (answer.ok) {
        this.replica.load(answer.value as Snapshot, this.options.clock.now());
        return;
      }
      this.log(`replica snapshot: ${answer.error.code}`);
      await this.pause(attempt);
    }
  }

  /** Keeps a block of numbers for every lane and window, and a fresh one where few are left. */
  private refreshLeases(): Promise<void> {
    this.leasing ??= this.askForLeases().finally(() => {
      this.leasing = null;
    });
    return this.leasing;
  }

  private async askForLeases(): Promise<void> {
    if (this.stopped || this.revoked || !this.online || this.replica.station?.mode !== 'kiosk') return;
    const store = this.replica.store;
    const office = store.office.get();
    const today = localDateOf(this.options.clock.now(), office.timeZone);
    const left = new Map<string, { lane: LaneId; windowNumber: number; left: number }>();
    for (const lease of store.leases.forStation(this.replica.station.id, today)) {
      const key = `${lease.lane}:${lease.windowNumber}`;
      const entry = left.get(key) ?? { lane: lease.lane, windowNumber: lease.windowNumber, left: 0 };
      entry.left += lease.lastSeq - (lease.usedUpTo ?? lease.firstSeq - 1);
      left.set(key, entry);
    }
    const low = this.options.leaseLowWater ?? 20;
    const exhausted = [...left.values()]
      .filter((entry) => entry.left < low)
      .map(({ lane, windowNumber }) => ({ lane, windowNumber }));
    const answer = await this.options.hub.call('leaseNumbers', { exhausted: exhausted.slice(0, 200) });
    this.heard(answer);
    if (answer.ok && !this.stopped)
      this.replica.keepLeases((answer.value as { leases: NumberLease[] }).leases);
  }

  private follow(): void {
    const after = this.replica.cursor ?? undefined;
    const follow = this.options.follow ?? followHub;
    this.stopFollow = follow(this.url, this.options.token, {
      ...(after !== undefined ? { after } : {}),
      pin: this.options.pin,
      onProblem: (problem) => this.log(`event stream: ${problem.en}`),
      ...(this.options.followDelaysMs ? { delaysMs: this.options.followDelaysMs } : {}),
      onFrame: (frame) => {
        if (frame.type === 'event') {
          try {
            this.replica.apply(frame.event);
          } catch (error) {
            this.log(`replica: event ${frame.event.seq} (${frame.event.type}) not applied: ${String(error)}`);
          }
        }
        this.options.onFrame?.(frame);
      },
      onStatus: (status) => {
        if (status === 'live') {
          this.online = true;
          this.wake();
          void this.drain();
          void this.refreshLeases();
        } else if (status === 'reconnecting') this.online = false;
      },
    });
  }

  /**
   * Any answer from the hub tells whether it can be reached, and whether it still knows this
   * station: a revoked one stops sending and following, and its kiosk stops issuing tickets.
   */
  private heard(result: BridgeResult<unknown>): void {
    this.online = result.ok || result.error.status !== 0;
    if (stationRefused(result) && !this.revoked) {
      this.revoked = true;
      this.online = false;
      this.log('the hub no longer knows this station (revoked?): stopped sending and following');
      this.stopFollow?.();
      this.stopFollow = null;
      this.wake();
    }
  }

  /** Waits the back-off for an attempt, cut short by stop() or new work. */
  private pause(attempt: number): Promise<void> {
    const delay = this.delays[Math.min(attempt, this.delays.length - 1)] ?? 10_000;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.timers.add(timer);
      this.wakers.add(done);
    });
  }

  /**
   * Something went into the outbox: sending starts now (with back-off while the hub is out of
   * reach), not only when the event stream comes back, which a revoked station's never does.
   */
  private queued(): void {
    this.wake();
    if (this.replica.station && !this.stopped && !this.revoked) void this.drain();
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}
