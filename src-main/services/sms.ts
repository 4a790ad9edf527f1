import { newId } from '../domain/ids.ts';
import {
  normaliseIndonesianMobile,
  openSmsModem,
  SmsInputError,
  SmsSendError,
  smsText,
  type SmsModem,
} from '../../drivers/sms-modem/modem.ts';
import type { LocalDate } from '../domain/localTime.ts';
import { readySmsBody } from '../domain/readySms.ts';
import type { SmsRecord } from '../store/sms.ts';
import type { Caller, ServiceContext } from './context.ts';

/**
 * "SMS when ready": the message is queued in the outbox when a passport is ready, and `SmsSender`
 * (run by the hub) sends what is due through the office's GSM modem, one at a time, retrying after
 * `sms.retryMinutes` and giving up after `sms.maxAttempts` with the error kept. Supervisors see the
 * outcome as `sms.sent` / `sms.failed` events and the troubled messages in `smsProblems`.
 */

/** Who sends: the hub, on its own schedule. */
const sender: Caller = { stationId: null, actor: 'hub' };

export interface ReadySmsRequest {
  jobId: string | null;
  /** As the citizen gave it on the booking; none: no SMS. */
  phone: string | null | undefined;
  applicationNumber: string;
  officeName: string;
  fromDate: LocalDate;
}

/**
 * Queues the "passport ready" SMS; null when the citizen gave no phone number. A number that is no
 * Indonesian mobile number is kept as failed at once (never tried), so the supervisor sees it
 * rather than the citizen waiting for a message that cannot come.
 */
export function queueReadySms(ctx: ServiceContext, request: ReadySmsRequest): SmsRecord | null {
  const phone = request.phone?.trim();
  if (!phone) return null;
  const draft = readySmsBody(request);
  return ctx.store.transaction(() => {
    const id = newId();
    const now = ctx.clock.now();
    let refusal: SmsInputError | null = null;
    let number = phone;
    let body = draft;
    try {
      number = normaliseIndonesianMobile(phone);
      body = smsText(draft);
    } catch (error) {
      if (!(error instanceof SmsInputError)) throw error;
      refusal = error;
    }
    ctx.store.sms.enqueue(id, request.jobId, number, body, now);
    if (refusal) {
      ctx.store.sms.markUnsendable(id, errorText(refusal), now);
      appendSmsEvent(ctx, 'sms.failed', ctx.store.sms.get(id) as SmsRecord, now, sender);
    }
    return ctx.store.sms.get(id);
  });
}

/** A message the supervisor should look at: given up, or waiting for another try after a failure. */
export interface SmsProblem {
  id: string;
  jobId: string | null;
  phone: string;
  state: 'failed' | 'retrying';
  attempts: number;
  lastError: string;
  /** When a retrying message is tried again; null once failed. */
  nextAttemptAt: number | null;
  updatedAt: number;
}

/** Failed messages and those retrying after a failure, the latest change first. */
export function smsProblems(ctx: ServiceContext, limit = 200): SmsProblem[] {
  return ctx.store.sms.problems(limit).map((message) => ({
    id: message.id,
    jobId: message.jobId,
    phone: message.phone,
    state: message.state === 'failed' ? 'failed' : 'retrying',
    attempts: message.attempts,
    lastError: message.lastError ?? '',
    nextAttemptAt: message.state === 'failed' ? null : message.nextAttemptAt,
    updatedAt: message.updatedAt,
  }));
}

/** The messages of one print job, oldest first. */
export function smsForJob(ctx: ServiceContext, jobId: string): SmsRecord[] {
  return ctx.store.sms.forJob(jobId);
}

export interface SmsTickOutcome {
  sent: number;
  retrying: number;
  failed: number;
}

/** Messages tried per tick at most; the rest wait for the next tick. */
const batchSize = 20;

/**
 * Sends the due messages through the modem the office configures, one at a time. The modem is
 * opened on the first tick that has an address and kept until the address changes or `stop()`.
 * No modem configured: nothing is tried, nothing counts as an attempt, the messages wait.
 */
