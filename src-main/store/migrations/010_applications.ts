import type { Migration } from './index.ts';

/**
 * The passport application a visit becomes at the interview counter, and its biometric images.
 *
 * `applications` holds the interview (documents seen, NIK and old-passport checks as JSON the
 * screen shows back), the fingerprint session, the face photo's checks, the outcome, the
 * supervisor's approvals and the one pickup date every surface shows. Its number is per office
 * day from `application_numbers`, like queue numbers.
 *
 * `biometric_images` keeps each image sealed with AES-256-GCM (`iv`, `tag`, `ciphertext`) under the
 * key named by `key_id`; quality and capture metadata sit beside it in the clear, never the image.
 * A purge empties the three sealed columns and stamps `purged_at`: the row, and so the audit of
 * what was captured, stays.
 *
 * A station's fingerprint reader (`stations.fingerprint_reader`, JSON like its printer and scanner)
 * says where the hub finds it: SBI discovery on loopback, or the simulator.
 */
export const applications: Migration = {
  version: 10,
  name: 'applications',
  up(db) {
    db.exec(`
      CREATE TABLE application_numbers (
        office_date TEXT PRIMARY KEY,
        last INTEGER NOT NULL CHECK (last >= 0)
      );
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        office_date TEXT NOT NULL,
        ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets(id),
        booking_code TEXT NOT NULL REFERENCES bookings(code),
        application_kind TEXT NOT NULL,
        passport_type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('interview', 'postponed', 'refused', 'adjudication')),
        counter INTEGER,
        officer_id TEXT REFERENCES users(id),
        started_at INTEGER NOT NULL,
        interview TEXT NOT NULL,
        fingerprints TEXT,
        face TEXT,
        outcome_reason TEXT,
        approvals TEXT NOT NULL DEFAULT '[]',
        pickup_date TEXT,
        pickup_basis TEXT,
        pickup_override TEXT,
        finished_at INTEGER,
        receipt_prints INTEGER NOT NULL DEFAULT 0 CHECK (receipt_prints >= 0),
        handed_over_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX applications_pickup ON applications (pickup_date) WHERE pickup_date IS NOT NULL;
      CREATE INDEX applications_handed_over ON applications (handed_over_at) WHERE handed_over_at IS NOT NULL;
      CREATE TABLE biometric_images (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        kind TEXT NOT NULL CHECK (kind IN ('fingerprint', 'face', 'exception_photo')),
        position TEXT NOT NULL,
        format TEXT NOT NULL,
        quality INTEGER CHECK (quality IS NULL OR quality BETWEEN 0 AND 100),
        meta TEXT NOT NULL,
        key_id TEXT NOT NULL,
        byte_length INTEGER NOT NULL CHECK (byte_length > 0),
        iv BLOB,
        tag BLOB,
        ciphertext BLOB,
        captured_at INTEGER NOT NULL,
        captured_by TEXT,
        purged_at INTEGER,
        CHECK ((purged_at IS NULL) = (ciphertext IS NOT NULL AND iv IS NOT NULL AND tag IS NOT NULL))
      );
      CREATE INDEX biometric_images_application ON biometric_images (application_id);
      ALTER TABLE stations ADD COLUMN fingerprint_reader TEXT;
    `);
  },
};
