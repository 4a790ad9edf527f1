import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventSamples } from '../../support/eventSamples.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyEventChain } from '../../../src-main/store/audit.ts';
import { openDatabase, openMemoryDatabase, type Db } from '../../../src-main/store/db.ts';
import { Store } from '../../../src-main/store/store.ts';
import { deleteRow, editPayload, insertRow, rewriteFrom, swapContent } from '../../support/tamper.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A log of `n` check-ins as the hub writes them. */
function logOf(n: number, db: Db = openMemoryDatabase()): Store {
  const store = new Store(db);
  for (let i = 1; i <= n; i += 1)
    store.transaction(() =>
      store.events.emit({
        type: 'ticket.issued',
        at: 1_000 * i,
        actor: 'kiosk-1',
        station: 'kiosk-1',
        payload: {
          ticket: { ...eventSamples['ticket.issued'].ticket, number: `A2-${String(i).padStart(3, '0')}` },
        },
      }),
    );
  return store;
}

describe('the event chain as the hub writes it', () => {
  it('stays whole when a use case inside a group commit rolls back, and beside the command line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-chain-'));
    dirs.push(dir);
    const hub = logOf(3, openDatabase(dir));
    const cli = new Store(openDatabase(dir));
    hub.transaction(() => {
      hub.events.emit({ type: 'printer.paused', at: 1, actor: null, station: null, payload: {} });
      // A refused operation in the same batch: its savepoint goes, its event with it.
      expect(() =>
        hub.transaction(() => {
          hub.events.emit({ type: 'printer.resumed', at: 2, actor: null, station: null, payload: {} });
          throw new Error('refused');
        }),
      ).toThrow('refused');
      hub.events.emit({ type: 'printer.resumed', at: 3, actor: null, station: null, payload: {} });
    });
    cli.transaction(() =>
      cli.events.emit({ type: 'printer.paused', at: 4, actor: 'cli', station: null, payload: {} }),
    );
    hub.transaction(() =>
      hub.events.emit({ type: 'printer.resumed', at: 5, actor: null, station: null, payload: {} }),
    );
    expect(hub.events.readAfter(0).map((event) => [event.seq, event.type])).toEqual([
      [1, 'ticket.issued'],
      [2, 'ticket.issued'],
      [3, 'ticket.issued'],
      [4, 'printer.paused'],
      [5, 'printer.resumed'],
      [6, 'printer.paused'],
      [7, 'printer.resumed'],
    ]);
    // The stream sends events as before: no hashes.
    expect(Object.keys(hub.events.readAfter(6)[0] ?? {}).sort()).toEqual(
      ['actor', 'at', 'id', 'payload', 'seq', 'station', 'type'].sort(),
    );
    const verdict = verifyEventChain(hub.db);
    expect(verdict).toMatchObject({ intact: true, events: 7, head: hub.events.head() });
    cli.close();
    hub.close();
  });
});

describe('verifying a tampered log names the first broken row', () => {
  it('a deleted row in the middle', () => {
    const store = logOf(10);
    deleteRow(store.db, 4);
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 4, kind: 'deleted' });
  });

  it('rows deleted from the end, and the hub appending after them', () => {
    const store = logOf(10);
    deleteRow(store.db, 10);
    deleteRow(store.db, 9);
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 9, kind: 'deleted' });
    store.events.emit({ type: 'printer.paused', at: 1, actor: null, station: null, payload: {} });
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 9, kind: 'deleted' });
  });

  it('a row deleted and the later ones renumbered', () => {
    const store = logOf(10);
    deleteRow(store.db, 5);
    store.db.prepare('UPDATE events SET seq = seq - 1 WHERE seq > 5').run();
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 5, kind: 'deleted' });
  });

  it('an edited payload, and an edited row whose own hash was recomputed', () => {
    const store = logOf(10);
    editPayload(store.db, 6, { number: 'A2-006', name: 'Someone else' });
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 6, kind: 'edited' });

    const other = logOf(10);
    rewriteFrom(other.db, 6, { number: 'A2-006', name: 'Someone else' });
    // Recomputing every later hash makes it whole again (only an anchor tells, see the CLI test) …
    expect(verifyEventChain(other.db).intact).toBe(true);
    // … recomputing only its own hash does not: the next row still points to the hash it had.
    const third = logOf(10);
    rewriteFrom(third.db, 6, { number: 'A2-006', name: 'Someone else' }, { only: true });
    expect(verifyEventChain(third.db).broken).toMatchObject({ seq: 6, kind: 'edited' });
    expect(verifyEventChain(third.db).broken?.message).toMatch(/recomputed/);
  });

  it('a row put in with a recomputed hash, and one put in at the end without any', () => {
    const store = logOf(10);
    insertRow(store.db, 4, {
      id: 'planted',
      type: 'ticket.issued',
      at: 3_500,
      actor: 'kiosk-1',
      station: 'kiosk-1',
      payload: '{"number":"A1-001","name":"Calo"}',
    });
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 4, kind: 'inserted' });

    const other = logOf(3);
    other.db
      .prepare(
        `INSERT INTO events (id, type, at, actor, station, payload) VALUES ('x', 't', 1, null, null, '{}')`,
      )
      .run();
    expect(verifyEventChain(other.db).broken).toMatchObject({ seq: 4, kind: 'inserted' });
  });

  it('two rows swapped, by their content or whole', () => {
    const store = logOf(10);
    swapContent(store.db, 3, 7);
    expect(verifyEventChain(store.db).broken).toMatchObject({ seq: 3, kind: 'reordered' });
    expect(verifyEventChain(store.db).broken?.message).toMatch(/seq 7/);

    const other = logOf(10);
    other.db.transaction(() => {
      other.db.prepare('UPDATE events SET seq = -1 WHERE seq = 5').run();
      other.db.prepare('UPDATE events SET seq = 5 WHERE seq = 6').run();
      other.db.prepare('UPDATE events SET seq = 6 WHERE seq = -1').run();
    })();
    expect(verifyEventChain(other.db).broken).toMatchObject({ seq: 5, kind: 'reordered' });
  });

  it('an untouched log is intact, with its count and head', () => {
    const store = logOf(2500);
    expect(verifyEventChain(store.db)).toEqual({
      intact: true,
      chained: true,
      events: 2500,
      head: store.events.head(),
      broken: null,
      anchors: 0,
      unreadableAnchors: 0,
    });
  });
});
