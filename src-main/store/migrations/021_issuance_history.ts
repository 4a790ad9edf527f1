import type { Migration } from './index.ts';

/**
 * The issuance report (issue 21): months the floor did not run, imported once from the office's
 * own monthly report (`issuance_history`, one row per year and month, the four counts and their
 * total, who imported it and when), and the indexes the reports read through: print jobs by the
 * instant a passport was printed (the issuance month; covering the columns the table counts by,
 * with each application's kind beside its id, so a year's table reads no table rows) and by the
 * date promised for it.
 */
export const issuanceHistory: Migration = {
  version: 21,
  name: 'issuance_history',
  up(db) {
    db.exec(`
      CREATE TABLE issuance_history (
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        biasa_baru INTEGER NOT NULL CHECK (biasa_baru >= 0),
        biasa_penggantian INTEGER NOT NULL CHECK (biasa_penggantian >= 0),
        elektronik_baru INTEGER NOT NULL CHECK (elektronik_baru >= 0),
        elektronik_penggantian INTEGER NOT NULL CHECK (elektronik_penggantian >= 0),
        total INTEGER NOT NULL
          CHECK (total = biasa_baru + biasa_penggantian + elektronik_baru + elektronik_penggantian),
        imported_at INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        PRIMARY KEY (year, month)
      );
      CREATE INDEX print_jobs_by_printed ON print_jobs (printed_at, state, passport_type, application_id)
        WHERE printed_at IS NOT NULL;
      CREATE INDEX applications_by_kind ON applications (id, application_kind);
      CREATE INDEX print_jobs_by_promise ON print_jobs (promised_date);
    `);
  },
};
