import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importIssuanceHistory, reportIssuance } from '../../src-main/services/reports/issuance.ts';
import { assignBooklet, spoilBooklet } from '../../src-main/services/passportPrinting.ts';
import { at } from '../support/floor.ts';
import { projectRoot } from '../support/hub.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { approvedJob, printOn, stockBooklets } from '../support/printed.ts';
import { refusalOf } from '../support/refusal.ts';

/** The office's own report of 2021–2022, as the study's Figure 2 prints it. */
const studyFile = path.resolve(projectRoot, '../shared/data/denpasar-passport-issuance-2021-2022.csv');

/** Figure 2 as printed: [biasa baru, biasa penggantian, elektronik baru, elektronik penggantian, jumlah] per month, then JUMLAH. */
const figure2: Record<number, { months: number[][]; jumlah: number[] }> = {
  2021: {
    months: [
      [296, 303, 1, 22, 622],
      [299, 361, 23, 88, 771],
      [483, 399, 19, 185, 1086],
      [255, 399, 13, 163, 830],
      [313, 496, 21, 153, 983],
      [639, 685, 27, 155, 1506],
      [754, 388, 7, 80, 1229],
      [641, 441, 13, 41, 1136],
      [918, 493, 6, 73, 1490],
      [581, 321, 16, 140, 1058],
      [922, 562, 35, 246, 1765],
      [1405, 932, 49, 269, 2655],
    ],
    jumlah: [7506, 5780, 230, 1615, 15131],
  },
  2022: {
    months: [
      [1082, 573, 34, 244, 1933],
      [1071, 645, 27, 200, 1943],
      [909, 1035, 84, 451, 2479],
      [685, 815, 101, 636, 2237],
      [1836, 1026, 117, 576, 3555],
      [2547, 2059, 6, 45, 4657],
      [2382, 2203, 5, 25, 4615],
      [2504, 2004, 10, 11, 4529],
      [1720, 2329, 3, 21, 4073],
      [1219, 1577, 76, 427, 3299],
      [1356, 1400, 207, 824, 3787],
      [1380, 1304, 211, 902, 3797],
    ],
    jumlah: [18691, 16970, 881, 4362, 40904],
  },
};

const cells = (c: {
  biasaBaru: number;
  biasaPenggantian: number;
  elektronikBaru: number;
  elektronikPenggantian: number;
  total: number;
}) => [c.biasaBaru, c.biasaPenggantian, c.elektronikBaru, c.elektronikPenggantian, c.total];

const header = 'year,month,biasa_baru,biasa_penggantian,elektronik_baru,elektronik_penggantian,total';
const csv = (...rows: string[]) => [header, ...rows].join('\n');

let p: PrintFloor;

beforeEach(() => {
  p = makePrintFloor();
});
afterEach(async () => {
  await p.close();
});

const historyRows = () => p.ctx.store.db.prepare('SELECT COUNT(*) FROM issuance_history').pluck().get();
const importEvents = () =>
  p.ctx.store.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'issuance.imported'").pluck().get();

