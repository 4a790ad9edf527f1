import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { runLoket, startTestHub, type TestHub } from '../support/hub.ts';

// What an IT person under pressure meets when the floor's files are damaged: a clear word naming
// the problem and the way out, never a raw stack, and a hub that does not look healthy.

let t: TestHub | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const stackLine = /^\s+at .+:\d+:\d+\)?$/m;

function damageOffice(dataDir: string, config: string): void {
  const db = new Database(path.join(dataDir, 'loket.db'));
  db.prepare('INSERT OR REPLACE INTO office_config (id, config, updated_at) VALUES (1, ?, 0)').run(config);
  db.close();
}

describe('an office configuration damaged behind the hub', () => {
  it('makes /healthz say so, refuses check-ins with a retryable code, and is mended with `loket office set`', async () => {
    t = await startTestHub();
    const kiosk = t.pair('kiosk', 'Kiosk 1');
    const file = path.join(t.dataDir, 'bookings.csv');
    fs.writeFileSync(file, appointmentCsv([sampleAppointment(1)]));
    expect((await runLoket(['import-appointments', file, '--data', t.dataDir])).code).toBe(0);

    // Someone edits the row with sqlite3: a time zone that does not exist.
    const stored = t.hub.store.office.get();
    damageOffice(t.dataDir, JSON.stringify({ ...stored, timeZone: 'Asia/Denpasar' }));

    const health = await fetch(`${t.hub.url}/healthz`);
    expect(health.status).toBe(503);
    const said = (await health.json()) as { ok: boolean; problem: { code: string; message: { id: string } } };
    expect(said.ok).toBe(false);
    expect(said.problem.code).toBe('CONFIG_DAMAGED');
    expect(said.problem.message.id).toContain('timeZone');
    expect(said.problem.message.id).toContain('loket office set');

    const refused = await t.call('checkIn', { text: sampleAppointment(1).bookingCode }, kiosk);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('CONFIG_DAMAGED');
    expect(t.hub.store.tickets.listForDay('2026-11-30')).toEqual([]);

    const shown = await runLoket(['office', 'show', '--data', t.dataDir]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('CONFIG_DAMAGED');
    expect(shown.stderr).toContain('timeZone');
    expect(shown.stderr).not.toMatch(stackLine);

    const mended = await runLoket(['office', 'set', 'timeZone=Asia/Makassar', '--data', t.dataDir]);
    expect(mended.code, mended.stderr).toBe(0);
    expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);
    expect((await t.call('checkIn', { text: sampleAppointment(1).bookingCode }, kiosk)).status).toBe(200);
  });

  it('that is not even JSON is named as such, and shown without a stack', async () => {
    t = await startTestHub();
    damageOffice(t.dataDir, '{"code": "DPS", ');
    const said = (await (await fetch(`${t.hub.url}/healthz`)).json()) as { problem: { code: string } };
    expect(said.problem.code).toBe('CONFIG_DAMAGED');
    const shown = await runLoket(['office', 'show', '--data', t.dataDir]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('CONFIG_DAMAGED');
    expect(shown.stderr).not.toMatch(stackLine);
  });
});

describe('a damaged database file', () => {
  it('is named with the way back (a backup), never a raw SQLite stack', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-damaged-'));
    dirs.push(dataDir);
    fs.writeFileSync(path.join(dataDir, 'loket.db'), Buffer.alloc(8192, 0x5a));
    for (const args of [
      ['office', 'show', '--data', dataDir],
      ['hub', '--data', dataDir, '--port', '0'],
    ]) {
      const result = await runLoket(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('DATABASE_DAMAGED');
      expect(result.stderr).toContain('loket restore');
      expect(result.stderr).toContain(path.join(dataDir, 'backups'));
      expect(result.stderr).not.toMatch(stackLine);
    }
  });
});
