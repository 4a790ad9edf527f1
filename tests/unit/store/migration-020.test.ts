import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 020: desks fixed by the hub, priority claims, break reasons', () => {
  it("keeps a counter station's desk from its latest officer session, the newer of two sharing one", () => {
    const db = floorWithTicket(19);
    const station = db.prepare(
      "INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES (?, ?, 'counter', ?, ?)",
    );
    station.run('s-old', 'Loket lama', 'h1', 1);
    station.run('s-new', 'Loket baru', 'h2', 2);
    station.run('s-four', 'Loket 4', 'h3', 3);
    db.prepare(
      "INSERT INTO users (id, username, name, role, pin_salt, pin_hash, created_at, updated_at) VALUES ('u', 'ayu', 'Ayu', 'officer', 's', 'h', 0, 0)",
    ).run();
    const session = db.prepare(
      "INSERT INTO officer_sessions (id, user_id, station_id, counter, started_at, last_active_at, ended_at) VALUES (?, 'u', ?, ?, ?, ?, ?)",
    );
    session.run('a', 's-four', 2, 10, 10, 15);
    session.run('b', 's-four', 4, 20, 20, 25);
    session.run('c', 's-old', 1, 30, 30, 35);
    session.run('d', 's-new', 1, 40, 40, null);
    expect(migrate(db, 20)).toBe(1);
    expect(migrate(db, 20)).toBe(0);
    const desks = Object.fromEntries(
      (db.prepare('SELECT id, counter FROM stations').all() as { id: string; counter: number | null }[]).map(
        (r) => [r.id, r.counter],
      ),
    );
    expect(desks).toEqual({ 's-old': null, 's-new': 1, 's-four': 4 });
    // Two active stations can never share a desk from now on.
    expect(() => db.prepare("UPDATE stations SET counter = 4 WHERE id = 's-new'").run()).toThrow(/UNIQUE/);
    // The ticket the floor had is untouched, and a claim and a break reason can be kept.
    db.prepare(
      "INSERT INTO priority_claims (ticket_id, office_date, number, claimed_lane, kiosk_id, claimed_at) VALUES ('t1', '2026-11-30', 'A2-001', 'hamil', NULL, 0)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO priority_claims (ticket_id, office_date, number, claimed_lane, claimed_at) VALUES ('t1', '2026-11-30', 'A2-001', 'regular', 0)",
        )
        .run(),
    ).toThrow();
    db.prepare(
      "INSERT INTO counter_periods (counter, state, started_at, reason) VALUES (1, 'on_break', 0, 'sholat')",
    ).run();
    expect(db.prepare("SELECT number FROM tickets WHERE id = 't1'").pluck().get()).toBe('A2-001');
  });
});
