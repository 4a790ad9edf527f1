import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { buildReportDay, reportDate, type ReportDay } from '../support/reportDay.ts';

let t: TestHub;
let day: ReportDay;

beforeAll(async () => {
  t = await startTestHub({ now: at(reportDate, '08:30') });
  day = buildReportDay(t.hub.store, t.clock);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** Every piece of the day's personal data found in `text`, compared without regard to case. */
const personalIn = (text: string) => day.personal.filter((p) => text.toLowerCase().includes(p.toLowerCase()));

describe('the public page (/public), open to anyone', () => {
  it('answers without sign-in with the day’s aggregate figures and nothing that names a citizen or an officer', async () => {
    const response = await fetch(`${t.hub.url}/public`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('Kantor Imigrasi');
    // Today's row: seven citizens came; the page links its printable copy and says it holds no personal data.
    expect(html).toContain('30 November 2026');
    expect(html).toMatch(/<td>30 November 2026<\/td>\s*<td class="n">7<\/td>/);
    expect(html).toContain('href="/public.pdf"');
    // The daily waits as a chart drawn on the hub, no browser: ECharts' server-side SVG, inline.
    expect(html).toMatch(
      /<figure class="chart"><svg[^>]*>[\s\S]*Waktu tunggu per hari[\s\S]*<\/svg><\/figure>/,
    );
    expect(html).toContain('tidak memuat data pribadi');
    expect(personalIn(html)).toEqual([]);
  });

  it('serves the printable page as a PDF, also without personal data', async () => {
    const response = await fetch(`${t.hub.url}/public.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-public-pdf-'));
    try {
      const file = path.join(dir, 'public.pdf');
      fs.writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('30 November 2026');
      expect(personalIn(text)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the quarter’s satisfaction index once citizens answered the survey, still without personal data', async () => {
    const before = await (await fetch(`${t.hub.url}/public`)).text();
    expect(before).not.toContain('Indeks Kepuasan Masyarakat');
    // The two citizens interviewed at counter 3 (the first two to check in) answer at its exit.
    const feedback = t.pair('feedback', 'Survei loket 3');
    const office = t.hub.store.office.get().code;
    const interviewed = t.hub.store.db
      .prepare('SELECT id FROM tickets ORDER BY rowid LIMIT 2')
      .pluck()
      .all() as string[];
    for (const [i, id] of interviewed.entries()) {
      const started = await t.call('startSurvey', { code: `LOKET:T:${office}:${id}` }, feedback);
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      const answer = i === 0 ? 4 : 3;
      const answers = Object.fromEntries(Array.from({ length: 9 }, (_, e) => [`u${e + 1}`, answer]));
      const sent = await t.call(
        'submitSurvey',
        { token: started.body.token, answers, comment: 'Petugas loket 3 ramah.' },
        feedback,
      );
      expect(sent.status).toBe(200);
    }
    const html = await (await fetch(`${t.hub.url}/public`)).text();
    // NRR 3,5 on every element: IKM 3,5, index 87,50, B (Baik).
    expect(html).toContain(
      'IKM Triwulan IV 2026: <strong>87,50</strong> (B, Baik), dari 2 tanggapan survei.',
    );
    expect(html).not.toContain('Petugas loket 3 ramah');
    expect(personalIn(html)).toEqual([]);
  });
});
