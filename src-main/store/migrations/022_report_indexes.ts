import type { Migration } from './index.ts';

/**
 * The officers' report reads each counter's periods over a span of time: those started inside it
 * and the one running at its start. Without this index both scan every counter period ever
 * written (about two per call, half a million a year). No trigger and nothing on check-in's path:
 * a counter period is written by a call or a state change, one index entry more.
 */
export const reportIndexes: Migration = {
  version: 22,
  name: 'report_indexes',
  up(db) {
    db.exec('CREATE INDEX counter_periods_by_counter ON counter_periods (counter, started_at)');
  },
};
