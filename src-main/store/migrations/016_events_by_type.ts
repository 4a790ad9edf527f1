import type { Migration } from './index.ts';

/**
 * The supervisor's lists of the day read the log by event type (`command.stuck`, reported by a
 * station whose outbox keeps failing on one command): an index on type and time, so that such a
 * list reads today's few rows, not a log of months.
 */
export const eventsByType: Migration = {
  version: 16,
  name: 'events_by_type',
  up(db) {
    db.exec('CREATE INDEX events_by_type ON events (type, at)');
  },
};
