import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { CentralLinkRepository } from '../../../src-main/store/centralLink.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 028: the hub’s link to the central store', () => {
  it('keeps the floor’s rows and adds the one-row link table, idempotently', () => {
    const db = floorWithTicket(27);
    expect(migrate(db, 28)).toBe(1);
    expect(migrate(db, 28)).toBe(0);
    expect(db.prepare('SELECT number FROM tickets').pluck().all()).toEqual(['A2-001']);
    const links = new CentralLinkRepository(db);
    expect(links.get()).toBeNull();
    links.link({ url: 'https://central.example/', office: 'DPS', secret: 's'.repeat(43), at: 1, by: 'cli' });
    links.acknowledged(40, 'a'.repeat(64), 2);
    const key = links.get()?.pseudonymKey;
    // A relink to the same office keeps the cursor and the pseudonyms; another office starts over.
    links.link({ url: 'https://central2.example/', office: 'DPS', secret: 't'.repeat(43), at: 3, by: 'cli' });
    expect(links.get()).toMatchObject({ url: 'https://central2.example/', cursor: 40, pseudonymKey: key });
    links.link({ url: 'https://central2.example/', office: 'JKT', secret: 't'.repeat(43), at: 4, by: 'cli' });
    expect(links.get()).toMatchObject({ office: 'JKT', cursor: 0, pseudonymKey: key });
    expect(() =>
      db
        .prepare(
          "INSERT INTO central_link (id, url, office, secret, pseudonym_key, hash, linked_at, linked_by) VALUES (2, 'u', 'X', 's', 'k', 'h', 0, 'cli')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
