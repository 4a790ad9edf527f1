import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { samplesNeeded } from '../../src-main/domain/survey/sampleSize.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * The satisfaction survey through the hub's API: a citizen whose visit ended at counter 3 answers
 * at the feedback station by the ticket's QR (or as the visit just finished there), once; the
 * supervisor reads the period's IKM and answers the complaint; a station scanning codes that name
 * no visit is stopped; the officer at counter 3 sees only the days that are over.
 */
let t: TestHub;
type Station = 'kiosk' | 'loket1' | 'loket3' | 'supervisor' | 'feedback3' | 'feedback1';
const tokens = {} as Record<Station, string>;
const bookings = Array.from({ length: 12 }, (_, i) => sampleAppointment(i + 1));
const pins = { made: '975310', ayu: '864200', spv: '135790' };

async function ok(operation: string, input: unknown, token: string) {
  const reply = await t.call(operation, input, token);
  expect(reply.status, `${operation}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}

async function refused(operation: string, input: unknown, token: string) {
  const reply = await t.call(operation, input, token);
  expect(reply.status, `${operation} was not refused`).toBeGreaterThanOrEqual(400);
  expect(reply.body.error.message.id).toBeTruthy();
  expect(reply.body.error.message.en).toBeTruthy();
  return reply.body.error as { code: string; message: { id: string; en: string } };
}

const responseRows = () => t.hub.store.db.prepare('SELECT * FROM survey_responses').all();
const count = (table: string) =>
  t.hub.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

/** A citizen checks in and is served at counter 1 (documents), then counter 3 (interview). */
async function visit(index: number, through: 'documents' | 'interview' = 'interview') {
  const ticket = await ok('checkIn', { text: bookings[index - 1]?.bookingCode }, tokens.kiosk);
  for (const desk of through === 'documents' ? ['loket1'] : ['loket1', 'loket3']) {
    const called = await ok('callNext', {}, tokens[desk as Station]);
    expect(called.called.number).toBe(ticket.number);
    await ok('startService', {}, tokens[desk as Station]);
    await ok('completeService', {}, tokens[desk as Station]);
  }
  return ticket as { id: string; number: string; qr: string; booking: { code: string } };
}

async function signIn(token: string, username: 'made' | 'ayu' | 'spv', counter?: number) {
  await ok('signIn', { username, secret: pins[username], ...(counter ? { counter } : {}) }, token);
}

beforeAll(async () => {
  t = await startTestHub({ now: at('2026-11-30', '09:05') });
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: pins.made });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: pins.ayu });
  addUser(ctx, commandLine, { username: 'spv', name: 'Ibu Sari', role: 'supervisor', secret: pins.spv });
  tokens.kiosk = t.pair('kiosk', 'Kios 1');
  tokens.loket1 = t.pair('counter', 'Loket 1');
  tokens.loket3 = t.pair('counter', 'Loket 3');
  tokens.supervisor = t.pair('supervisor', 'Konsol supervisor');
  tokens.feedback3 = t.pair('feedback', 'Survei loket 3');
  tokens.feedback1 = t.pair('feedback', 'Survei loket 1');
  // The feedback station at counter 3's exit names its counter (migration 024).
  const feedback3 = t.hub.store.stations.list().find((s) => s.name === 'Survei loket 3');
  t.hub.store.stations.setCounter(feedback3?.id as string, 3);
  await signIn(tokens.loket1, 'made', 1);
  await signIn(tokens.loket3, 'ayu', 3);
  await signIn(tokens.supervisor, 'spv');
});

afterAll(async () => {
  await t?.close();
});

const known = { u1: 4, u2: 3, u3: 2, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 2 };

describe('a citizen rates the visit just finished, once, and nothing ties the answer to them', () => {
  let first: Awaited<ReturnType<typeof visit>>;
  let firstToken: string;

  it('answers by the ticket QR at the feedback station; the supervisor sees the exact IKM', async () => {
    first = await visit(1);
    const started = await ok('startSurvey', { code: first.qr }, tokens.feedback3);
    expect(started).toMatchObject({ stage: 'interview', counter: 3, service: 'paspor-baru' });
    expect(JSON.stringify(started)).not.toContain(first.id);
    expect(JSON.stringify(started)).not.toContain(first.number);
    firstToken = started.token;
    expect(
      await ok(
        'submitSurvey',
        {
          token: firstToken,
          answers: known,
          profile: { sex: 'perempuan', ageBand: '30-39', education: 's1', occupation: 'swasta' },
          comment: 'Kursi di ruang tunggu kurang.',
        },
        tokens.feedback3,
      ),
    ).toEqual({ recorded: true });

    const report = await ok('surveyReport', { period: 'month', year: 2026, index: 11 }, tokens.supervisor);
    expect(report.period).toEqual({
      kind: 'month',
      label: 'November 2026',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(report.overall.responses).toBe(1);
    expect(report.overall.elements.map((e: { nrr: number }) => e.nrr)).toEqual([4, 3, 2, 4, 3, 4, 4, 3, 2]);
    // Σ = 29; IKM = 29/9 = 3.2222…; index = 80.5555… → B.
    expect(report.overall.ikm).toBeCloseTo(29 / 9, 12);
    expect(report.overall.index).toBeCloseTo((29 / 9) * 25, 12);
    expect(report.overall.grade).toBe('B');
    expect(report.byCounter).toHaveLength(1);
    expect(report.byCounter[0]).toMatchObject({ counter: 3, responses: 1, grade: 'B' });
    expect(report.byStage).toEqual([expect.objectContaining({ stage: 'interview', responses: 1 })]);
    expect(report.sample).toEqual({ population: 1, needed: samplesNeeded(1), responses: 1 });
    expect(report.profile.sex).toEqual([{ value: 'perempuan', count: 1 }]);
    expect(report.profile.service).toEqual([{ value: 'paspor-baru', count: 1 }]);
    expect(report.complaints).toEqual([
      expect.objectContaining({
        day: '2026-11-30',
        hour: 9,
        stage: 'interview',
        counter: 3,
        text: 'Kursi di ruang tunggu kurang.',
        followUps: [],
      }),
    ]);
    expect(report.weights).toHaveLength(9);
    expect(report.weights.every((w: number) => w === 1 / 9)).toBe(true);

    // The supervisor answers the complaint: logged with the officer.
    const answered = await ok(
      'answerSurveyComplaint',
      { id: report.complaints[0].id, note: 'Kursi ditambah 20 buah.' },
      tokens.supervisor,
    );
    expect(answered.followUps).toEqual([
      expect.objectContaining({ officer: 'Ibu Sari', note: 'Kursi ditambah 20 buah.' }),
    ]);
    const event = t.hub.store.db
      .prepare("SELECT actor, payload FROM events WHERE type = 'survey.complaintAnswered'")
      .get() as { actor: string; payload: string };
    expect(event.actor).toBe(
      t.hub.store.db.prepare("SELECT id FROM users WHERE username = 'spv'").pluck().get(),
    );
    expect(JSON.parse(event.payload)).toMatchObject({ complaintId: report.complaints[0].id, followUps: 1 });
    const again = await ok('surveyReport', { period: 'month', year: 2026, index: 11 }, tokens.supervisor);
    expect(again.complaints[0].followUps).toEqual([expect.objectContaining({ officer: 'Ibu Sari' })]);
    expect((await refused('answerSurveyComplaint', { id: 999, note: 'x' }, tokens.supervisor)).code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a second answer for the same visit and writes nothing', async () => {
    const before = {
      responses: count('survey_responses'),
      visits: count('survey_visits'),
      events: count('events'),
    };
    const again = await refused('startSurvey', { code: first.qr }, tokens.feedback3);
    expect(again.code).toBe('CONFLICT');
    expect(again.message.id).toBe('Kunjungan ini sudah memberi penilaian.');
    const replay = await refused('submitSurvey', { token: firstToken, answers: { u1: 1 } }, tokens.feedback3);
    expect(replay.code).toBe('CONFLICT');
    expect({
      responses: count('survey_responses'),
      visits: count('survey_visits'),
      events: count('events'),
    }).toEqual(before);
  });

  it('keeps nothing of the ticket in an answer', () => {
    const booking = bookings[0];
    const stored = JSON.stringify({
      responses: responseRows(),
      visits: t.hub.store.db.prepare('SELECT * FROM survey_visits').all(),
      events: t.hub.store.db.prepare("SELECT payload FROM events WHERE type LIKE 'survey.%'").all(),
    });
    for (const personal of [first.id, first.number, booking?.nik, booking?.bookingCode, booking?.fullName])
      expect(stored).not.toContain(personal as string);
    const columns = Object.keys(responseRows()[0] as object);
    for (const column of columns) expect(column).not.toMatch(/ticket|nik|name|booking|visit/);
  });

  it('refuses a code that is no visit, and a ticket whose visit has not finished', async () => {
    expect((await refused('startSurvey', { code: 'not-a-visit' }, tokens.feedback3)).code).toBe(
      'INVALID_SCAN',
    );
    const midway = await visit(2, 'documents');
    const early = await refused('startSurvey', { code: midway.qr }, tokens.feedback3);
    expect(early.code).toBe('CONFLICT');
    expect(early.message.en).toMatch(/not finished/);
    // It finishes at counter 3: now it may answer.
    await ok('callNext', {}, tokens.loket3);
    await ok('startService', {}, tokens.loket3);
    await ok('completeService', {}, tokens.loket3);
    t.clock.set(t.clock.now() + 60_000);
    // The station at counter 3 knows the visit just finished there, without a scan.
    const started = await ok('startSurvey', { lastAtCounter: true }, tokens.feedback3);
    expect(started).toMatchObject({ stage: 'interview', counter: 3 });
    await ok('submitSurvey', { token: started.token, answers: { u1: 3, u3: 4 } }, tokens.feedback3);
    // Answered: nothing else just finished there.
    expect((await refused('startSurvey', { lastAtCounter: true }, tokens.feedback3)).code).toBe('NOT_FOUND');
    // The same visit by its QR is the same visit.
    expect((await refused('startSurvey', { code: midway.qr }, tokens.feedback3)).code).toBe('CONFLICT');
    // A token is good at the station that opened it only.
    const third = await visit(3);
    const elsewhere = await ok('startSurvey', { code: third.qr }, tokens.feedback3);
    expect(
      (await refused('submitSurvey', { token: elsewhere.token, answers: { u1: 4 } }, tokens.kiosk)).code,
    ).toBe('INVALID_INPUT');
    const forged = `${elsewhere.token.split('.')[0]}.${'A'.repeat(43)}`;
    expect(
      (await refused('submitSurvey', { token: forged, answers: { u1: 4 } }, tokens.feedback3)).code,
    ).toBe('INVALID_INPUT');
    // And it expires.
    t.clock.set(t.clock.now() + 21 * 60_000);
    expect(
      (await refused('submitSurvey', { token: elsewhere.token, answers: { u1: 4 } }, tokens.feedback3)).code,
    ).toBe('INVALID_INPUT');
    expect(count('survey_responses')).toBe(2);
  });

  it('stops a station that scans a burst of codes naming no visit, and tells the supervisor', async () => {
    await signIn(tokens.loket1, 'made', 1);
    await signIn(tokens.loket3, 'ayu', 3);
    await signIn(tokens.supervisor, 'spv');
    const finished = await visit(4);
    for (let i = 0; i < 5; i += 1)
      expect(
        (await refused('startSurvey', { code: `LOKET:T:DPS:${crypto.randomUUID()}` }, tokens.feedback1)).code,
      ).toBe('INVALID_SCAN');
    const burst = await refused('startSurvey', { code: 'not-a-visit' }, tokens.feedback1);
    expect(burst.code).toBe('TOO_MANY_ATTEMPTS');
    // Even a real, finished visit is refused there for the next ten minutes; other stations go on.
    expect((await refused('startSurvey', { code: finished.qr }, tokens.feedback1)).code).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    const event = t.hub.store.db
      .prepare("SELECT payload FROM events WHERE type = 'survey.burstRefused'")
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({
      station: { name: 'Survei loket 1', mode: 'feedback' },
      refused: 6,
    });
    const report = await ok('surveyReport', { period: 'quarter', year: 2026, index: 4 }, tokens.supervisor);
    expect(report.bursts).toEqual([expect.objectContaining({ station: 'Survei loket 1', refused: 6 })]);
    t.clock.set(t.clock.now() + 10 * 60_000 + 1);
    const started = await ok('startSurvey', { code: finished.qr }, tokens.feedback1);
    expect(started.counter).toBe(3);
  });

  it('shows the officer at counter 3 only the days that are over, as aggregates', async () => {
    await signIn(tokens.loket3, 'ayu', 3);
    const today = await ok('mySurveyFigures', { period: 'month', year: 2026, index: 11 }, tokens.loket3);
    expect(today.overall.responses).toBe(0);
    expect(today.complaints).toEqual([]);
    // The next morning, the 30th is over.
    t.clock.set(at('2026-12-01', '08:05'));
    await signIn(tokens.loket3, 'ayu', 3);
    const after = await ok('mySurveyFigures', { period: 'month', year: 2026, index: 11 }, tokens.loket3);
    expect(after.overall.responses).toBe(2);
    expect(after.byCounter).toEqual([expect.objectContaining({ counter: 3, responses: 2 })]);
    expect(after.complaints).toEqual([]);
    expect(after.bursts).toEqual([]);
    // Another counter's officer asking for counter 3 still gets their own counter's.
    await signIn(tokens.loket1, 'made', 1);
    const other = await ok(
      'mySurveyFigures',
      { period: 'month', year: 2026, index: 11, counter: 3 },
      tokens.loket1,
    );
    expect(other.overall.responses).toBe(0);
  });

  it('computes with the office’s own weights once the supervisor sets them, and refuses weights not summing to 1', async () => {
    await signIn(tokens.supervisor, 'spv');
    const period = { period: 'month', year: 2026, index: 11 };
    const equal = await ok('surveyReport', period, tokens.supervisor);
    const bad = await refused(
      'changeOffice',
      { changes: [{ path: 'surveyWeights', value: [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2] }] },
      tokens.supervisor,
    );
    expect(bad.code).toBe('INVALID_CONFIG');
    expect((await ok('surveyReport', period, tokens.supervisor)).weights).toEqual(equal.weights);
    const weights = [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    await ok('changeOffice', { changes: [{ path: 'surveyWeights', value: weights }] }, tokens.supervisor);
    const weighted = await ok('surveyReport', period, tokens.supervisor);
    expect(weighted.weights).toEqual(weights);
    // The first form alone by its elements' NRR: Σ wᵢ·NRRᵢ over the answered elements.
    const nrr = weighted.overall.elements.map((e: { nrr: number | null }) => e.nrr);
    const answered = weights.map((w, i) => (nrr[i] === null ? 0 : w));
    const expected =
      (answered.reduce((sum, w, i) => sum + w * (nrr[i] ?? 0), 0) / answered.reduce((a, b) => a + b, 0)) * 25;
    expect(weighted.overall.index).toBeCloseTo(expected, 10);
    expect(weighted.overall.index).not.toBeCloseTo(equal.overall.index, 3);
  });

  it('shows the quarter’s index and grade on the public figures, with nothing personal', async () => {
    const figures = await ok('publicFigures', { days: 1 }, tokens.kiosk);
    expect(figures.survey).toMatchObject({
      label: 'Triwulan IV 2026',
      responses: 2,
      grade: expect.any(String),
    });
    expect(figures.survey.index).toBeGreaterThan(25);
    expect(JSON.stringify(figures)).not.toContain('Kursi');
  });
});
