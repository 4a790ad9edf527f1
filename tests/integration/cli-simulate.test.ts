import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MmcSummary } from '../../src-main/domain/simulation/mmc.ts';
import { runLoket } from '../support/hub.ts';
import type { FloorDaySummary } from '../../src-main/domain/simulation/floorSummary.ts';

// Each `loket` process spends a few seconds starting on a busy 2-core machine.
const slow = 120_000;

let dir: string;
/** A data folder named but never made: the simulator must not open or create a floor database. */
let floor: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-simulate-'));
  floor = path.join(dir, 'floor');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const simulate = (...args: string[]) => runLoket(['simulate', ...args], { LOKET_DATA: floor });

describe('loket simulate --model mmc', () => {
  it(
    'answers M/M/3 in JSON beside Erlang C, the same in one thread or two, and touches no floor',
    async () => {
      const args = ['--model', 'mmc', '--lambda', '0.2', '--mu', '0.1', '--counters', '3'];
      const run = [
        '--minutes',
        '20000',
        '--warmup',
        '500',
        '--seeds',
        '20',
        '--seed',
        '5',
        '--format',
        'json',
      ];
      // In this thread, and shared among two worker threads: the same answer, byte for byte.
      const [first, again] = await Promise.all([
        simulate(...args, ...run, '--threads', '1'),
        simulate(...args, ...run, '--threads', '2'),
      ]);
      expect(first.code, first.stderr).toBe(0);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toBe(first.stdout);

      const summary = JSON.parse(first.stdout) as MmcSummary;
      expect(summary.model).toBe('mmc');
      expect(summary.replications).toBe(20);
      expect(summary.input).toMatchObject({ seed: 5, warmup: 500, service: 'exponential' });
      const { meanWait, probabilityOfWaiting, utilisation } = summary.measures;
      expect(meanWait.closedForm).toBeCloseTo(40 / 9, 10);
      expect(probabilityOfWaiting.closedForm).toBeCloseTo(4 / 9, 10);
      // 20 runs of 20,000 minutes: the interval's half-width is near 5% of Wq; 12% is ample.
      expect(Math.abs(meanWait.mean / (40 / 9) - 1)).toBeLessThan(0.12);
      expect(meanWait.low).toBeLessThan(meanWait.mean);
      expect(meanWait.high).toBeGreaterThan(meanWait.mean);
      expect(Math.abs(probabilityOfWaiting.mean - 4 / 9)).toBeLessThan(0.02);
      expect(Math.abs(utilisation.mean - 2 / 3)).toBeLessThan(0.02);
      expect(fs.existsSync(floor)).toBe(false);
    },
    slow,
  );

  it(
    'prints a table with each measure, its interval and the closed form; deterministic service has none',
    async () => {
      const [exponential, deterministic] = await Promise.all([
        simulate(
          '--model',
          'mmc',
          '--lambda',
          '0.243',
          '--mu',
          '0.1',
          '--counters',
          '3',
          '--minutes',
          '20000',
          '--seeds',
          '10',
        ),
        simulate(
          '--model',
          'mmc',
          '--lambda',
          '0.2',
          '--mu',
          '0.1',
          '--counters',
          '3',
          '--minutes',
          '5000',
          '--seeds',
          '3',
          '--service',
          'deterministic',
        ),
      ]);
      expect(exponential.code, exponential.stderr).toBe(0);
      expect(exponential.stdout).toContain('Textbook queue M/M/3');
      expect(exponential.stdout).toContain('ρ = λ/(cμ) = 0.8100');
      expect(exponential.stdout).toMatch(/counter utilisation\s+0\.8\d{3}\s+0\.\d{4} – 0\.\d{4}\s+0\.8100/);
      expect(exponential.stdout).toMatch(/probability of waiting P\(W>0\)\s+0\.6\d{3}/);
      expect(deterministic.code, deterministic.stderr).toBe(0);
      expect(deterministic.stdout).toContain('Textbook queue M/D/3');
      expect(deterministic.stdout).toContain('No closed form beside it');
      expect(fs.existsSync(floor)).toBe(false);
    },
    slow,
  );

  it(
    'refuses bad input with a clear line, exit 1 and nothing written',
    async () => {
      const base = ['--lambda', '0.2', '--mu', '0.1', '--counters', '3', '--minutes', '1000'];
      const cases: [string[], string][] = [
        [['--model', 'mg1', ...base], 'unknown model mg1: --model must be one of floor, mmc'],
        [[...base], "--lambda is the textbook queue's: add --model mmc"],
        [['--model', 'mmc', ...base, '--counters', '0'], '--counters: counters must be at least 1'],
        [['--model', 'mmc', ...base, '--lambda', 'fast'], '--lambda must be a number, not fast'],
        [['--model', 'mmc', ...base, '--threads', '0'], '--threads: threads must be a whole number 1–16'],
        [
          ['--model', 'mmc', ...base, '--warmup', '2000'],
          '--warmup: the warm-up (2000 minutes) must be shorter',
        ],
      ];
      const results = await Promise.all(cases.map(([args]) => simulate(...args)));
      results.forEach((result, i) => {
        const [args, message] = cases[i] as [string[], string];
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(message);
        expect(result.stderr).toContain('Lihat / See: loket simulate --help');
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe('');
      });
      expect(fs.existsSync(floor)).toBe(false);
    },
    slow,
  );
});

