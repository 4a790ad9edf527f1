import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MmcSummary } from '../../src-main/domain/simulation/mmc.ts';
import { runLoket } from '../support/hub.ts';

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
