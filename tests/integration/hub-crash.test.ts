import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { runLoket, spawnHub } from '../support/hub.ts';

const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
const bookingCount = 300;
const killAfter = 100;
const parallel = 8;

let dataDir: string;
let tokens: string[];
const codes = Array.from({ length: bookingCount }, (_, i) => sampleAppointment(i + 1).bookingCode);
const children = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function startHub(): Promise<{ child: ChildProcess; url: string }> {
  const hub = await spawnHub(dataDir, now);
  children.add(hub.child);
  hub.child.once('exit', () => children.delete(hub.child));
  return hub;
}

async function checkIn(url: string, code: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/checkIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text: code }),
  });
  return { status: response.status, body: await response.json() };
}

/** Checks in `list` with `parallel` requests in flight at a time; stops early when `stop()` holds. */
async function pool(
  list: string[],
  work: (code: string, index: number) => Promise<void>,
  stop = () => false,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (!stop() && next < list.length) {
        const index = next++;
        await work(list[index] as string, index);
      }
    }),
  );
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-crash-'));
  const file = path.join(dataDir, 'bookings.csv');
  fs.writeFileSync(file, appointmentCsv(codes.map((_, i) => sampleAppointment(i + 1))));
  const imported = await runLoket(['import-appointments', file, '--data', dataDir], now);
  expect(imported.code, imported.stderr).toBe(0);
  const paired = await Promise.all(
    ['K1', 'K2'].map((name) =>
      runLoket(['station', 'add', '--data', dataDir, '--mode', 'kiosk', '--name', name]),
    ),
  );
  tokens = paired.map((result) => {
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.trimEnd().split('\n').at(-1) as string;
  });
});

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await exited(child);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('keeps every acknowledged check-in and never reuses a number after the hub is killed mid-burst', async () => {
  // The burst: 8 check-ins in flight at a time; SIGKILL as soon as 100 have been acknowledged.
  const first = await startHub();
  const acknowledged = new Map<string, string>();
  const refused: string[] = [];
  let cutOff = 0;
  let killed = false;
  await pool(
    codes,
    async (code, index) => {
      let reply: { status: number; body: any };
      try {
        reply = await checkIn(first.url, code, tokens[index % tokens.length] as string);
      } catch {
        cutOff += 1; // in flight when the hub died: not acknowledged
        return;
      }
      if (reply.status !== 200) {
        refused.push(`${code}: ${reply.status} ${JSON.stringify(reply.body)}`);
        return;
      }
      acknowledged.set(code, reply.body.number);
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    },
    () => killed,
  );
  expect(refused).toEqual([]);
  expect(killed).toBe(true);
  expect(await exited(first.child)).toEqual({ code: null, signal: 'SIGKILL' });
  expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
  expect(acknowledged.size).toBeLessThan(bookingCount);
  expect(cutOff, 'check-ins in flight at the kill').toBeGreaterThan(0);

  // Restarted on the same data, the hub gives every acknowledged booking its number back.
  const second = await startHub();
  const acknowledgedCodes = [...acknowledged.keys()];
  const mismatches: string[] = [];
  await pool(acknowledgedCodes, async (code, index) => {
    const reply = await checkIn(second.url, code, tokens[index % tokens.length] as string);
    if (
      reply.status !== 200 ||
      reply.body.number !== acknowledged.get(code) ||
      reply.body.repeated !== true
    ) {
      mismatches.push(
        `${code}: acknowledged ${acknowledged.get(code)}, now ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    }
  });
  expect(mismatches).toEqual([]);

  // The rest of the day's bookings check in after the crash.
  const numberOf = new Map(acknowledged);
  const rest = codes.filter((code) => !acknowledged.has(code));
  const failures: string[] = [];
  await pool(rest, async (code, index) => {
    const reply = await checkIn(second.url, code, tokens[index % tokens.length] as string);
    if (reply.status === 200) numberOf.set(code, reply.body.number);
    else failures.push(`${code}: ${reply.status} ${JSON.stringify(reply.body)}`);
  });
  expect(failures).toEqual([]);

  // Every booking holds one number; no number was given twice; A2-001…A2-300 with no gaps.
  const numbers = [...numberOf.values()];
  expect(numberOf.size).toBe(bookingCount);
  expect(new Set(numbers).size).toBe(bookingCount);
  const expected = Array.from({ length: bookingCount }, (_, i) => `A2-${String(i + 1).padStart(3, '0')}`);
  expect([...numbers].sort()).toEqual(expected);

  second.child.kill('SIGTERM');
  expect((await exited(second.child)).code).toBe(0);

  // The database says the same.
  const store = new Store(openDatabase(dataDir));
  try {
    const tickets = store.tickets.listForDay('2026-11-30');
    expect(tickets).toHaveLength(bookingCount);
    expect(new Set(tickets.map((ticket) => ticket.number)).size).toBe(bookingCount);
    for (const ticket of tickets) expect(ticket.number).toBe(numberOf.get(ticket.bookingCode));
    expect(
      store.db
        .prepare(
          "SELECT last_sequence FROM number_counters WHERE office_date = '2026-11-30' AND lane = 'regular'",
        )
        .pluck()
        .all(),
    ).toEqual([bookingCount]);
    expect(store.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get()).toBe(
      bookingCount,
    );
  } finally {
    store.close();
  }
});