export class SmsSender {
  #modem: { address: string; modem: SmsModem } | null = null;
  #running: Promise<SmsTickOutcome> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly openModem: (address: string) => SmsModem = (address) => openSmsModem(address),
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Sends what is due now; a tick asked for while one runs shares it. */
  tick(): Promise<SmsTickOutcome> {
    this.#running ??= this.#tick().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Ticks every `intervalMs` (30 s) until `stop()`; a failing tick is logged, never thrown. */
  start(intervalMs = 30_000): void {
    if (this.#timer) return;
    this.#stopped = false;
    this.#timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.log(`sms: tick failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops ticking, lets a message being sent finish, and closes the modem. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
    await this.#closeModem();
  }

  async #tick(): Promise<SmsTickOutcome> {
    const outcome: SmsTickOutcome = { sent: 0, retrying: 0, failed: 0 };
    const config = this.ctx.store.office.get().sms;
    if (!config.modem) {
      await this.#closeModem();
      return outcome;
    }
    const modem = await this.#modemAt(config.modem);
    for (const message of this.ctx.store.sms.due(this.ctx.clock.now(), batchSize)) {
      if (this.#stopped) break;
      let result: { reference: string } | { error: unknown };
      try {
        result = await modem.send(message.phone, message.body);
      } catch (error) {
        result = { error };
      }
      // The office may have changed the retry rule while the modem was busy: read it now.
      const { maxAttempts, retryMinutes } = this.ctx.store.office.get().sms;
      const now = this.ctx.clock.now();
      const state = this.ctx.store.transaction(() => {
        if ('reference' in result) {
          if (!this.ctx.store.sms.markSent(message.id, result.reference, now)) return null;
          appendSmsEvent(this.ctx, 'sms.sent', this.ctx.store.sms.get(message.id) as SmsRecord, now, sender);
          return 'sent' as const;
        }
        const error = errorText(result.error);
        const attempt = message.attempts + 1;
        // A number or text that can never go is not worth another try.
        if (attempt >= maxAttempts || result.error instanceof SmsInputError) {
          if (!this.ctx.store.sms.markFailed(message.id, error, now)) return null;
          appendSmsEvent(
            this.ctx,
            'sms.failed',
            this.ctx.store.sms.get(message.id) as SmsRecord,
            now,
            sender,
          );
          return 'failed' as const;
        }
        const delay = retryMinutes[Math.min(attempt - 1, retryMinutes.length - 1)] ?? 1;
        return this.ctx.store.sms.markRetry(message.id, error, now + delay * 60_000, now)
          ? ('retrying' as const)
          : null;
      });
      if (state) outcome[state] += 1;
      if (state === 'failed') this.log(`sms: ${message.id} failed after ${message.attempts + 1} tries`);
    }
    return outcome;
  }

  async #modemAt(address: string): Promise<SmsModem> {
    if (this.#modem?.address === address) return this.#modem.modem;
    await this.#closeModem();
    let modem: SmsModem;
    try {
      modem = this.openModem(address);
    } catch (error) {
      // An address the driver cannot read: every due message fails with why, and is retried.
      const reason = new SmsSendError('ERROR', error instanceof Error ? error.message : String(error));
      modem = { send: () => Promise.reject(reason), close: async () => undefined };
    }
    this.#modem = { address, modem };
    return modem;
  }

  async #closeModem(): Promise<void> {
    const open = this.#modem;
    this.#modem = null;
    await open?.modem.close();
  }
}

/** What the supervisor reads: the driver's code, then what happened. */
function errorText(error: unknown): string {
  if (error instanceof SmsSendError)
    return `${error.code}: ${error.message}${error.detail && !error.message.includes(error.detail) ? ` (${error.detail})` : ''}`;
  if (error instanceof SmsInputError) return `${error.code}: ${error.message}`;
  return `ERROR: ${error instanceof Error ? error.message : String(error)}`;
}

/** The number with its middle hidden: events travel to every supervisor screen. */
export const maskedPhone = (phone: string): string =>
  phone.length > 8
    ? `${phone.slice(0, 6)}${'*'.repeat(Math.max(1, phone.length - 10))}${phone.slice(-4)}`
    : '****';

function appendSmsEvent(
  ctx: ServiceContext,
  type: 'sms.sent' | 'sms.failed',
  message: SmsRecord,
  at: number,
  caller: Caller,
): void {
  const by = { at, actor: caller.actor, station: caller.stationId };
  const sms = {
    id: message.id,
    jobId: message.jobId,
    phone: maskedPhone(message.phone),
    attempts: message.attempts,
  };
  ctx.store.events.emit(
    type === 'sms.sent'
      ? { ...by, type, payload: { ...sms, reference: message.reference } }
      : { ...by, type, payload: { ...sms, error: message.lastError } },
  );
}
