import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEventChain } from '../../src-main/store/audit.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { generateHistory, type HistorySummary } from '../bench/yearOfHistory.ts';

// The bench's `reports` section measures the reports on a year of generated history; here a small
// one (5 days, 200 visits) shows the generator writes a floor the reports can trust: every visit
// and its rows counted, each ticket's periods one after another, the desks' periods apart, and an
// event log whose hash chain verifies.

const minute = 60_000;
let dir: string;
let summary: HistorySummary;
let store: Store;
const one = <T>(sql: string, ...args: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => store.db.prepare(sql).all(...args) as T[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-history-'));
  summary = generateHistory(dir, { days: 5, visitsPerDay: 40, seed: 7 });
  store = new Store(openDatabase(dir));
});

afterAll(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a generated week of history', () => {
  it('holds every visit of five working days, none on the weekend, each checked in with its event', () => {
    expect(summary).toMatchObject({ days: 5, visits: 200, firstDay: '2026-11-23', lastDay: '2026-11-27' });
    expect(one('SELECT COUNT(*) FROM tickets')).toBe(200);
    expect(one('SELECT COUNT(*) FROM bookings')).toBe(200);
    expect(all('SELECT office_date AS day, COUNT(*) AS n FROM tickets GROUP BY office_date')).toEqual(
      ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((day) => ({ day, n: 40 })),
    );
    expect(one("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'")).toBe(200);
    expect(one('SELECT COUNT(DISTINCT office_date || number) FROM tickets')).toBe(200);
  });

  it('counts what it wrote: entries, periods, calls, desks, applications, print jobs, handovers, events', () => {
    expect(one('SELECT COUNT(*) FROM queue_entries')).toBe(summary.queueEntries);
    expect(one('SELECT COUNT(*) FROM periods')).toBe(summary.periods);
    expect(one('SELECT COUNT(*) FROM calls')).toBe(summary.calls);
    expect(one('SELECT COUNT(*) FROM counter_periods')).toBe(summary.counterPeriods);
    expect(one('SELECT COUNT(*) FROM applications')).toBe(summary.applications);
    expect(one('SELECT COUNT(*) FROM print_jobs')).toBe(summary.printJobs);
    expect(one('SELECT COUNT(*) FROM handovers')).toBe(summary.handovers);
    // Thirty officers, twelve desks, and the events of the days on top of the set-up's.
    expect(one("SELECT COUNT(*) FROM users WHERE role IN ('officer', 'supervisor')")).toBe(30);
    expect(
      one(
        "SELECT COUNT(*) FROM events WHERE type NOT IN ('user.added', 'office.updated') AND type NOT LIKE 'station.%'",
      ),
    ).toBe(summary.events);
    // Every visit reached the documents desk; most went on to the interview and got an application.
    expect(one("SELECT COUNT(DISTINCT ticket_id) FROM queue_entries WHERE stage = 'documents'")).toBe(200);
    expect(summary.applications).toBeGreaterThan(180);
    expect(one("SELECT COUNT(*) FROM events WHERE type = 'ticket.completed'")).toBe(
      one("SELECT COUNT(*) FROM queue_entries WHERE status = 'done'"),
    );
  });

  it("closes every period but a walk-out's wait, and each ticket's periods follow one another", () => {
    const open = all<{ status: string; state: string }>(
      'SELECT e.status, p.state FROM periods p JOIN queue_entries e ON e.id = p.entry_id WHERE p.ended_at IS NULL',
    );
    expect(open).toHaveLength(summary.walkOuts);
    for (const row of open) expect(row).toEqual({ status: 'waiting', state: 'waiting' });
    const gaps = one<number>(`SELECT COUNT(*) FROM periods p JOIN periods q
      ON q.entry_id = p.entry_id AND q.seq = (SELECT MIN(seq) FROM periods WHERE entry_id = p.entry_id AND seq > p.seq)
      WHERE p.ended_at <> q.started_at`);
    expect(gaps).toBe(0);
    expect(one('SELECT COUNT(*) FROM periods WHERE ended_at < started_at')).toBe(0);
  });

  it('draws waits of 0–60 minutes and services of 3–15 minutes', () => {
    const waits = all<{ ms: number }>(
      `SELECT p.ended_at - MAX(p.started_at, e.window_start * 60000 + ?) AS ms FROM periods p
       JOIN queue_entries e ON e.id = p.entry_id
       WHERE p.state = 'waiting' AND p.ended_at IS NOT NULL AND e.stage = 'documents' AND e.office_date = ?
         AND p.seq = (SELECT MIN(seq) FROM periods WHERE entry_id = p.entry_id)`,
      Date.parse('2026-11-23T00:00:00+08:00'),
      '2026-11-23',
    ).map((row) => row.ms);
    expect(waits.length).toBeGreaterThan(30);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(60 * minute);
    const services = all<{ ms: number }>(
      "SELECT ended_at - started_at AS ms FROM periods WHERE state = 'serving' AND ended_at IS NOT NULL",
    ).map((row) => row.ms);
    // A served stage is 3–15 minutes; a transferred or held one ends its first service early.
    expect(
      services.filter((ms) => ms >= 3 * minute && ms <= 15 * minute).length / services.length,
    ).toBeGreaterThan(0.9);
    expect(Math.max(...services)).toBeLessThanOrEqual(15 * minute);
  });

  it("keeps each desk's periods apart, with a break and its reason every day", () => {
    const rows = all<{ counter: number; started_at: number; ended_at: number | null; state: string }>(
      'SELECT counter, started_at, ended_at, state FROM counter_periods ORDER BY counter, started_at, seq',
    );
    for (let i = 1; i < rows.length; i += 1) {
      const [before, after] = [rows[i - 1]!, rows[i]!];
      if (before.counter === after.counter) expect(before.ended_at).toBe(after.started_at);
    }
    expect(one('SELECT COUNT(*) FROM counter_periods WHERE ended_at IS NULL')).toBe(12);
    expect(
      one("SELECT COUNT(*) FROM counter_periods WHERE state = 'on_break' AND reason IS NOT NULL"),
    ).toBeGreaterThanOrEqual(5 * 12 - 2);
  });

  it('decides the priority claimed at the kiosk at the documents desk, and a refused one waits as regular after', () => {
    expect(summary.priorityClaims).toBeGreaterThan(0);
    expect(one('SELECT COUNT(*) FROM priority_claims')).toBe(summary.priorityClaims);
    expect(
      one("SELECT COUNT(*) FROM events WHERE type IN ('ticket.priorityConfirmed', 'ticket.priorityRefused')"),
    ).toBe(one('SELECT COUNT(*) FROM priority_claims WHERE decision IS NOT NULL'));
    expect(
      one(`SELECT COUNT(*) FROM priority_claims c JOIN queue_entries e ON e.ticket_id = c.ticket_id
        WHERE c.decision = 'refused' AND e.stage = 'interview' AND e.lane <> 'regular'`),
    ).toBe(0);
  });

  it('calls out of order only with a reason code, and the event chain verifies', () => {
    expect(one("SELECT COUNT(*) FROM calls WHERE kind = 'specific' AND reason IS NULL")).toBe(0);
    expect(one("SELECT COUNT(*) FROM calls WHERE kind = 'specific'")).toBe(summary.outOfOrderCalls);
    const verdict = verifyEventChain(store.db);
    expect(verdict).toMatchObject({ intact: true, chained: true, broken: null });
    expect(verdict.events).toBe(one('SELECT COUNT(*) FROM events'));
  });

  it('writes the same history from the same seed', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-history-'));
    try {
      const second = generateHistory(again, { days: 5, visitsPerDay: 40, seed: 7 });
      expect({ ...second, ms: 0 }).toEqual({ ...summary, ms: 0 });
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});