describe('the issuance report in the study’s format', () => {
  it('with the office’s 2021–2022 report imported, gives the study’s Figure 2, every cell and JUMLAH', () => {
    const result = importIssuanceHistory(p.ctx, p.supervisor, {
      content: fs.readFileSync(studyFile, 'utf8'),
    });
    expect(result.imported).toHaveLength(24);
    expect(result.imported[0]).toEqual({ year: 2021, month: 1, total: 622 });

    for (const year of [2021, 2022]) {
      const table = reportIssuance(p.ctx, { year });
      expect(table.year).toBe(year);
      expect(table.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(table.months.map(cells)).toEqual(figure2[year]?.months);
      expect(table.months.every((m) => m.source === 'imported')).toBe(true);
      expect(cells(table.jumlah)).toEqual(figure2[year]?.jumlah);
    }
    expect(reportIssuance(p.ctx, { year: 2021 }).jumlah.total).toBe(15131);
    expect(reportIssuance(p.ctx, { year: 2022 }).jumlah.total).toBe(40904);

    // The supervisor who imported it is named in the log; the payload holds months and totals only.
    const event = p.ctx.store.events.ofTypeSince('issuance.imported', 0);
    expect(event).toHaveLength(1);
    expect(event[0]?.actor).toBe(p.supervisor.actor);
    expect(event[0]?.station).toBe(p.supervisor.stationId);
    expect(event[0]?.payload).toMatchObject({ total: 15131 + 40904 });

    // Once only: the same file again is refused at its first month, and nothing changes.
    const again = refusalOf(() =>
      importIssuanceHistory(p.ctx, p.supervisor, { content: fs.readFileSync(studyFile, 'utf8') }),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.details).toEqual({ line: 2, fault: 'already_imported' });
    expect(historyRows()).toBe(24);
    expect(importEvents()).toBe(1);
  });

  it('a year nobody ran or imported is twelve empty months with no source', () => {
    const table = reportIssuance(p.ctx, { year: 2019 });
    expect(table.months.every((m) => m.source === null && m.total === 0)).toBe(true);
    expect(table.jumlah.total).toBe(0);
  });

  it('refuses a file with a bad row as a whole, naming its line and fault, and writes nothing', () => {
    const good = '2021,1,296,303,1,22,622';
    const cases: { content: string; line: number; fault: string; en: RegExp }[] = [
      { content: `year,month,total\n${good}`, line: 1, fault: 'header', en: /Line 1: the header must be/ },
      { content: header, line: 2, fault: 'no_rows', en: /no month/ },
      {
        content: csv(good, '2021,2,299,361,23,88,770'),
        line: 3,
        fault: 'total',
        en: /Line 3: total 770 is not the sum of the four columns \(771\)/,
      },
      {
        content: csv(good, '2021,2,299,-361,23,88,49'),
        line: 3,
        fault: 'not_a_count',
        en: /column biasa_penggantian must be a whole number/,
      },
      { content: csv('2021,2,299.5,361,23,88,771'), line: 2, fault: 'not_a_count', en: /column biasa_baru/ },
      { content: csv(good, '2021,2,,361,23,88,472'), line: 3, fault: 'not_a_count', en: /Line 3/ },
      { content: csv(good, '2021,2,299,361,23,88'), line: 3, fault: 'columns', en: /7 columns, not 6/ },
      { content: csv(good, '2021,13,0,0,0,0,0'), line: 3, fault: 'month', en: /month 13 must be 1–12/ },
      { content: csv('1999,12,0,0,0,0,0'), line: 2, fault: 'year', en: /year 1999/ },
      {
        content: csv(good, '2021,2,299,361,23,88,771', good),
        line: 4,
        fault: 'duplicate',
        en: /month 1\/2021 is already on line 2/,
      },
      // The floor's clock reads 30 November 2026: December has not begun.
      {
        content: csv(good, '2026,12,1,0,0,0,1'),
        line: 3,
        fault: 'future',
        en: /month 12\/2026 has not begun/,
      },
    ];
    for (const c of cases) {
      const refusal = refusalOf(() => importIssuanceHistory(p.ctx, p.supervisor, { content: c.content }));
      expect(refusal.code, c.content).toBe('INVALID_INPUT');
      expect(refusal.details, c.content).toEqual({ line: c.line, fault: c.fault });
      expect(refusal.text.en, c.content).toMatch(c.en);
      expect(refusal.text.id, c.content).toMatch(
        new RegExp(`^Berkas penerbitan ditolak seluruhnya\\. Baris ${c.line}: `),
      );
    }
    expect(historyRows()).toBe(0);
    expect(importEvents()).toBe(0);
    expect(reportIssuance(p.ctx, { year: 2021 }).months[0]).toMatchObject({ source: null, total: 0 });

    // A month imported before refuses a later file at its line; the file's other months stay out too.
    importIssuanceHistory(p.ctx, p.supervisor, { content: csv(good) });
    const twice = refusalOf(() =>
      importIssuanceHistory(p.ctx, p.supervisor, { content: csv('2021,2,299,361,23,88,771', good) }),
    );
    expect(twice.code).toBe('CONFLICT');
    expect(twice.details).toEqual({ line: 3, fault: 'already_imported' });
    expect(twice.text.id).toMatch(/Baris 3: bulan 1\/2021 sudah pernah diimpor/);
    expect(reportIssuance(p.ctx, { year: 2021 }).months[1]).toMatchObject({ source: null, total: 0 });
    expect(historyRows()).toBe(1);
  });

  it('counts the floor’s own passports in the local month they were printed, a reprint once', async () => {
    stockBooklets(p, 'X0000001', 'X0000010', 'elektronik');
    stockBooklets(p, 'B0000001', 'B0000010', 'biasa');
    // An electronic first passport, printed and checked.
    const first = approvedJob(p, 1);
    await printOn(p, first.id, 'X0000001');
    // An ordinary replacement of an expired passport: its first booklet spoiled, printed on a second.
    const replacement = approvedJob(p, 2, { passportType: 'biasa', applicationKind: 'habis_berlaku' });
    assignBooklet(p.ctx, p.operator, { jobId: replacement.id, text: 'B0000001' });
    spoilBooklet(p.ctx, p.operator, {
      jobId: replacement.id,
      reason: 'Sobek',
      username: 'sri',
      secret: pins.sri,
    });
    await printOn(p, replacement.id, 'B0000002');
    // An electronic replacement of a lost passport, printed, its quality check still to come.
    const lost = approvedJob(p, 3, { applicationKind: 'hilang' });
    await printOn(p, lost.id, 'X0000002', false);
    // Approved but still in the queue: not issued.
    approvedJob(p, 4, { passportType: 'biasa' });
    // Printed at 00:30 on 1 December in Denpasar, still 30 November in UTC: December's passport.
    const december = approvedJob(p, 5, { passportType: 'biasa' });
    p.floor.clock.set(at('2026-12-01', '00:30'));
    await printOn(p, december.id, 'B0000003');

    const table = reportIssuance(p.ctx, { year: 2026 });
    expect(table.months[10]).toEqual({
      month: 11,
      source: 'floor',
      biasaBaru: 0,
      biasaPenggantian: 1,
      elektronikBaru: 1,
      elektronikPenggantian: 1,
      total: 3,
    });
    expect(table.months[11]).toEqual({
      month: 12,
      source: 'floor',
      biasaBaru: 1,
      biasaPenggantian: 0,
      elektronikBaru: 0,
      elektronikPenggantian: 0,
      total: 1,
    });
    expect(table.months.slice(0, 10).every((m) => m.source === null && m.total === 0)).toBe(true);
    expect(cells(table.jumlah)).toEqual([1, 1, 1, 1, 4]);

    // A month the floor ran cannot be imported over: the file is refused at that line, October too.
    const refusal = refusalOf(() =>
      importIssuanceHistory(p.ctx, p.supervisor, {
        content: csv('2026,10,5,0,0,0,5', '2026,11,9,0,0,0,9'),
      }),
    );
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.details).toEqual({ line: 3, fault: 'floor_data' });
    expect(refusal.text.en).toMatch(/month 11\/2026 already has passports printed on the floor/);
    expect(reportIssuance(p.ctx, { year: 2026 }).months[9]).toMatchObject({ source: null, total: 0 });
    expect(historyRows()).toBe(0);
  });
});
