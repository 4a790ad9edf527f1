import type { Migration } from './index.ts';

/**
 * The print station (DESIGN §5): from the supervisor's decision on an interviewed application to
 * the passport in the citizen's hand.
 *
 * - `adjudications`: every decision, approved or sent back with its reason.
 * - `print_jobs`: one per approved application, through queued → printing → printed (awaiting the
 *   quality check) → ready → collected (when and by whom: `handovers`). A failed print goes
 *   back to `queued` with `last_error`. The queue is ordered by `promised_date`, then `approved_at`.
 * - `booklet_ranges`: blank booklets received as serial ranges per passport type. A range is stock
 *   only once a second officer has confirmed it (dual control).
 * - `booklet_uses`: a serial at most once (its primary key): used for a job's print, or spoiled
 *   with a reason and a supervisor's sign-off (NULL while a spoil found by the quality check or a
 *   printer error awaits it). `started_at` and `finished_at` time each print for the measured rate.
 * - `pickup_tickets`: the number a citizen takes at the kiosk with the receipt of a ready passport
 *   (`P-001`, per office day), one per passport a day.
 * - `handovers`: who received the passport: the applicant, or a representative with a letter.
 * - `sms_outbox`: the "passport ready" messages, queued and retried, with each send's result.
 * - `bookings.birth_place`: the place of birth the data page prints (an optional column of the list).
 * - `stations.passport_printer`: where the print station's passport printer is (an address, like a
 *   station's ticket printer), and its pause, kept so a restart does not print on a paused printer.
 */
export const printStation: Migration = {
  version: 11,
  name: 'print_station',
  up(db) {
    db.exec(`
      CREATE TABLE adjudications (
        id INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'sent_back')),
        reason TEXT,
        officer_id TEXT NOT NULL REFERENCES users(id),
        decided_at INTEGER NOT NULL,
        CHECK (decision = 'approved' OR ifnull(length(reason), 0) > 0)
      );
      CREATE INDEX adjudications_application ON adjudications (application_id, decided_at);
      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL UNIQUE REFERENCES applications(id),
        passport_type TEXT NOT NULL,
        promised_date TEXT NOT NULL,
        approved_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'printed', 'ready', 'collected')),
        booklet_serial TEXT,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error TEXT,
        printed_at INTEGER,
        ready_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX print_jobs_queue ON print_jobs (state, promised_date, approved_at);
      CREATE TABLE booklet_ranges (
        id TEXT PRIMARY KEY,
        passport_type TEXT NOT NULL,
        prefix TEXT NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        digits INTEGER NOT NULL,
        received_by TEXT NOT NULL REFERENCES users(id),
        received_at INTEGER NOT NULL,
        confirmed_by TEXT REFERENCES users(id),
        confirmed_at INTEGER,
        office_date TEXT,
        CHECK (first <= last),
        CHECK (confirmed_by IS NULL OR confirmed_by != received_by),
        CHECK ((confirmed_by IS NULL) = (office_date IS NULL))
      );
      CREATE TABLE booklet_uses (
        serial TEXT PRIMARY KEY,
        range_id TEXT NOT NULL REFERENCES booklet_ranges(id),
        job_id TEXT NOT NULL REFERENCES print_jobs(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('used', 'spoiled')),
        reason TEXT,
        signed_off_by TEXT REFERENCES users(id),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        office_date TEXT NOT NULL,
        recorded_by TEXT REFERENCES users(id),
        CHECK (outcome = 'used' OR ifnull(length(reason), 0) > 0)
      );
      CREATE INDEX booklet_uses_day ON booklet_uses (office_date);
      CREATE INDEX booklet_uses_job ON booklet_uses (job_id);
      CREATE TABLE handovers (
        job_id TEXT PRIMARY KEY REFERENCES print_jobs(id),
        receiver TEXT NOT NULL CHECK (receiver IN ('applicant', 'representative')),
        representative_name TEXT,
        representative_nik TEXT,
        letter_reference TEXT,
        officer_id TEXT NOT NULL REFERENCES users(id),
        station_id TEXT,
        at INTEGER NOT NULL,
        CHECK (receiver = 'applicant' OR (ifnull(length(representative_name), 0) > 0 AND ifnull(length(representative_nik), 0) = 16 AND ifnull(length(letter_reference), 0) > 0))
      );
      CREATE TABLE pickup_tickets (
        office_date TEXT NOT NULL,
        number TEXT NOT NULL,
        job_id TEXT NOT NULL REFERENCES print_jobs(id),
        issued_at INTEGER NOT NULL,
        PRIMARY KEY (office_date, number),
        UNIQUE (job_id, office_date)
      );
      CREATE TABLE sms_outbox (
        id TEXT PRIMARY KEY,
        job_id TEXT REFERENCES print_jobs(id),
        phone TEXT NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        reference TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sms_outbox_due ON sms_outbox (state, next_attempt_at);
      ALTER TABLE bookings ADD COLUMN birth_place TEXT;
      ALTER TABLE stations ADD COLUMN passport_printer TEXT;
      ALTER TABLE stations ADD COLUMN passport_printer_paused INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
