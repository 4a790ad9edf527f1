import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportIssuance } from '../../src-main/services/reports/issuance.ts';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { readFloor } from '../support/floor.ts';
import { projectRoot, runLoket } from '../support/hub.ts';

let dir: string;
const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
const loket = (...args: string[]) => runLoket([...args, '--data', dir], now);
const studyFile = path.resolve(projectRoot, '../shared/data/denpasar-passport-issuance-2021-2022.csv');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-report-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const yearTotal = (year: number) =>
  readFloor(dir, (store) => reportIssuance({ store, clock: new ManualClock(0) }, { year }).jumlah.total);

describe('loket report import-history', () => {
  it('imports the office’s 2021–2022 issuance once, and refuses a file with a bad row by its line', async () => {
    const bad = path.join(dir, 'bad.csv');
    const lines = fs.readFileSync(studyFile, 'utf8').trim().split('\n');
    lines[4] = '2021,4,255,399,13,163,831';
    fs.writeFileSync(bad, lines.join('\n'));
    const refused = await loket('report', 'import-history', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('INVALID_INPUT');
    expect(refused.stderr).toContain('Line 5: total 831 is not the sum of the four columns (830)');
    expect(yearTotal(2021)).toBe(0);

    const imported = await loket('report', 'import-history', studyFile);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 24 months of passport issuance');
    expect(imported.stdout).toContain('2021: 12 months, 15131 passports');
    expect(imported.stdout).toContain('2022: 12 months, 40904 passports');
    expect(yearTotal(2021)).toBe(15131);
    expect(yearTotal(2022)).toBe(40904);
    const actor = readFloor(dir, (store) =>
      store.db.prepare("SELECT actor FROM events WHERE type = 'issuance.imported'").pluck().all(),
    );
    expect(actor).toEqual(['cli']);

    const again = await loket('report', 'import-history', studyFile);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('CONFLICT');
    expect(again.stderr).toContain('Line 2: month 1/2021 was already imported');
  });

  it('says what it needs: a FILE, a readable one', async () => {
    const missing = await loket('report', 'import-history');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('report import-history needs a FILE');
    const unknown = await loket('report', 'import-history', path.join(dir, 'nothing.csv'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/nothing\.csv/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
