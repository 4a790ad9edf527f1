import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 016: the log read by event type', () => {
  it('indexes events by type and time, keeping the floor as it was, once', () => {
    const db = floorWithTicket(15);
    const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    expect(migrate(db, 16)).toBe(1);
    expect(migrate(db, 16)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(events);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE type = 'command.stuck' AND at >= 0 ORDER BY seq",
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX events_by_type/);
  });
});
