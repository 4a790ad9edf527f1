import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 014: officer sessions bound to a client, wrong PINs kept', () => {
  it('adds the session client and the wrong-PIN table, keeping the floor as it was, once', () => {
    const db = floorWithTicket(13);
    expect(migrate(db, 14)).toBe(1);
    expect(migrate(db, 14)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(officer_sessions)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toContain('client');
    db.prepare("INSERT INTO sign_in_failures (username, failed_at) VALUES ('ayu', '[1,2]')").run();
    expect(() =>
      db.prepare("INSERT INTO sign_in_failures (username, failed_at) VALUES ('ayu', '[3]')").run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO sign_in_failures (username, failed_at) VALUES ('made', 'not json')").run(),
    ).toThrow(/CHECK/);
  });
});
