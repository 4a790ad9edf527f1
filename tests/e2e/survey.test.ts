import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { surveyElements } from '../../src-main/domain/survey/elements.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { receiptSignature } from '../../src-main/services/receipts.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  callFromPage,
  launchChromium,
  officerSignIn,
  openStation as openStationAt,
  scanReceipt,
  screenshot,
  wedgeScan,
} from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';
import { oldTermsIn } from '../support/words.ts';

/**
 * The Survei Kepuasan Masyarakat on the floor, in browsers pointed at the hub: the supervisor adds
 * a feedback station at the exit of counter 3 (the interview, the visit's last stage) and pairs it;
 * a citizen whose visit ended at counter 3 scans her ticket there and answers the nine elements, a profile field and a complaint; the same visit is
 * refused a second answer in both languages; the supervisor sees the answer in the month's IKM and
 * answers the complaint; /public shows the index and grade and nothing of the visit's person. Then
 * the next citizen rates "the service just finished at Loket 3" without scanning.
 */
let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
const tokens = { kiosk: '', documents: '', interview: '', supervisor: '', feedback: '' };
const citizens = Array.from({ length: 3 }, (_, i) => sampleAppointment(i + 1));
/** What each citizen's check-in printed: the ticket's number, id and QR. */
const tickets: { number: string; id: string; qr: string }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(citizens) });
  addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'I Wayan Petugas',
    role: 'officer',
    secret: '135790',
  });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Petugas', role: 'officer', secret: '246802' });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  tokens.kiosk = t.pair('kiosk', 'Kios 1');
  tokens.documents = t.pair('counter', 'Loket 1');
  tokens.interview = t.pair('counter', 'Loket 3');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  for (const citizen of citizens) {
    const ticket = await t.call('checkIn', { text: citizen.bookingCode }, tokens.kiosk);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
    tickets.push({ number: ticket.body.number, id: ticket.body.id, qr: ticket.body.qr });
  }
  for (const [token, username, secret] of [
    [tokens.documents, 'wayan', '135790'],
    [tokens.interview, 'made', '246802'],
  ] as const) {
    const signedIn = await t.call('signIn', { username, secret }, token);
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const openStation = (path: string, token: string, viewport = { width: 1600, height: 900 }) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token, viewport);

/**
 * The next citizen's visit, driven through the API as the counters' officers do: counter 1 checks
 * her documents, counter 3 interviews her; there her visit ends (the interview is the last stage).
 */
async function serveNextVisit(expected: string): Promise<void> {
  for (const token of [tokens.documents, tokens.interview]) {
    const called = await t.call('callNext', {}, token);
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect(called.body.called.number).toBe(expected);
    expect((await t.call('startService', {}, token)).status).toBe(200);
    const done = await t.call('completeService', {}, token);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
}

/**
 * The citizen scans her ticket at the feedback station (a wedge scanner's keys, each with its
 * time) and scans again if the station misread it: on a starved machine a pause can cut a scan in
 * two, whose tail the hub refuses as not a ticket (`INVALID_SCAN`; a person just scans again).
 * Settles on the form or on the hub's refusal of the whole code.
 */
async function scanTicket(page: Page, qr: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await wedgeScan(page, qr);
    await page.locator('[data-testid="survey-form"], [data-testid="survey-refused"]').first().waitFor();
    const refused = page.getByTestId('survey-refused');
    if ((await refused.count()) === 0 || (await refused.getAttribute('data-code')) !== 'INVALID_SCAN') return;
    if (attempt === 3) return;
    await refused.getByRole('button').click();
    await page.getByTestId('feedback-idle').waitFor();
  }
}

/** The page needs no sideways scrolling. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** On how many rows an element's four answers stand. */
const rowsOfAnswers = (page: Page, element: string) =>
  page
    .locator(`[data-element="${element}"] button`)
    .evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);

