import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubLockFileName } from '../../src-main/hub/lock.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { anchorBeside } from '../../src-main/store/anchors.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { runLoket, startTestHub } from '../support/hub.ts';
import { deleteRow, editPayload, insertRow, rewriteFrom, swapContent } from '../support/tamper.ts';

/**
 * `loket audit verify` on a real floor's database: check-ins at the kiosk, calls at a counter and
 * an import, written by a hub that then stopped. Each test tampers with a copy of it straight
 * through better-sqlite3, as someone with `sqlite3` on the hub's machine would.
 */
let root: string;
let floorDir: string;
let events: number;
let head: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-audit-'));
  const t = await startTestHub();
  const kiosk = t.pair('kiosk', 'Kiosk 1');
  const counter = t.pair('counter', 'Loket 1');
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'made', name: 'Made', role: 'officer', secret: '246802' });
  const csv = path.join(root, 'bookings.csv');
  fs.writeFileSync(csv, appointmentCsv(Array.from({ length: 8 }, (_, i) => sampleAppointment(i + 1))));
  // The import goes through the command line beside the running hub, as the IT person does it.
  const imported = await runLoket(['import-appointments', csv, '--data', t.dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
  for (let i = 1; i <= 8; i += 1)
    expect((await t.call('checkIn', { text: sampleAppointment(i).bookingCode }, kiosk)).status).toBe(200);
  expect((await t.call('signIn', { username: 'made', secret: '246802', counter: 1 }, counter)).status).toBe(
    200,
  );
  for (let i = 0; i < 3; i += 1)
    for (const step of ['callNext', 'startService', 'completeService'])
      expect((await t.call(step, {}, counter)).status).toBe(200);
  await t.hub.close();
  floorDir = path.join(root, 'floor');
  fs.cpSync(t.dataDir, floorDir, { recursive: true });
  await t.close();
  const db = new Database(path.join(floorDir, 'loket.db'), { readonly: true });
  events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  head = db.prepare('SELECT hash FROM events ORDER BY seq DESC LIMIT 1').pluck().get() as string;
  db.close();
  expect(events).toBeGreaterThan(20);
}, 120_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A copy of the stopped floor's data folder, tampered with by `tamper` on its database. */
function tamperedCopy(tamper: (db: Database.Database) => void = () => {}): string {
  copies += 1;
  const dir = path.join(root, `copy-${copies}`);
  fs.cpSync(floorDir, dir, { recursive: true });
  const db = new Database(path.join(dir, 'loket.db'));
  tamper(db);
  db.close();
  return dir;
}

const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('loket audit verify on a stopped hub’s data folder', () => {
  it('says an untouched log is intact, with its count and head, and changes nothing', async () => {
    const dir = tamperedCopy();
    // A lock of a live hub (this process) stays where it is.
    const lock = path.join(dir, hubLockFileName);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, port: 1, host: '127.0.0.1', startedAt: 'x' }));
    const before = fileHash(path.join(dir, 'loket.db'));
    const result = await runLoket(['audit', 'verify', '--data', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`intact, ${events} events, head ${head}`);
    expect(result.stdout).toMatch(/anchors? agree/);
    expect(fileHash(path.join(dir, 'loket.db'))).toBe(before);
    expect(fs.existsSync(lock)).toBe(true);
  });

  it.each([
    ['a deleted row', (db: Database.Database) => deleteRow(db, 12), /broken at seq 12 \(deleted\)/],
    [
      'an edited payload',
      (db: Database.Database) => editPayload(db, 15, { number: 'A2-001', name: 'Calo' }),
      /broken at seq 15 \(edited\)/,
    ],
    [
      'an inserted row',
      (db: Database.Database) =>
        insertRow(db, 10, {
          id: 'planted',
          type: 'ticket.issued',
          at: Date.parse('2026-11-30T09:16:00+08:00'),
          actor: 'kiosk',
          station: null,
          payload: '{"number":"A1-001"}',
        }),
      /broken at seq 10 \(inserted\)/,
    ],
    [
      'a re-ordered pair',
      (db: Database.Database) => swapContent(db, 14, 17),
      /broken at seq 14 \(reordered\)/,
    ],
  ])('names the first broken row of %s, exit 1', async (_name, tamper, verdict) => {
    const dir = tamperedCopy(tamper);
    const result = await runLoket(['audit', 'verify', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(verdict);
  });

  it('catches a rewritten tail, every hash recomputed, by the anchors the hub wrote', async () => {
    const dir = tamperedCopy((db) => rewriteFrom(db, 5, { number: 'A2-009', name: 'Calo' }));
    const anchors = path.join(dir, 'anchors.jsonl');
    const withAnchors = await runLoket(['audit', 'verify', '--data', dir]);
    expect(withAnchors.code).toBe(1);
    expect(withAnchors.stdout).toMatch(
      /broken at seq \d+ \(anchor\): the chain no longer passes through the anchor written at \S+ for seq \d+/,
    );
    fs.rmSync(anchors);
    const without = await runLoket(['audit', 'verify', '--data', dir]);
    expect(without.code, without.stdout).toBe(0);
    expect(without.stdout).toMatch(/^intact/);
  });
});

describe('loket audit verify on a backup made by loket backup', () => {
  it('is intact with the same count and head, and the copy of a tampered log is not "integrity ok"', async () => {
    const dir = tamperedCopy();
    const file = path.join(root, 'backups', 'monday.db');
    const backup = await runLoket(['backup', '--data', dir, '--to', file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok \(event chain intact/);
    expect(JSON.parse(fs.readFileSync(anchorBeside(file), 'utf8'))).toMatchObject({
      seq: events,
      hash: head,
    });
    const verified = await runLoket(['audit', 'verify', '--file', file]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`intact, ${events} events, head ${head}; 1 anchor agree`);

    const tampered = tamperedCopy((db) => deleteRow(db, 3));
    const copy = await runLoket(['backup', '--data', tampered, '--to', path.join(root, 'backups', 'bad.db')]);
    expect(copy.code).toBe(1);
    expect(copy.stdout).not.toMatch(/integrity ok/);
    expect(copy.stdout).toMatch(/integrity NOT ok: the event chain is broken at seq 3 \(deleted\)/);
  });

  it('catches a backup whose tail was rewritten by the anchor beside it', async () => {
    const dir = tamperedCopy();
    const file = path.join(root, 'backups', 'tuesday.db');
    expect((await runLoket(['backup', '--data', dir, '--to', file])).code).toBe(0);
    const db = new Database(file);
    rewriteFrom(db, events - 4, { number: 'A2-002', name: 'Calo' });
    db.close();
    const withAnchor = await runLoket(['audit', 'verify', '--file', file]);
    expect(withAnchor.code).toBe(1);
    expect(withAnchor.stdout).toContain(`(anchor): the chain no longer passes through the anchor written at`);
    expect(withAnchor.stdout).toContain(`for seq ${events}`);
    // Without its anchor the same file looks whole: the chain alone cannot tell.
    const bare = path.join(root, 'backups', 'tuesday-without-anchor.db');
    fs.copyFileSync(file, bare);
    const without = await runLoket(['audit', 'verify', '--file', bare]);
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/^intact/);
  });
});
