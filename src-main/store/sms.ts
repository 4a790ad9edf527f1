import type { Db } from './db.ts';

/** A "passport ready" SMS: queued until sent, retried after a failure, failed after the last try. */
export interface SmsRecord {
  id: string;
  jobId: string | null;
  /** `+628…`. */
  phone: string;
  body: string;
  state: 'queued' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  /** Why the last try failed (kept after a later success too, until it is sent). */
  lastError: string | null;
  /** The network's message reference (`+CMGS: <mr>`) once sent. */
  reference: string | null;
  createdAt: number;
  sentAt: number | null;
  updatedAt: number;
}

interface SmsRow {
  id: string;
  job_id: string | null;
  phone: string;
  body: string;
  state: SmsRecord['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  reference: string | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

const recordOf = (row: SmsRow): SmsRecord => ({
  id: row.id,
  jobId: row.job_id,
  phone: row.phone,
  body: row.body,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  reference: row.reference,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  updatedAt: row.updated_at,
});

/**
 * The SMS outbox (`sms_outbox`). Every try is counted; a state changes only from `queued`, so a
 * message sent or given up cannot be marked again by a sender that raced it.
 */
export class SmsOutboxRepository {
  private readonly insert;
  private readonly byId;
  private readonly dueRows;
  private readonly sent;
  private readonly retry;
  private readonly failed;
  private readonly refused;
  private readonly ofJob;
  private readonly latest;
  private readonly troubled;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO sms_outbox (id, job_id, phone, body, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
    );
    this.byId = db.prepare('SELECT * FROM sms_outbox WHERE id = ?');
    this.dueRows = db.prepare(
      `SELECT * FROM sms_outbox WHERE state = 'queued' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, created_at, id LIMIT ?`,
    );
    this.sent = db.prepare(
      `UPDATE sms_outbox SET state = 'sent', attempts = attempts + 1, reference = ?, sent_at = ?, updated_at = ?
       WHERE id = ? AND state = 'queued'`,
    );
    this.retry = db.prepare(
      `UPDATE sms_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ?
       WHERE id = ? AND state = 'queued'`,
    );
    this.failed = db.prepare(
      `UPDATE sms_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?
       WHERE id = ? AND state = 'queued'`,
    );
    this.refused = db.prepare(
      `UPDATE sms_outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND state = 'queued'`,
    );
    this.ofJob = db.prepare('SELECT * FROM sms_outbox WHERE job_id = ? ORDER BY created_at, id');
    this.latest = db.prepare('SELECT * FROM sms_outbox ORDER BY created_at DESC, id DESC LIMIT ?');
    this.troubled = db.prepare(
      `SELECT * FROM sms_outbox WHERE state = 'failed' OR (state = 'queued' AND last_error IS NOT NULL)
       ORDER BY updated_at DESC, id DESC LIMIT ?`,
    );
  }

  /** Queues a message, due at once. */
  enqueue(id: string, jobId: string | null, phone: string, body: string, now: number): void {
    this.insert.run(id, jobId, phone, body, now, now, now);
  }

  get(id: string): SmsRecord | null {
    const row = this.byId.get(id) as SmsRow | undefined;
    return row ? recordOf(row) : null;
  }

  /** Queued messages whose time has come, oldest due first. */
  due(now: number, limit: number): SmsRecord[] {
    return (this.dueRows.all(now, limit) as SmsRow[]).map(recordOf);
  }

  markSent(id: string, reference: string, now: number): boolean {
    return this.sent.run(reference, now, now, id).changes === 1;
  }

  /** A try failed; the next one at `nextAt`. */
  markRetry(id: string, error: string, nextAt: number, now: number): boolean {
    return this.retry.run(error, nextAt, now, id).changes === 1;
  }

  /** The last try failed: given up, the error kept for the supervisor. */
  markFailed(id: string, error: string, now: number): boolean {
    return this.failed.run(error, now, id).changes === 1;
  }

  /** Given up without a try: the message could never go (a number that is not a mobile number). */
  markUnsendable(id: string, error: string, now: number): boolean {
    return this.refused.run(error, now, id).changes === 1;
  }

  forJob(jobId: string): SmsRecord[] {
    return (this.ofJob.all(jobId) as SmsRow[]).map(recordOf);
  }

  /** The newest messages first. */
  recent(limit: number): SmsRecord[] {
    return (this.latest.all(limit) as SmsRow[]).map(recordOf);
  }

  /** Failed messages and queued ones whose last try failed, the latest change first. */
  problems(limit: number): SmsRecord[] {
    return (this.troubled.all(limit) as SmsRow[]).map(recordOf);
  }
}
