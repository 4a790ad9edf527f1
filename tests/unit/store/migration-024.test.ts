import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe("migration 024: the satisfaction survey's station is a mode", () => {
  it('admits a feedback station, keeps every station with its devices and sessions, and foreign keys hold', () => {
    const db = floorWithTicket(23);
    db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at, ticket_printer, scanner)
       VALUES ('k1', 'Kios 1', 'kiosk', 'h1', 1, 'tcp://192.0.2.1:9100', 'wedge')`,
    ).run();
    db.prepare(
      `INSERT INTO station_sessions (secret_hash, station_id, created_at, expires_at) VALUES ('s1', 'k1', 1, 99)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES ('h', 'Survei', 'feedback', 'h2', 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);

    expect(migrate(db, 24)).toBe(1);
    expect(migrate(db, 24)).toBe(0);

    db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES ('h', 'Survei', 'feedback', 'h2', 2)`,
    ).run();
    expect(db.prepare(`SELECT id, mode, ticket_printer, scanner FROM stations ORDER BY id`).all()).toEqual([
      { id: 'h', mode: 'feedback', ticket_printer: null, scanner: null },
      { id: 'k1', mode: 'kiosk', ticket_printer: 'tcp://192.0.2.1:9100', scanner: 'wedge' },
    ]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO stations (id, name, mode, token_hash, created_at) VALUES ('x', 'X', 'lobby', 'h3', 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    // A feedback station at a counter's exit names the counter its counter station has.
    db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at, counter) VALUES ('c3', 'Loket 3', 'counter', 'h4', 3, 3)`,
    ).run();
    db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at, counter) VALUES ('f3', 'Survei loket 3', 'feedback', 'h5', 3, 3)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO stations (id, name, mode, token_hash, created_at, counter) VALUES ('c3b', 'Loket 3b', 'counter', 'h6', 3, 3)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // The sessions still point at the rebuilt table: a station with sessions cannot vanish under them.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare(`DELETE FROM stations WHERE id = 'k1'`).run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO station_sessions (secret_hash, station_id, created_at, expires_at) VALUES ('s2', 'nobody', 1, 9)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