describe('loket simulate (the floor day)', () => {
  const bare = (...args: string[]) => runLoket(['simulate', ...args], {});
  const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  it(
    'compares the policies for a day of the office on its floor, reading the floor and writing nothing to it',
    async () => {
      const made = await runLoket(['office', 'show', '--data', floor], {});
      expect(made.code, made.stderr).toBe(0);
      const db = path.join(floor, 'loket.db');
      const before = digest(db);
      const [json, csv, table] = await Promise.all([
        simulate('--date', '2026-12-08', '--seeds', '6', '--officers', 'interview=6', '--format', 'json'),
        simulate(
          '--date',
          '2026-12-08',
          '--seeds',
          '3',
          '--policy',
          'window,fifo,priority-first',
          '--format',
          'csv',
        ),
        bare('--date', '2026-12-08', '--seeds', '3', '--threads', '2'),
      ]);
      expect(json.code, json.stderr).toBe(0);
      const summary = JSON.parse(json.stdout) as FloorDaySummary;
      expect(summary.model).toBe('floor');
      expect(summary.officers).toEqual({ documents: 2, interview: 6 });
      expect(summary.policies.map((p) => p.policy)).toEqual(['window', 'fifo']);
      expect(summary.seeds).toEqual({ first: 1, count: 6 });
      expect(summary.policies[0]?.measures.served.mean).toBeGreaterThan(200);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.split('\n')[0]).toBe('policy,measure,mean,low,high');
      expect(csv.stdout).toMatch(/^priority-first,waitP90,\d/m);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toContain(
        'Floor day 2026-12-08, 08:00–16:00: 240 bookings; officers: documents 2, interview 4',
      );
      expect(table.stdout).toMatch(/By window against first come, first served: p90 wait \d+% of it/);
      expect(digest(db)).toBe(before);
    },
    slow,
  );

  it(
    'refuses bad input with a clear line, exit 1, and makes no floor',
    async () => {
      const quota = path.join(dir, 'quota.json');
      fs.writeFileSync(quota, '{"lanes":[{"id":"regular"}]}');
      const cases: [string[], string][] = [
        [['--officers', 'interview=-2'], '--officers: officers cannot be negative'],
        [['--officers', 'photo=2'], '--officers: no stage photo'],
        [['--policy', 'window,lifo'], '--policy: unknown policy lifo'],
        [['--seeds', '10000'], '--seeds: seeds must be at most 1000'],
        [['--date', '2026-12-25'], '--date: the office is closed on 2026-12-25 (Christmas Day)'],
        [['--quota', quota], 'every lane needs an id and a quotaPerWindow number'],
        [['--booked'], "--booked reads the day's bookings: give --data DIR"],
        [['--format', 'xml'], '--format must be one of table, json, csv'],
      ];
      const results = await Promise.all(cases.map(([args]) => bare('--date', '2026-12-08', ...args)));
      results.forEach((result, i) => {
        const [args, message] = cases[i] as [string[], string];
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(message);
        expect(result.stdout).toBe('');
      });
      const noFloor = await simulate('--date', '2026-12-08', '--seeds', '2');
      expect(noFloor.code).toBe(1);
      expect(noFloor.stderr).toContain('no Loket floor in');
      expect(fs.existsSync(floor)).toBe(false);
    },
    slow,
  );
});
