import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportReportView } from '../../src-main/api/reportViews.ts';
import { isLoketError } from '../../src-main/domain/errors.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { exportReport } from '../../src-main/services/reports/export.ts';
import { importIssuanceHistory } from '../../src-main/services/reports/issuance.ts';
import { makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { projectRoot } from '../support/hub.ts';

let floor: TestFloor;
beforeEach(() => {
  floor = makeFloor();
});
afterEach(() => floor.close());

describe('exportReport: a report as a file to download', () => {
  it('refuses a range that ends before it starts, or filters the report does not take, and writes nothing', async () => {
    const before = rowCounts(floor.store);
    const refusals = [
      { report: 'kpi', format: 'csv', from: '2026-11-30', to: '2026-11-01' },
      { report: 'promises', format: 'pdf', from: '2025-01-01', to: '2026-11-30' },
      { report: 'officers', format: 'xlsx', counter: 3 },
    ] as const;
    for (const input of refusals) {
      const refused = await exportReport(floor.ctx, input).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isLoketError(refused) && refused.code, JSON.stringify(input)).toBe('INVALID_INPUT');
      if (isLoketError(refused)) {
        expect(refused.text.id).toMatch(/\S/);
        expect(refused.text.en).toMatch(/\S/);
      }
    }
    expect(rowCounts(floor.store)).toEqual(before);
  });
});

describe('exportReport with the issuance service', () => {
  it("the 2022 issuance as XLSX: named for its year, the study's JUMLAH read back", async () => {
    const history = path.resolve(projectRoot, '../shared/data/denpasar-passport-issuance-2021-2022.csv');
    importIssuanceHistory(floor.ctx, commandLine, { content: fs.readFileSync(history, 'utf8') });
    const steps: string[] = [];
    const file = exportReportView.parse(
      await exportReport(floor.ctx, { report: 'issuance', format: 'xlsx', year: 2022 }, (step) =>
        steps.push(step),
      ),
    );
    expect(file.fileName).toBe('loket-issuance-2022.xlsx');
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(steps).toHaveLength(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.content, 'base64') as never);
    const ws = book.getWorksheet('Penerbitan') as ExcelJS.Worksheet;
    expect((ws.getRow(18).values as unknown[]).slice(2, 8)).toEqual([
      'JUMLAH',
      18691,
      16970,
      881,
      4362,
      40904,
    ]);
    // This year by default (the floor's clock: November 2026), as CSV.
    const csv = await exportReport(floor.ctx, { report: 'issuance', format: 'csv' });
    expect(csv.fileName).toBe('loket-issuance-2026.csv');
    expect(csv.mediaType).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(csv.content, 'base64').toString('utf8')).toContain('\r\n,JUMLAH,');
  });
});
