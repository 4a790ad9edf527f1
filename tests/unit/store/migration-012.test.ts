import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { verifyEventChain } from '../../../src-main/store/audit.ts';
import { eventHash, genesisHash } from '../../../src-main/store/eventChain.ts';
import { EventLog } from '../../../src-main/store/events.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 012: the event chain', () => {
  it("anchors an existing floor's log: every row hashed in order, and appends go on from its head", () => {
    const db = floorWithTicket(11);
    const insert = db.prepare(
      `INSERT INTO events (id, type, at, actor, station, payload) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run('e1', 'booking.imported', 1000, 'cli', null, '{"rows":1}');
    insert.run('e2', 'ticket.issued', 2000, 'k1', 'k1', '{"number":"A2-001","name":"Ni Luh Ayu"}');
    insert.run('e3', 'ticket.called', 3000, 'u1', 's3', '{"counter":3}');
    expect(verifyEventChain(db).chained).toBe(false);

    expect(migrate(db, 12)).toBe(1);
    expect(migrate(db, 12)).toBe(0);

    const rows = db
      .prepare('SELECT seq, id, type, at, actor, station, payload, prev_hash, hash FROM events ORDER BY seq')
      .all() as { seq: number; prev_hash: string; hash: string; id: string }[];
    expect(rows.map((row) => row.id)).toEqual(['e1', 'e2', 'e3']);
    expect(rows[0]?.prev_hash).toBe(genesisHash);
    for (const [index, row] of rows.entries()) {
      expect(row.hash).toBe(eventHash(row.prev_hash, row as never));
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1]?.hash);
    }
    expect(verifyEventChain(db)).toMatchObject({
      intact: true,
      events: 3,
      head: { seq: 3, hash: rows[2]?.hash },
    });

    // The hub's next event continues the chain from the migrated head.
    const seq = new EventLog(db).emit({
      type: 'printer.paused',
      at: 4000,
      actor: 'u1',
      station: 's3',
      payload: {},
    });
    expect(seq).toBe(4);
    expect(verifyEventChain(db)).toMatchObject({ intact: true, events: 4 });
    expect(db.prepare('SELECT prev_hash FROM events WHERE seq = 4').pluck().get()).toBe(rows[2]?.hash);
  });

  it('leaves an empty log empty, and its first event starts the chain', () => {
    const db = floorWithTicket(11);
    migrate(db, 12);
    expect(verifyEventChain(db)).toMatchObject({ intact: true, events: 0, head: null });
    new EventLog(db).emit({ type: 'printer.resumed', at: 1, actor: 'cli', station: null, payload: {} });
    expect(db.prepare('SELECT prev_hash FROM events').pluck().get()).toBe(genesisHash);
    expect(verifyEventChain(db)).toMatchObject({ intact: true, events: 1 });
  });
});