/** One tap on answer `value` (1–4) of an element. */
const tap = (page: Page, element: string, value: number) =>
  page.locator(`[data-element="${element}"] button[data-value="${value}"]`).click();

let supervisor: Page;
let feedback: Page;

describe('the satisfaction survey on the floor', () => {
  it('the supervisor adds a feedback station at counter 3 in the console; its pairing code opens /feedback signed in', async () => {
    supervisor = await openStation('/supervisor', tokens.supervisor, { width: 1600, height: 1400 });
    await officerSignIn(supervisor, 'kadek', '975310');
    const panel = supervisor.getByTestId('floor-stations');
    await panel.waitFor();
    await panel.getByLabel('Nama stasiun').fill('Survei Loket 3');
    await panel.getByLabel('Peran').selectOption('feedback');
    expect(await panel.getByLabel('Peran').locator('option:checked').textContent()).toBe('Survei kepuasan');
    // A feedback station may stand at a desk another station serves: desk 3 is offered.
    const desk = panel.getByTestId('new-station-desk');
    expect(await desk.locator('option').allTextContents()).toContain('3');
    await desk.selectOption('3');
    await panel.getByRole('button', { name: 'Tambah stasiun' }).click();
    const shown = panel.getByTestId('pairing-code').filter({ hasText: 'Survei Loket 3' });
    await shown.waitFor();
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec((await shown.textContent()) ?? '')?.[1];
    expect(code).toBeDefined();
    const station = t.hub.store.stations.list().find((s) => s.name === 'Survei Loket 3');
    expect(station).toMatchObject({ mode: 'feedback', counter: 3 });
    expect(
      await panel.locator('[data-station="Survei Loket 3"]').getByTestId('station-desk').inputValue(),
    ).toBe('3');

    // The station's set-up trades the code for its token, as a joining PC does.
    const paired = await fetch(`${t.hub.url}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(paired.status).toBe(200);
    tokens.feedback = ((await paired.json()) as { token: string }).token;

    feedback = await openStation('/feedback', tokens.feedback, { width: 1080, height: 1920 });
    await feedback.getByTestId('feedback-idle').waitFor();
    const idle = feedback.getByTestId('feedback-idle');
    expect(await idle.textContent()).toContain('Bagaimana layanan kami hari ini?');
    expect(await idle.textContent()).toContain('How was our service today?');
    expect(await idle.textContent()).toContain('Pindai tiket atau tanda terima Anda');
    await feedback
      .getByTestId('rate-last-at-counter')
      .filter({ hasText: 'Nilai layanan yang baru selesai di Loket 3' })
      .waitFor();
    await screenshot(feedback, 'feedback-idle');
    expect(oldTermsIn(await feedback.locator('body').innerText())).toEqual([]);
  });

  it('a citizen whose visit ended at counter 3 scans her ticket, answers all nine with one tap each, a profile field and a complaint, and is thanked', async () => {
    await serveNextVisit(tickets[0]!.number);
    await scanTicket(feedback, tickets[0]!.qr);
    const form = feedback.getByTestId('survey-form');
    expect(await form.getByTestId('survey-counter').textContent()).toContain('Loket 3');
    // Nothing on the form says who she is.
    const text = (await form.textContent()) ?? '';
    for (const personal of [
      citizens[0]!.fullName,
      citizens[0]!.nik,
      citizens[0]!.bookingCode,
      tickets[0]!.number,
    ])
      expect(text).not.toContain(personal);
    // Every answer a large touch target.
    for (const box of await form
      .locator('[data-element] button')
      .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height)))
      expect(box).toBeGreaterThanOrEqual(64);
    // Portrait (1080×1920): nothing runs off the side; the answers two by two.
    expect(await fitsWidth(feedback)).toBe(true);
    expect(await rowsOfAnswers(feedback, 'u1')).toBe(2);

    expect(await feedback.getByTestId('survey-submit').isDisabled()).toBe(true);
    // All four except the cost, rated "Murah" (3): IKM (8 × 4 + 3) / 9, index 97.2, grade A.
    for (const element of surveyElements) await tap(feedback, element, element === 'u4' ? 3 : 4);
    // A second tap on another answer replaces the first: one answer per element.
    await tap(feedback, 'u8', 2);
    await tap(feedback, 'u8', 4);
    expect(await feedback.locator('[data-element="u8"] [aria-checked="true"]').count()).toBe(1);
    expect(await feedback.getByTestId('survey-answered').textContent()).toContain('9 / 9');
    await feedback.locator('[data-field="sex"] button[data-value="perempuan"]').click();
    await feedback
      .getByTestId('survey-comment')
      .fill('Ruang tunggu loket dokumen kurang kursi pada pagi hari.');
    await screenshot(feedback, 'feedback-form');
    expect(oldTermsIn(await feedback.locator('body').innerText())).toEqual([]);

    await feedback.getByTestId('survey-submit').click();
    const thanks = feedback.getByTestId('survey-thanks');
    await thanks.waitFor();
    expect(await thanks.textContent()).toContain('Terima kasih atas penilaian Anda');
    expect(await thanks.textContent()).toContain('Thank you for your rating');
    await screenshot(feedback, 'feedback-thanks');
    expect(oldTermsIn(await feedback.locator('body').innerText())).toEqual([]);
    // Back to the idle screen for the next citizen, by itself (8 s) or with Selesai.
    await thanks.getByRole('button').click();
    await feedback.getByTestId('feedback-idle').waitFor();
  });

  it('a second answer for the same visit is refused in Bahasa Indonesia and English, and nothing is recorded', async () => {
    const before = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    await scanTicket(feedback, tickets[0]!.qr);
    const refused = feedback.getByTestId('survey-refused');
    // The hub's own words for the refusal, both languages on screen at once.
    const direct = await t.call('startSurvey', { code: tickets[0]!.qr }, tokens.feedback);
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(await refused.getAttribute('data-code')).toBe(direct.body.error.code);
    const message = refused.getByTestId('survey-refusal');
    expect(await message.locator('[lang="id"]').textContent()).toBe(direct.body.error.message.id);
    expect(await message.locator('[lang="en"]').textContent()).toBe(direct.body.error.message.en);
    expect(direct.body.error.message.id).not.toBe(direct.body.error.message.en);
    await screenshot(feedback, 'feedback-refused');
    expect(oldTermsIn(await feedback.locator('body').innerText())).toEqual([]);
    const after = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(after.body.overall.responses).toBe(before.body.overall.responses);
    await refused.getByRole('button').click();
    await feedback.getByTestId('feedback-idle').waitFor();
  });

  it("the supervisor sees the answer in November's IKM (surveyReport) and answers the complaint with a logged note in the console", async () => {
    // The report's chart is the "report" helper's part of the console: the operation is called
    // from the supervisor's signed-in page, as the console does.
    const report = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.overall.responses).toBe(1);
    expect(report.body.overall.ikm).toBeCloseTo(35 / 9, 10);
    expect(report.body.overall.index).toBeCloseTo((35 / 9) * 25, 10);
    expect(report.body.overall.grade).toBe('A');
    const u4 = report.body.overall.elements.find((e: { element: string }) => e.element === 'u4');
    expect(u4).toMatchObject({ answered: 1, nrr: 3 });
    expect(report.body.byCounter).toEqual([expect.objectContaining({ counter: 3, responses: 1 })]);
    expect(report.body.byStage).toEqual([expect.objectContaining({ stage: 'interview', responses: 1 })]);
    expect(report.body.profile.sex).toEqual(expect.arrayContaining([{ value: 'perempuan', count: 1 }]));
    expect(report.body.complaints).toHaveLength(1);
    const complaint = report.body.complaints[0];
    expect(complaint).toMatchObject({
      text: 'Ruang tunggu loket dokumen kurang kursi pada pagi hari.',
      counter: 3,
      day: '2026-11-30',
      followUps: [],
    });

    // The console's survey section shows the same month and answers the complaint.
    await supervisor.getByRole('button', { name: 'Laporan', exact: true }).click();
    const section = supervisor.getByTestId('report-survey');
    await section.locator('select[name="survey-period"]').selectOption('month');
    await section.getByTestId('survey-period').filter({ hasText: 'November 2026' }).waitFor();
    await section.getByTestId('survey-index').filter({ hasText: '97,22' }).waitFor();
    expect(await section.getByTestId('survey-grade').textContent()).toBe('A');
    expect(await section.getByTestId('nrr-u4').textContent()).toBe('3,000');
    const shown = section.getByTestId('survey-complaints').locator('li[data-complaint]').first();
    expect(await shown.getByTestId('complaint-text').textContent()).toBe(
      'Ruang tunggu loket dokumen kurang kursi pada pagi hari.',
    );
    await shown
      .locator('textarea[name="follow-up"]')
      .fill('Dua bangku ditambahkan di ruang tunggu loket dokumen.');
    await shown.getByRole('button', { name: 'Tanggapi' }).click();
    await shown
      .getByTestId('complaint-follow-ups')
      .getByText('Dua bangku ditambahkan di ruang tunggu loket dokumen.')
      .waitFor();
    expect(await shown.getByTestId('complaint-follow-ups').textContent()).toContain('Kadek Supervisor');
    const again = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(again.body.complaints[0].followUps).toEqual([
      expect.objectContaining({
        officer: 'Kadek Supervisor',
        note: 'Dua bangku ditambahkan di ruang tunggu loket dokumen.',
      }),
    ]);
  });

  it('/public shows the index and grade, and nothing of the visit: no name, NIK, booking code or ticket number', async () => {
    const figures = await t.call('publicFigures', {}, tokens.kiosk);
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    expect(figures.body.survey).toMatchObject({ responses: 1, grade: 'A' });
    expect(figures.body.survey.index).toBeCloseTo((35 / 9) * 25, 10);

    const page = await browser.newPage();
    try {
      await page.goto(`${t.hub.url}/public`);
      const html = await page.content();
      // The quarter's index and grade, as the notice prints them.
      expect(await page.getByText(/IKM Triwulan IV 2026/).textContent()).toMatch(
        /97,22.*\(A, Sangat baik\)/s,
      );
      for (const personal of [
        citizens[0]!.fullName,
        citizens[0]!.nik,
        citizens[0]!.bookingCode,
        tickets[0]!.number,
        tickets[0]!.id,
        'Ruang tunggu loket dokumen kurang kursi',
      ])
        expect(html).not.toContain(personal);
    } finally {
      await page.close();
    }
  });

  it('the next citizen, whose visit just ended at counter 3, taps "Nilai layanan yang baru selesai di Loket 3" and answers without scanning', async () => {
    await serveNextVisit(tickets[1]!.number);
    // The same screen on a landscape touchscreen (1920×1080): the four answers on one row.
    await feedback.setViewportSize({ width: 1920, height: 1080 });
    await feedback.getByTestId('rate-last-at-counter').click();
    await feedback.getByTestId('survey-form').waitFor();
    expect(await fitsWidth(feedback)).toBe(true);
    expect(await rowsOfAnswers(feedback, 'u3')).toBe(1);
    await tap(feedback, 'u3', 2);
    await feedback.locator('[data-field="ageBand"] button[data-value="30-39"]').click();
    await feedback.getByTestId('survey-submit').click();
    await feedback.getByTestId('survey-thanks').waitFor();

    const report = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(report.body.overall.responses).toBe(2);
    // Her one answer counts in U3's divisor only: the other elements keep the first citizen's.
    const u3 = report.body.overall.elements.find((e: { element: string }) => e.element === 'u3');
    expect(u3).toMatchObject({ answered: 2, nrr: 3 });
    const u1 = report.body.overall.elements.find((e: { element: string }) => e.element === 'u1');
    expect(u1).toMatchObject({ answered: 1, nrr: 4 });
    // The visit just rated cannot be rated again from the station.
    await feedback.getByTestId('survey-thanks').getByRole('button').click();
    await feedback.getByTestId('rate-last-at-counter').click();
    const refused = feedback.getByTestId('survey-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('NOT_FOUND');
    await refused.getByRole('button').click();
    await feedback.getByTestId('feedback-idle').waitFor();
  });

  it('a form left alone for 90 seconds is cleared for the next citizen, and records nothing', async () => {
    await serveNextVisit(tickets[2]!.number);
    // The page's timers from here on run on a clock the test moves (no 90-second wait).
    await feedback.clock.install();
    await feedback.getByTestId('rate-last-at-counter').click();
    await feedback.getByTestId('survey-form').waitFor();
    await tap(feedback, 'u1', 1);
    await feedback.clock.fastForward(60_000);
    // A touch starts the 90 seconds afresh: 120 seconds after the form opened it is still there.
    await tap(feedback, 'u2', 1);
    await feedback.clock.fastForward(60_000);
    expect(await feedback.getByTestId('survey-form').count()).toBe(1);
    await feedback.clock.fastForward(31_000);
    await feedback.getByTestId('feedback-idle').waitFor();
    expect(await feedback.getByTestId('survey-form').count()).toBe(0);
    const report = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(report.body.overall.responses).toBe(2);
  });

  it('at the kiosk, a citizen whose passport was handed over today scans the receipt and opens the same survey with "Isi survei kepuasan"', async () => {
    // The third citizen's passport, interviewed earlier, handed over at the pickup desk this morning.
    const ctx = {
      store: t.hub.store,
      clock: t.clock,
      biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
    };
    const application = interviewedApplication(ctx, { index: 3, ticketId: tickets[2]!.id });
    const receipt = receiptQr('DPS', application.number, receiptSignature(ctx, 'DPS', application.number));
    const kiosk = await openStation('/kiosk', tokens.kiosk, { width: 1080, height: 1920 });
    await kiosk.locator('[data-screen="idle"]').waitFor();
    // Before the handover the receipt shows the passport's status, and no survey is offered.
    await scanReceipt(kiosk, receipt);
    await kiosk.getByTestId('pickup-status').waitFor();
    expect(await kiosk.getByTestId('kiosk-survey').count()).toBe(0);
    await kiosk.getByRole('button', { name: /Selesai/ }).click();
    await kiosk.locator('[data-screen="idle"]').waitFor();

    t.hub.store.applications.save({ ...application, handedOverAt: t.clock.now(), updatedAt: t.clock.now() });
    await scanReceipt(kiosk, receipt);
    await kiosk.getByTestId('kiosk-survey').filter({ hasText: 'Isi survei kepuasan' }).click();
    const form = kiosk.getByTestId('survey-form');
    await form.waitFor();
    const text = (await form.textContent()) ?? '';
    for (const personal of [citizens[2]!.fullName, citizens[2]!.nik, application.number, tickets[2]!.number])
      expect(text).not.toContain(personal);
    await tap(kiosk, 'u7', 4);
    await screenshot(kiosk, 'kiosk-survey');
    expect(oldTermsIn(await kiosk.locator('body').innerText())).toEqual([]);
    await kiosk.getByTestId('survey-submit').click();
    await kiosk.getByTestId('survey-thanks').waitFor();
    await kiosk.getByTestId('survey-thanks').getByRole('button').click();
    await kiosk.locator('[data-screen="idle"]').waitFor();

    const report = await callFromPage(supervisor, 'surveyReport', { period: 'month', year: 2026, index: 11 });
    expect(report.body.overall.responses).toBe(3);
    expect(report.body.byStage).toEqual(
      expect.arrayContaining([expect.objectContaining({ stage: 'pickup', responses: 1 })]),
    );
  });
});
