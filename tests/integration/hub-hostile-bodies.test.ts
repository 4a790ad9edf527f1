import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLoket, spawnHub } from '../support/hub.ts';

/**
 * Someone on the office LAN with no token, and a station with one, try to freeze the hub with
 * bodies: deeply nested JSON and bodies far over what a route takes. Every kiosk and counter
 * shares the hub's one thread, so its health must keep answering at once meanwhile.
 */

const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
let dir: string;
let hub: { child: ChildProcess; url: string };
let kiosk: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-hostile-bodies-'));
  hub = await spawnHub(dir, now, ['--no-backup']);
  const added = await runLoket(['station', 'add', '--data', dir, '--mode', 'kiosk', '--name', 'Kiosk 1']);
  expect(added.code, added.stderr).toBe(0);
  kiosk = added.stdout.trim().split('\n').at(-1) as string;
});

afterAll(async () => {
  if (hub.child.exitCode === null) {
    hub.child.kill('SIGKILL');
    await new Promise((resolve) => hub.child.once('exit', resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A POST whose body goes out whatever the hub says meanwhile; status 0 when the hub hung up first. */
function post(
  route: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve) => {
    const url = new URL(route, hub.url);
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    });
    let settled = false;
    const settle = (value: { status: number; code: string | null }) => {
      if (!settled) resolve(value);
      settled = true;
    };
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let code: string | null = null;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
        } catch {
          code = null;
        }
        settle({ status: response.statusCode ?? 0, code });
      });
      response.on('error', () => settle({ status: response.statusCode ?? 0, code: null }));
    });
    request.on('error', () => settle({ status: 0, code: null }));
    request.end(body);
  });
}

function rowCounts(): Record<string, number> {
  const db = new Database(path.join(dir, 'loket.db'), { readonly: true });
  try {
    const tables = ['stations', 'station_sessions', 'events', 'tickets', 'bookings'].filter((table) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table),
    );
    return Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

it('keeps answering its health in well under half a second while hostile bodies arrive', async () => {
  const before = rowCounts();
  // What the attackers send, each paired with the answers that refuse it (0: the hub hung up on
  // a body it would not read, after answering 413 or before).
  const deep = nested(1_500_000);
  const attacks: { route: string; body: string; token?: string; refused: number[]; code?: string }[] = [
    { route: '/pair', body: deep, refused: [413, 0], code: 'PAYLOAD_TOO_LARGE' },
    { route: '/auth/session', body: nestedObject(500_000), refused: [413, 0], code: 'PAYLOAD_TOO_LARGE' },
    {
      route: '/auth/session',
      body: JSON.stringify({ token: 'x'.repeat(4_000_000) }),
      refused: [413, 0],
      code: 'PAYLOAD_TOO_LARGE',
    },
    // Small enough for the route's limit, nested too deep to be parsed.
    { route: '/pair', body: `{"code":${nested(1500)}}`, refused: [400], code: 'INVALID_JSON' },
    { route: '/auth/session', body: `{"token":${nested(1500)}}`, refused: [400], code: 'INVALID_JSON' },
    { route: '/api/checkIn', body: nested(30_000), token: kiosk, refused: [400], code: 'INVALID_JSON' },
    { route: '/api/checkIn', body: deep, token: kiosk, refused: [413, 0], code: 'PAYLOAD_TOO_LARGE' },
    { route: '/api/importAppointments', body: deep, token: kiosk, refused: [400], code: 'INVALID_JSON' },
  ];
  const clients = 6;
  const perClient = 12;
  const until = Date.now() + 20_000;
  let attacking = true;
  const answers: { attack: number; status: number; code: string | null }[] = [];
  const attackers = Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient && Date.now() < until; i += 1) {
        const index = (client + i) % attacks.length;
        const attack = attacks[index]!;
        const answer = await post(
          attack.route,
          attack.body,
          attack.token ? { authorization: `Bearer ${attack.token}` } : {},
        );
        answers.push({ attack: index, ...answer });
      }
    }),
  ).finally(() => {
    attacking = false;
  });

  const health: number[] = [];
  for (let i = 0; i < 400 && attacking; i += 1) {
    const started = performance.now();
    const response = await fetch(`${hub.url}/healthz`);
    expect(response.status).toBe(200);
    await response.json();
    health.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await attackers;

  expect(health.length).toBeGreaterThan(5);
  expect(Math.max(...health), `health answers (ms): ${health.map(Math.round).join(' ')}`).toBeLessThan(500);
  expect(answers).toHaveLength(clients * perClient);
  for (const { attack, status, code } of answers) {
    const expected = attacks[attack]!;
    expect([expected.route, expected.refused]).toEqual([expected.route, expect.arrayContaining([status])]);
    if (status !== 0) expect([expected.route, code]).toEqual([expected.route, expected.code]);
  }
  expect(rowCounts()).toEqual(before);
});
