import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { at, readFloor } from '../support/floor.ts';
import { runLoket } from '../support/hub.ts';

/** `loket report ikm`: the survey's period figures on the hub's machine, as a table or JSON. */
let dir: string;
const loket = (...args: string[]) =>
  runLoket([...args, '--data', dir], { LOKET_NOW: '2026-12-07T09:15:00+08:00' });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-ikm-'));
  readFloor(dir, (store) => {
    const ctx = { store, clock: new ManualClock(at('2026-11-30', '09:00')) };
    const station = addStation(ctx, commandLine, { mode: 'feedback', name: 'Survei loket 3' }).station;
    const answer = (officeDate: string, answers: (number | null)[], comment: string | null = null) =>
      store.survey.addResponse({
        officeDate,
        hour: 10,
        stage: 'interview',
        counter: 3,
        stationId: station.id,
        service: 'paspor-baru',
        answers,
        sex: 'laki-laki',
        ageBand: '40-49',
        education: 'sma',
        occupation: 'wirausaha',
        comment,
        answeredAt: at(officeDate, '10:00'),
      });
    // November: the worked example of three forms (index 4025/54 = 74.54, C).
    answer('2026-11-02', [4, 3, 2, 4, 3, 4, 4, 3, 2], 'Papan petunjuk kurang jelas.');
    answer('2026-11-03', [3, 3, 3, 4, 3, 3, 4, 2, null]);
    answer('2026-11-30', [2, 4, 1, 4, 4, 3, 3, 3, 1]);
    // December: not in November's figures.
    answer('2026-12-01', [4, 4, 4, 4, 4, 4, 4, 4, 4]);
  });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loket report ikm', () => {
  it('prints a month’s IKM as JSON, the same figures as the console', async () => {
    const run = await loket(
      'report',
      'ikm',
      '--period',
      'month',
      '--year',
      '2026',
      '--index',
      '11',
      '--format',
      'json',
    );
    expect(run.code, run.stderr).toBe(0);
    const view = JSON.parse(run.stdout);
    expect(view.period).toMatchObject({ label: 'November 2026', from: '2026-11-01', to: '2026-11-30' });
    expect(view.overall.responses).toBe(3);
    expect(view.overall.index).toBeCloseTo(4025 / 54, 10);
    expect(view.overall.grade).toBe('C');
    expect(view.complaints).toEqual([expect.objectContaining({ text: 'Papan petunjuk kurang jelas.' })]);
  });

  it('prints a quarter as an aligned table with the index to two decimals and the grade in words', async () => {
    const run = await loket('report', 'ikm', '--period', 'quarter', '--year', '2026', '--index', '4');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Triwulan IV 2026');
    expect(run.stdout).toContain('Responden / Responses: 4');
    // U9 left blank once: (2 + 1 + 4) / 3 = 2.33, its divisor 3 where the other elements have 4.
    expect(run.stdout).toMatch(/U9\s+Penanganan Pengaduan, Saran dan Masukan\s+3\s+2\.33/);
    expect(run.stdout).toMatch(/Mutu pelayanan \/ Grade: [ABCD] \(/);
    expect(run.stdout).toContain('Papan petunjuk kurang jelas.');
  });

  it('says what it needs: a period, and an index that exists', async () => {
    const none = await loket('report', 'ikm');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('report ikm needs --period month|quarter|semester|year');
    const wrong = await loket('report', 'ikm', '--period', 'quarter', '--year', '2026', '--index', '5');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--period quarter needs --index 1–4, not 5');
    const stray = await loket('report', 'kpi', '--period', 'month');
    expect(stray.code).not.toBe(0);
    expect(stray.stderr).toContain('--period and --index go with report ikm');
  });
});
