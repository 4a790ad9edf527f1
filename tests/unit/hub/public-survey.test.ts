import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { reportPdf } from '../../../src-main/documents/reportFiles.ts';
import { publicDocument } from '../../../src-main/documents/reportSheets.ts';
import { publicPage } from '../../../src-main/hub/publicPage.ts';
import { samplePublic } from '../../support/reportSamples.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-public-survey-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const withSurvey = {
  ...samplePublic,
  survey: { label: 'Triwulan IV 2026', responses: 120, index: 86.1111, grade: 'B' as const },
};

describe('the satisfaction index on the public page and its printed notice', () => {
  it('/public shows the period, the index with two decimals, its grade and words, and the responses', () => {
    const html = publicPage(withSurvey);
    expect(html).toContain('Indeks Kepuasan Masyarakat');
    expect(html).toContain(
      'IKM Triwulan IV 2026: <strong>86,11</strong> (B, Baik), dari 120 tanggapan survei.',
    );
    expect(html).toContain('86,11 (B, Good) from 120 survey responses.');
  });

  it('/public says nothing of the survey while it has no answers', () => {
    expect(publicPage(samplePublic)).not.toContain('Indeks Kepuasan');
    expect(publicPage({ ...samplePublic, survey: null })).not.toContain('Indeks Kepuasan');
    expect(
      publicPage({
        ...samplePublic,
        survey: { label: 'Triwulan IV 2026', responses: 0, index: null, grade: null },
      }),
    ).not.toContain('Indeks Kepuasan');
  });

  it('the notice-board PDF carries the index line', async () => {
    const file = path.join(dir, 'public.pdf');
    fs.writeFileSync(file, await reportPdf(publicDocument(withSurvey)));
    const text = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Indeks Kepuasan Masyarakat Triwulan IV 2026: 86,11 (B, Baik), dari 120 tanggapan.',
    );
  });
});
