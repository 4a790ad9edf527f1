import type { Migration } from './index.ts';

/**
 * The promises report (and the public figures, which read a month of it on every change of the
 * floor) looked up every print job of its range in the table, then each job's adjudications and
 * booklet uses: a month of a busy office (22,000 jobs) took 300–500 ms. The jobs' index now holds
 * every column the report reads, and the two questions it asks per job ("sent back by
 * adjudication?", "a booklet spoiled?") each have a partial index holding only those rows; the
 * applications still waiting on adjudication with no print job are found from an index too.
 * Writers pay little: a print job's row changes a handful of times in its life, and the partial
 * indexes grow only with send-backs and spoils.
 */
export const promiseIndexes: Migration = {
  version: 26,
  name: 'promise_indexes',
  up(db) {
    db.exec(`
      DROP INDEX print_jobs_by_promise;
      CREATE INDEX print_jobs_by_promise ON print_jobs
        (promised_date, state, approved_at, printed_at, ready_at, application_id, id);
      CREATE INDEX adjudications_sent_back ON adjudications (application_id) WHERE decision = 'sent_back';
      CREATE INDEX booklet_uses_spoiled ON booklet_uses (job_id) WHERE outcome = 'spoiled';
      CREATE INDEX applications_awaiting_adjudication ON applications (pickup_date, status, finished_at, id)
        WHERE status = 'adjudication' AND finished_at IS NOT NULL;
    `);
  },
};
