import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalRoutes } from '../../src-main/central/national/routes.ts';
import { addCentralUser } from '../../src-main/central/national/users.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { officeHeader, signatureHeader } from '../../src-main/domain/centralWire.ts';
import { nextBatch, signBody } from '../../src-main/hub/centralLink.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { makeFloor, type TestFloor } from '../support/floor.ts';
import { openOffice, shipFloor, workDay } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * The national page (issue 25) in Chromium: a Directorate General analyst signs in (a wrong password
 * refused first), compares three offices over two days side by side, sees the office whose link
 * stopped marked as such, and downloads the comparison.
 */
let db: TestDatabase;
let central: CentralStore;
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const floors: Record<string, TestFloor> = {};
const analyst = {
  username: 'ditjen.analis',
  name: 'Analis Ditjen Imigrasi',
  password: 'paspor-nasional-2026',
};
const days = ['2026-11-30', '2026-12-01'];

beforeAll(async () => {
  db = await freshDatabase('nationalpage');
  central = new CentralStore(db.url);
  await central.migrate();
  app = await centralServer({ store: central, extend: nationalRoutes(central) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const offices = [
    { code: 'DPS', name: 'Kantor Imigrasi Kelas I TPI Denpasar', seed: 3 },
    { code: 'JKS', name: 'Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan', seed: 11 },
    { code: 'MDN', name: 'Kantor Imigrasi Kelas I Khusus TPI Medan', seed: 29 },
  ];
  for (const o of offices) {
    const key = await central.addOffice(o.code, o.name);
    const floor = makeFloor();
    const desks = openOffice(floor, days[0]!);
    days.forEach((date, i) =>
      workDay(floor, desks, date, { seed: o.seed + i, citizens: 18, firstBooking: 100 + i * 50 }),
    );
    floors[o.code] = floor;
    if (o.code !== 'MDN') {
      await shipFloor(floor, `${url}/`, o.code, key);
      continue;
    }
    // Medan's link stopped after its first batch: the hub said how far it was, and nothing more came.
    centralLinkCommand(floor.ctx, `${url}/`, o.code, key, {
      write: () => undefined,
      usage: (m) => new Error(m),
    });
    const body = JSON.stringify(nextBatch(floor.store, floor.store.centralLink.get()!, 'Asia/Makassar', 150));
    const sent = await fetch(`${url}/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [officeHeader]: o.code,
        [signatureHeader]: signBody(key, body),
      },
      body,
    });
    expect(sent.status).toBe(200);
  }
  await addCentralUser(central, analyst);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 2200 }, acceptDownloads: true });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  for (const floor of Object.values(floors)) floor.close();
  await app?.close();
  await central?.close();
  await db?.drop();
});

async function signIn(password: string): Promise<void> {
  await page.goto(`${url}/national`);
  await page.getByLabel('Nama pengguna').fill(analyst.username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk / Sign in' }).click();
}

describe('the national page', { timeout: 120_000 }, () => {
  it('refuses a wrong password and reads nothing without signing in', async () => {
    await signIn('bukan-kata-sandinya');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Nama pengguna atau kata sandi salah');
    expect(await page.locator('#comparison').count()).toBe(0);
    await screenshot(page, 'national-sign-in-refused');
    const csv = await fetch(`${url}/national/ekspor.csv?dari=${days[0]}&sampai=${days[1]}`);
    expect(csv.status).toBe(401);
  });

  it('compares three offices side by side, marks the stale link and exports the comparison', async () => {
    await signIn(analyst.password);
    await page.locator('#picker').waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'loket_national');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    for (const code of ['DPS', 'JKS', 'MDN'])
      await page.locator(`input[name="kantor"][value="${code}"]`).check();
    await page.locator('input[name="dari"]').fill(days[0]!);
    await page.locator('input[name="sampai"]').fill(days[1]!);
    await page.getByRole('button', { name: 'Tampilkan / Show' }).click();
    const rows = page.locator('#comparison tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-office')))).toEqual([
      'DPS',
      'JKS',
      'MDN',
      'NASIONAL',
    ]);

    // Medan is marked stale; Denpasar and Jakarta Selatan are live.
    await expect
      .poll(() => page.locator('[data-office="MDN"] .stale').textContent())
      .toContain('Tautan terhenti');
    expect(await page.locator('[data-office="DPS"] .stale').count()).toBe(0);
    expect(await page.locator('[data-office="JKS"]').textContent()).toContain('Aktif');

    // The served count and the p90 wait are what Denpasar's own console shows for the two days.
    const console = reportKpi(floors.DPS!.ctx, { from: days[0]!, to: days[1]! }).total;
    const cells = await page.locator('[data-office="DPS"] td').allTextContents();
    expect(cells[2]).toBe(String(console.served));
    expect(cells[4]).toBe(((console.wait.p90Ms as number) / 60_000).toFixed(1).replace('.', ','));
    expect(await page.locator('figure[data-chart="national-waits"] svg').count()).toBe(1);
    await screenshot(page, 'national-three-offices');

    const [file] = await Promise.all([
      page.waitForEvent('download') as Promise<Download>,
      page.getByText('Unduh CSV / Download CSV').click(),
    ]);
    const text = fs.readFileSync((await file.path()) as string, 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Kantor,Tautan,Dilayani');
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.startsWith('MDN'))).toContain('TERHENTI');
    expect(lines.find((l) => l.startsWith('DPS'))?.split(',')[2]).toBe(String(console.served));
  });

  it('says so when the period is not a period, and signs out', async () => {
    await page.goto(`${url}/national?dari=${days[1]}&sampai=${days[0]}`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Periode harus berupa dua tanggal');
    await screenshot(page, 'national-bad-period');
    await page.getByRole('button', { name: 'Keluar / Sign out' }).click();
    await page.getByLabel('Kata sandi').waitFor();
    const csv = await page.request.get(`${url}/national/ekspor.csv?dari=${days[0]}&sampai=${days[1]}`);
    expect(csv.status()).toBe(401);
  });
});
