import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { encodeGrayJpeg } from '../../drivers/fingerprint/jpeg.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  contract,
  operationNames,
  type OperationName,
  type OperationSpec,
} from '../../src-main/api/contract.ts';
import { httpStatusOf } from '../../src-main/api/errorStatus.ts';
import { ticketView } from '../../src-main/api/views.ts';
import { errorCodes, type ErrorCode } from '../../src-main/domain/errors.ts';
import { fileBodyLimit, operationBodyLimit } from '../../src-main/hub/bodies.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { stationModes, type StationMode } from '../../src-main/domain/roles.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at, rowCounts } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/** Exactly `{"error":{"code","message":{"id","en"}}}`, with `details` the only optional extra. */
const errorBody = z
  .object({
    error: z
      .object({
        code: z.enum(errorCodes),
        message: z.object({ id: z.string().min(1), en: z.string().min(1) }).strict(),
        details: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

let t: TestHub;
let tokens: Record<StationMode, string>;

beforeEach(async () => {
  t = await startTestHub();
  tokens = Object.fromEntries(stationModes.map((mode) => [mode, t.pair(mode)])) as Record<
    StationMode,
    string
  >;
  const bookings = [
    ...Array.from({ length: 20 }, (_, i) => sampleAppointment(i + 1)),
    // 11:00–12:00: at 09:15 that is more than the 60 minutes' early tolerance away.
    sampleAppointment(40, { windowStart: '11:00', windowEnd: '12:00' }),
    // Tomorrow.
    sampleAppointment(41, { appointmentDate: '2026-12-01' }),
  ];
  const summary = importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv(bookings),
  });
  expect(summary.rejected).toEqual([]);
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'spv',
    name: 'Ibu Sari',
    role: 'supervisor',
    secret: '135790',
  });
});

afterEach(async () => {
  await t.close();
});

const code = (index: number) => sampleAppointment(index).bookingCode;

/** Configuration and bookings change only with a supervisor signed in at the console. */
async function signInSupervisor(): Promise<void> {
  const reply = await call('signIn', { username: 'spv', secret: '135790' }, tokens.supervisor);
  expect(reply.status, reply.text).toBe(200);
}

async function post(
  operation: string,
  body: string | undefined,
  options: { token?: string | null; contentType?: string | null; method?: string } = {},
): Promise<Reply> {
  const token = options.token === undefined ? tokens.supervisor : options.token;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const response = await fetch(`${t.hub.url}/api/${operation}`, {
    method: options.method ?? 'POST',
    headers: {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { unparsable: text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    body: parsed,
  };
}

const call = (operation: string, input: unknown, token: string | null = tokens.supervisor) =>
  post(operation, JSON.stringify(input), { token });

/** The reply is an error with this code, the documented status and exactly the agreed shape. */
function expectError(reply: Reply, code: ErrorCode): void {
  expect(reply.body?.error?.code, reply.text).toBe(code);
  expect(reply.status).toBe(httpStatusOf[code]);
  expect(reply.contentType).toMatch(/^application\/json/);
  const shape = errorBody.safeParse(reply.body);
  expect(shape.success, `${reply.text}\n${shape.error?.message}`).toBe(true);
}

/** Everything a failed call must leave alone: row counts, the event log, counters, configuration. */
function fingerprint() {
  const { db } = t.hub.store;
  return {
    ...rowCounts(t.hub.store),
    lastSeq: t.hub.store.events.lastSeq(),
    counters: db.prepare('SELECT COALESCE(SUM(last_sequence), 0) FROM number_counters').pluck().get(),
    office: db.prepare('SELECT config FROM office_config').pluck().get() ?? null,
    revoked: db.prepare('SELECT COUNT(*) FROM stations WHERE revoked_at IS NOT NULL').pluck().get(),
  };
}

async function expectNoWrites(work: () => Promise<void>): Promise<void> {
  const before = fingerprint();
  await work();
  expect(fingerprint()).toEqual(before);
}

describe('GET /healthz', () => {
  it('answers without a token and reports the last event', async () => {
    const first = await fetch(`${t.hub.url}/healthz`);
    expect(first.status).toBe(200);
    const health = (await first.json()) as { ok: boolean; lastEvent: number };
    expect(health).toEqual({ ok: true, lastEvent: t.hub.store.events.lastSeq() });

    expect((await call('checkIn', { text: code(1) }, tokens.kiosk)).status).toBe(200);
    const after = (await (await fetch(`${t.hub.url}/healthz`)).json()) as { lastEvent: number };
    expect(after.lastEvent).toBe(health.lastEvent + 1);
  });
});

/** The smallest JPEG the hub takes: a 7 × 9 grey picture. */
const tinyJpeg = encodeGrayJpeg({ width: 7, height: 9, pixels: new Uint8Array(63).fill(128) }).toString(
  'base64',
);

describe('operations and station modes', () => {
  it('serves every operation to every mode the contract allows and refuses the rest with 403', async () => {
    const issued = await call('checkIn', { text: code(20) }, tokens.kiosk);
    expect(issued.status).toBe(200);
    let nextBooking = 1;
    const validInput: { [N in OperationName]: () => unknown } = {
      checkIn: () => ({ text: code(nextBooking++) }),
      leaseNumbers: () => ({}),
      // A ticket a kiosk issued apart from the hub, numbered from the block leased just before.
      checkInOffline: () => {
        const first = t.hub.store.db
          .prepare("SELECT first_seq FROM number_leases WHERE lane = 'regular' AND window_number = 2")
          .pluck()
          .get() as number;
        return {
          ticket: {
            id: randomUUID(),
            officeDate: '2026-11-30',
            number: `A2-${first}`,
            lane: 'regular',
            windowNumber: 2,
            sequence: first,
            bookingCode: code(18),
            arrival: 'on_time',
            windowStart: '09:00',
            windowEnd: '10:00',
            expectedCall: '09:30',
            issuedAt: at('2026-11-30', '09:10'),
          },
        };
      },
      replicaSnapshot: () => ({}),
      offlineConflicts: () => ({}),
      reportStuckCommand: () => ({
        commandId: randomUUID(),
        operation: 'checkInOffline',
        since: at('2026-11-30', '09:05'),
        attempts: 40,
        answer: { status: 500, code: 'INTERNAL', message: { id: 'Galat.', en: 'Error.' } },
      }),
      getTicket: () => ({ id: issued.body.id }),
      printTicket: () => ({ ticketId: issued.body.id }),
      showOffice: () => ({}),
      changeOffice: () => ({ changes: [{ path: 'checkIn.earlyMinutes', value: 60 }] }),
      importAppointments: () => ({ format: 'csv', content: appointmentCsv([sampleAppointment(60)]) }),
      appointmentFeedStatus: () => ({}),
      centralLinkStatus: () => ({}),
      syncAppointments: () => ({}),
      todaysQuota: () => ({}),
      whoAmI: () => ({}),
      signIn: () => ({ username: 'nobody', secret: '000000', counter: 1 }),
      unlock: () => ({ secret: '000000' }),
      signOut: () => ({}),
      counterView: () => ({}),
      callNext: () => ({}),
      callTicket: () => ({ number: 'A2-001', reason: 'medical' }),
      recall: () => ({}),
      startService: () => ({}),
      completeService: () => ({}),
      markNoShow: () => ({}),
      holdTicket: () => ({}),
      releaseTicket: () => ({ entryId: issued.body.id }),
      transferTicket: () => ({ toStage: 'interview' }),
      setCounterState: () => ({ state: 'on_break', reason: 'sholat' }),
      decidePriorityClaim: () => ({ decision: 'refused', reason: 'Tidak hamil' }),
      claimsAndBreaks: () => ({}),
      reportKpi: () => ({ from: '2026-11-30', to: '2026-11-30' }),
      reportOfficers: () => ({ from: '2026-11-30', to: '2026-11-30' }),
      myFigures: () => ({ from: '2026-11-30', to: '2026-11-30' }),
      reportIssuance: () => ({ year: 2026 }),
      importIssuanceHistory: () => ({ content: 'year,month\n' }),
      reportPromises: () => ({ from: '2026-11-30', to: '2026-11-30' }),
      publicFigures: () => ({}),
      exportReport: () => ({ report: 'issuance', format: 'csv', year: 2026 }),
      startSurvey: () => ({ code: 'not-a-visit' }),
      submitSurvey: () => ({ token: 'not-a-token', answers: { u1: 4 } }),
      surveyReport: () => ({ period: 'year', year: 2026 }),
      mySurveyFigures: () => ({ period: 'year', year: 2026 }),
      answerSurveyComplaint: () => ({ id: 1, note: 'Sudah ditindaklanjuti.' }),
      exportSurvey: () => ({ period: 'year', year: 2026, format: 'xlsx' }),
      simulationChoices: () => ({}),
      startSimulation: () => ({ seeds: 1 }),
      simulationRun: () => ({ runId: issued.body.id }),
      cancelSimulation: () => ({ runId: issued.body.id }),
      startQuotaPlan: () => ({ targetP90Minutes: 20, seeds: 2 }),
      quotaPlanRun: () => ({ runId: issued.body.id }),
      cancelQuotaPlan: () => ({ runId: issued.body.id }),
      applyQuota: () => ({ lanes: [{ id: 'regular', quotaPerWindow: 30 }] }),
      setStationCounter: () => ({ stationId: issued.body.id, counter: 2 }),
      boardView: () => ({}),
      floorView: () => ({}),
      stationDevices: () => ({}),
      reportDevices: () => ({ devices: [] }),
      reportUpdate: () => ({ version: '1.1.0', state: 'up-to-date' }),
      ticketSlip: () => ({ ticketId: issued.body.id }),
      recordTicketPrint: () => ({ ticketId: issued.body.id, reprint: 0, problem: 'paper_out' }),
      floorDevices: () => ({}),
      simulateScan: () => ({ stationId: issued.body.id, text: 'MPDPS-00001' }),
      trainingAdvanceClock: () => ({ to: 'pickup' }),
      simulatePrinter: () => ({ stationId: issued.body.id, condition: { paper: 'out' } }),
      floorStations: () => ({}),
      addStation: () => ({ name: 'Kios 9', mode: 'kiosk' }),
      pairStation: () => ({ stationId: issued.body.id }),
      revokeStation: () => ({ stationId: issued.body.id }),
      officerAccounts: () => ({}),
      addOfficer: () => ({ username: 'baru', name: 'Petugas Baru', role: 'officer', secret: '246813' }),
      changeOfficer: () => ({ username: 'nobody', role: 'officer' }),
      resetOfficerPin: () => ({ username: 'nobody', secret: '246813' }),
      calendar: () => ({ year: 2026 }),
      changeCalendar: () => ({ action: 'remove', date: '2026-12-24', reason: 'Kantor tetap buka' }),
      previewPickupPromise: () => ({ date: '2026-11-27', kind: 'baru' }),
      openInterview: () => ({}),
      recordInterview: () => ({ applicationId: issued.body.id, documents: [], nikOnKtp: null, notes: '' }),
      checkOldPassport: () => ({ applicationId: issued.body.id, text: 'P<IDN' }),
      captureFingerprint: () => ({ applicationId: issued.body.id }),
      fingerprintPreview: () => ({}),
      fingerprintRequest: () => ({ applicationId: issued.body.id }),
      recordFingerprintCapture: () => ({
        applicationId: issued.body.id,
        captures: [],
        failed: [],
        transactionId: null,
      }),
      recordFingerException: () => ({
        applicationId: issued.body.id,
        finger: 'left_index',
        reason: 'missing',
        note: null,
        photo: tinyJpeg,
      }),
      saveFacePhoto: () => ({ applicationId: issued.body.id, jpeg: tinyJpeg, checks: [], override: null }),
      approveAtCounter: () => ({
        applicationId: issued.body.id,
        subject: 'refusal',
        username: 'nobody',
        secret: '000000',
      }),
      finishInterview: () => ({
        applicationId: issued.body.id,
        outcome: 'postpone',
        reason: 'Dokumen kurang',
        pickupOverride: null,
      }),
      printReceipt: () => ({ applicationId: issued.body.id }),
      receiptSlip: () => ({ applicationId: issued.body.id }),
      recordReceiptPrint: () => ({ applicationId: issued.body.id, reprint: 0, problem: null }),
      applicationView: () => ({ applicationId: issued.body.id }),
      facePhoto: () => ({ applicationId: issued.body.id }),
      pickupStatus: () => ({ text: 'LOKET:R:DPS:DPS-261130-0001' }),
      purgeBiometrics: () => ({}),
      auditVerify: () => ({}),
      simulateFingerprint: () => ({ stationId: issued.body.id, quality: 30 }),
      adjudicationList: () => ({}),
      approveApplication: () => ({ applicationId: issued.body.id }),
      sendBackApplication: () => ({ applicationId: issued.body.id, reason: 'Foto buram' }),
      printQueue: () => ({}),
      pausePrinter: () => ({ paused: true }),
      scanBooklet: () => ({ jobId: issued.body.id, text: 'X0000001' }),
      printPassport: () => ({ jobId: issued.body.id }),
      checkPrintedPassport: () => ({ jobId: issued.body.id, text: 'P<IDN' }),
      readPrintedPage: () => ({ jobId: issued.body.id }),
      spoilBooklet: () => ({
        jobId: issued.body.id,
        reason: 'sampul sobek',
        username: 'sri',
        secret: '112233',
      }),
      receiveBooklets: () => ({ passportType: 'elektronik', first: 'X0000001', last: 'X0000010' }),
      confirmBooklets: () => ({ rangeId: issued.body.id, username: 'sri', secret: '112233' }),
      bookletStock: () => ({}),
      signOffSpoil: () => ({ serial: 'X0000001' }),
      bookletReconciliation: () => ({ date: '2026-11-30' }),
      handoverCase: () => ({ text: 'DPS-261130-0001' }),
      recordHandover: () => ({
        jobId: issued.body.id,
        applicantNik: '5171010101600002',
        receiver: 'applicant',
      }),
      takePickupTicket: () => ({ text: 'LOKET:R:DPS:DPS-261130-0001' }),
      smsProblems: () => ({}),
      uncollectedPassports: () => ({}),
      helpDeskSearch: () => ({ query: code(1) }),
      helpDeskCheckIn: () => ({ bookingCode: code(nextBooking++) }),
      helpDeskPrintTicket: () => ({ ticketId: issued.body.id }),
    };
    // Without an officer signed in, these reach the door of the use case and no further (the
    // counter tests sign officers in and run them for real).
    const refusedWithoutOfficer: Partial<Record<OperationName, string>> = {
      signIn: 'UNAUTHORIZED',
      unlock: 'OFFICER_REQUIRED',
      // An unsigned receipt QR is refused at the kiosk before any lookup
      // (tests/integration/print-station.test.ts scans printed, signed ones).
      pickupStatus: 'INVALID_SCAN',
      takePickupTicket: 'INVALID_SCAN',
      // A code that names no visit finished today, and a token the hub did not seal, change nothing
      // (tests/integration/survey*.test.ts answer for real visits).
      startSurvey: 'INVALID_SCAN',
      submitSurvey: 'INVALID_INPUT',
    };
    for (const operation of operationNames) {
      const spec = contract[operation] as OperationSpec;
      for (const mode of stationModes) {
        const expected = spec.officer ? 'OFFICER_REQUIRED' : refusedWithoutOfficer[operation];
        if (spec.roles.includes(mode) && expected) {
          await expectNoWrites(async () => {
            const reply = await call(operation, validInput[operation](), tokens[mode]);
            expectError(reply, expected as ErrorCode);
          });
        } else if (spec.roles.includes(mode)) {
          const reply = await call(operation, validInput[operation](), tokens[mode]);
          expect(reply.status, `${mode} → ${operation}: ${reply.text}`).toBe(200);
          const output = spec.output.safeParse(reply.body);
          expect(output.success, `${operation} output: ${output.error?.message}`).toBe(true);
          if (operation === 'whoAmI') expect(reply.body.mode).toBe(mode);
        } else {
          await expectNoWrites(async () => {
            const reply = await call(operation, validInput[operation](), tokens[mode]);
            expectError(reply, 'FORBIDDEN');
            expect(reply.body.error.details).toMatchObject({ operation, mode });
          });
        }
      }
    }
  });

  it('lets only kiosks, counters and supervisors check in, and only supervisors import or reconfigure', async () => {
    const allowed = async (operation: string, input: unknown, mode: StationMode) =>
      (await call(operation, input, tokens[mode])).status !== 403;
    const checkInModes: StationMode[] = [];
    const importModes: StationMode[] = [];
    const configModes: StationMode[] = [];
    for (const [index, mode] of stationModes.entries()) {
      if (await allowed('checkIn', { text: code(index + 1) }, mode)) checkInModes.push(mode);
      const csv = appointmentCsv([sampleAppointment(70 + index)]);
      if (await allowed('importAppointments', { format: 'csv', content: csv }, mode)) importModes.push(mode);
      const change = { changes: [{ path: 'checkIn.lateMinutes', value: 30 }] };
      if (await allowed('changeOffice', change, mode)) configModes.push(mode);
    }
    expect(checkInModes.sort()).toEqual(['counter', 'kiosk', 'supervisor']);
    expect(importModes).toEqual(['supervisor']);
    expect(configModes).toEqual(['supervisor']);
  });

  it('refuses a display checking in and a kiosk importing or changing the office, and writes nothing', async () => {
    await expectNoWrites(async () => {
      expectError(await call('checkIn', { text: code(1) }, tokens.display), 'FORBIDDEN');
      const csv = appointmentCsv([sampleAppointment(80)]);
      expectError(
        await call('importAppointments', { format: 'csv', content: csv }, tokens.kiosk),
        'FORBIDDEN',
      );
      expectError(
        await call('changeOffice', { changes: [{ path: 'checkIn.earlyMinutes', value: 5 }] }, tokens.kiosk),
        'FORBIDDEN',
      );
    });
    expect(t.hub.store.bookings.find(code(80))).toBeNull();
    expect(t.hub.store.tickets.activeForBooking(code(1), '2026-11-30')).toBeNull();
    expect(t.hub.store.office.get().checkIn.earlyMinutes).toBe(60);
  });
});

describe('authentication', () => {
  it('answers 401 to a missing token, a wrong token and a malformed Authorization header', async () => {
    await expectNoWrites(async () => {
      expectError(await call('checkIn', { text: code(1) }, null), 'UNAUTHORIZED');
      expectError(await call('checkIn', { text: code(1) }, 'not-a-paired-station-token'), 'UNAUTHORIZED');
      expectError(await call('checkIn', { text: code(1) }, `${tokens.kiosk}x`), 'UNAUTHORIZED');
      for (const header of [
        `Basic ${tokens.kiosk}`,
        `Bearer`,
        `Bearer  ${tokens.kiosk}`,
        `Bearer ${tokens.kiosk} extra`,
        tokens.kiosk,
        `Bearer ${'a'.repeat(5000)}`,
      ]) {
        const response = await fetch(`${t.hub.url}/api/checkIn`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: header },
          body: JSON.stringify({ text: code(1) }),
        });
        const text = await response.text();
        expectError(
          {
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            text,
            body: JSON.parse(text),
          },
          'UNAUTHORIZED',
        );
      }
    });
  });

  it('cannot be bypassed by percent-encoding the path', async () => {
    await expectNoWrites(async () => {
      for (const operation of ['%61pi/whoAmI', '%61pi/checkIn', 'ap%69/checkIn', '%61pi/noSuchOperation']) {
        const response = await fetch(`${t.hub.url}/${operation}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: code(1) }),
        });
        const text = await response.text();
        expectError(
          {
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            text,
            body: JSON.parse(text),
          },
          'UNAUTHORIZED',
        );
      }
    });
  });

  it('checks the token before reading the body', async () => {
    await expectNoWrites(async () => {
      expectError(await post('checkIn', '{"text":', { token: null }), 'UNAUTHORIZED');
      expectError(
        await post('checkIn', 'text=x', { token: null, contentType: 'text/plain' }),
        'UNAUTHORIZED',
      );
    });
  });

  it('stops accepting a station the moment it is revoked', async () => {
    const me = await call('whoAmI', {}, tokens.kiosk);
    expect(me.status).toBe(200);
    expect(t.hub.store.stations.revoke(me.body.id, t.clock.now())).toBe(true);
    await expectNoWrites(async () => {
      expectError(await call('whoAmI', {}, tokens.kiosk), 'UNAUTHORIZED');
      expectError(await call('checkIn', { text: code(1) }, tokens.kiosk), 'UNAUTHORIZED');
    });
    // Other stations are unaffected.
    expect((await call('checkIn', { text: code(1) }, tokens.counter)).status).toBe(200);
  });
});

describe('unknown operations', () => {
  it('answers 404 UNKNOWN_OPERATION to a paired station and 401 to anyone else', async () => {
    await expectNoWrites(async () => {
      for (const name of [
        'callTheNext',
        'checkin',
        'toString',
        'constructor',
        '__proto__',
        'hasOwnProperty',
      ]) {
        expectError(await call(name, {}, tokens.supervisor), 'UNKNOWN_OPERATION');
        expectError(await call(name, {}, null), 'UNAUTHORIZED');
      }
      expectError(await call('nope/deeper', {}, tokens.supervisor), 'UNKNOWN_OPERATION');
    });
  });

  it('answers a wrong method on an operation with a JSON error, not a page', async () => {
    const reply = await post('checkIn', undefined, { method: 'GET', contentType: null });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(errorBody.safeParse(reply.body).success, reply.text).toBe(true);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with 400 INVALID_JSON and writes nothing', async () => {
    await expectNoWrites(async () => {
      for (const body of [
        '{"text":',
        '{text: "MPDPS-00001"}',
        "{'text':'MPDPS-00001'}",
        '{"text":"x"} {}',
        '',
        'nul',
      ]) {
        expectError(await post('checkIn', body, { token: tokens.kiosk }), 'INVALID_JSON');
      }
    });
  });

  it('refuses a prototype-polluting body with 400 and writes nothing', async () => {
    await expectNoWrites(async () => {
      for (const body of [
        `{"__proto__":{"admin":true},"text":"${code(1)}"}`,
        `{"constructor":{"prototype":{"admin":true}},"text":"${code(1)}"}`,
      ]) {
        const reply = await post('checkIn', body, { token: tokens.kiosk });
        expect(reply.status, reply.text).toBe(400);
        expect(errorBody.safeParse(reply.body).success, reply.text).toBe(true);
      }
    });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers schema failures with 400 INVALID_INPUT and writes nothing', async () => {
    await expectNoWrites(async () => {
      const invalid: Array<[string, unknown]> = [
        ['checkIn', { text: code(1), extra: 1 }],
        ['checkIn', { text: 12345 }],
        ['checkIn', { text: null }],
        ['checkIn', {}],
        ['checkIn', [code(1)]],
        ['checkIn', code(1)],
        ['checkIn', null],
        ['checkIn', { text: code(1).padEnd(2049, ' ') }],
        ['getTicket', { id: 'not-a-uuid' }],
        ['showOffice', { verbose: true }],
        ['changeOffice', { changes: [] }],
        ['changeOffice', { changes: [{ path: 'checkIn.earlyMinutes' }], extra: true }],
        ['importAppointments', { format: 'xml', content: '<bookings/>' }],
        ['importAppointments', { format: 'csv', content: 42 }],
      ];
      for (const [operation, input] of invalid) {
        const reply = await call(operation, input, tokens.supervisor);
        expectError(reply, 'INVALID_INPUT');
        expect(
          reply.body.error.details?.issues?.length,
          `${operation} ${JSON.stringify(input)}`,
        ).toBeGreaterThan(0);
      }
    });
    expect(t.hub.store.tickets.activeForBooking(code(1), '2026-11-30')).toBeNull();
  });

  it('accepts scan text of exactly 2048 characters as input and reads it as a scan', async () => {
    // Trailing spaces from a scanner are trimmed, so this is the booking code at the limit.
    const reply = await call('checkIn', { text: code(1).padEnd(2048, ' ') }, tokens.kiosk);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.number).toBe('A2-001');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    await expectNoWrites(async () => {
      const huge = JSON.stringify({ format: 'csv', content: 'x'.repeat(fileBodyLimit) });
      expectError(await post('importAppointments', huge, { token: tokens.supervisor }), 'PAYLOAD_TOO_LARGE');
      // An operation that carries no file reads far less than one that does.
      const scan = JSON.stringify({ text: code(1).padEnd(operationBodyLimit + 10, ' ') });
      expectError(await post('checkIn', scan, { token: tokens.kiosk }), 'PAYLOAD_TOO_LARGE');
    });
    // The hub is still there afterwards.
    expect((await call('checkIn', { text: code(1) }, tokens.kiosk)).status).toBe(200);
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE and writes nothing', async () => {
    await expectNoWrites(async () => {
      for (const [contentType, body] of [
        ['text/plain', code(1)],
        ['text/plain; charset=utf-8', JSON.stringify({ text: code(1) })],
        ['application/x-www-form-urlencoded', `text=${code(1)}`],
        ['application/xml', `<checkIn text="${code(1)}"/>`],
        [
          'multipart/form-data; boundary=x',
          `--x\r\nContent-Disposition: form-data; name="text"\r\n\r\n${code(1)}\r\n--x--`,
        ],
      ] as const) {
        expectError(
          await post('checkIn', body, { token: tokens.kiosk, contentType }),
          'UNSUPPORTED_MEDIA_TYPE',
        );
      }
    });
    expect(t.hub.store.tickets.activeForBooking(code(1), '2026-11-30')).toBeNull();
  });

  it('accepts JSON with a charset parameter and a call with no body at all', async () => {
    const reply = await post('checkIn', JSON.stringify({ text: code(2) }), {
      token: tokens.kiosk,
      contentType: 'application/json; charset=utf-8',
    });
    expect(reply.status, reply.text).toBe(200);
    const who = await post('whoAmI', undefined, { token: tokens.display, contentType: null });
    expect(who.status, who.text).toBe(200);
    expect(who.body.mode).toBe('display');
  });
});

describe('domain errors over HTTP', () => {
  it('travel with their documented status and leave the floor unchanged', async () => {
    const cases: Array<{ code: ErrorCode; operation: string; input: unknown; token?: StationMode }> = [
      { code: 'INVALID_SCAN', operation: 'checkIn', input: { text: '!!not a code!!' } },
      { code: 'UNKNOWN_BOOKING', operation: 'checkIn', input: { text: 'MPDPS-99999' } },
      { code: 'TOO_EARLY', operation: 'checkIn', input: { text: code(40) } },
      { code: 'WRONG_DAY', operation: 'checkIn', input: { text: code(41) } },
      {
        code: 'WRONG_OFFICE',
        operation: 'checkIn',
        input: { text: JSON.stringify({ code: code(1), office: 'JKT' }) },
      },
      {
        code: 'NOT_FOUND',
        operation: 'getTicket',
        input: { id: '00000000-0000-4000-8000-000000000000' },
        token: 'display',
      },
      {
        code: 'INVALID_CONFIG',
        operation: 'changeOffice',
        input: { changes: [{ path: 'checkIn.earlyMinutes', value: -1 }] },
        token: 'supervisor',
      },
      {
        code: 'INVALID_CONFIG',
        operation: 'changeOffice',
        input: { changes: [{ path: 'no.such.setting', value: 1 }] },
        token: 'supervisor',
      },
      {
        code: 'IMPORT_UNREADABLE',
        operation: 'importAppointments',
        input: { format: 'json', content: '{"not":"an array"' },
        token: 'supervisor',
      },
      {
        code: 'IMPORT_UNREADABLE',
        operation: 'importAppointments',
        input: { format: 'csv', content: 'just,some,columns\n1,2,3\n' },
        token: 'supervisor',
      },
    ];
    await signInSupervisor();
    await expectNoWrites(async () => {
      for (const c of cases) {
        const reply = await call(c.operation, c.input, tokens[c.token ?? 'kiosk']);
        expectError(reply, c.code);
      }
    });
    const early = await call('checkIn', { text: code(40) }, tokens.kiosk);
    expect(early.body.error.details).toEqual({ comeBackAt: '10:00' });
    expect(early.body.error.message.en).toContain('10:00');
  });

  it('answers a check-in after closing time with OFFICE_CLOSED and writes nothing', async () => {
    t.clock.set(at('2026-11-30', '16:05'));
    await expectNoWrites(async () => {
      expectError(await call('checkIn', { text: code(1) }, tokens.kiosk), 'OFFICE_CLOSED');
    });
  });

  it('keeps a failed configuration change all-or-nothing', async () => {
    await signInSupervisor();
    await expectNoWrites(async () => {
      const reply = await call(
        'changeOffice',
        {
          changes: [
            { path: 'checkIn.earlyMinutes', value: 15 },
            { path: 'checkIn.lateMinutes', value: 'soon' },
          ],
        },
        tokens.supervisor,
      );
      expectError(reply, 'INVALID_CONFIG');
    });
    const office = await call('showOffice', {}, tokens.kiosk);
    expect(office.body.config.checkIn).toEqual({ earlyMinutes: 60, lateMinutes: 30 });
  });
});

describe('hostile check-in payloads (property-based)', () => {
  const realCodes = Array.from({ length: 20 }, (_, i) => code(i + 1));
  const loneSurrogates = fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
    .map((units) => String.fromCharCode(...units));
  const scanText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    loneSurrogates,
    fc.string({ minLength: 2000, maxLength: 2100 }),
    fc.constantFrom(...realCodes),
    fc.constantFrom(...realCodes).map((c) => c.toLowerCase()),
    fc.constantFrom(...realCodes).map((c) => `\u0002${c}\r\n`),
    fc.constantFrom(...realCodes).map((c) => `https://m-paspor.imigrasi.go.id/booking/${c}`),
    fc
      .tuple(fc.constantFrom(...realCodes), fc.string({ maxLength: 6 }))
      .map(
        ([c, office]) => `https://x.test/?kode=${encodeURIComponent(c)}&office=${encodeURIComponent(office)}`,
      ),
    fc
      .record(
        { code: fc.oneof(fc.constantFrom(...realCodes), fc.string()), office: fc.string({ maxLength: 5 }) },
        {
          requiredKeys: ['code'],
        },
      )
      .map((value) => JSON.stringify(value)),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''),
    fc.constantFrom(
      `${realCodes[0]}'; DROP TABLE tickets; --`,
      "' OR '1'='1",
      '5171010101900001',
      '0000000000000000',
      'https://x.test/%E0%A4%A',
      '{"code":{"$gt":""}}',
      '{"__proto__":{"code":"MPDPS-00001"}}',
    ),
  );

  async function checkReply(reply: Reply, before: ReturnType<typeof fingerprint>): Promise<void> {
    expect(reply.status, reply.text).toBeLessThan(500);
    if (reply.status === 200) {
      expect(ticketView.safeParse(reply.body).success, reply.text).toBe(true);
      expect(realCodes).toContain(reply.body.booking.code);
    } else {
      expect(errorBody.safeParse(reply.body).success, reply.text).toBe(true);
      expect(reply.status).toBe(httpStatusOf[reply.body.error.code as ErrorCode]);
      expect(fingerprint()).toEqual(before);
    }
  }

  it('never answers an arbitrary scan text with a 5xx and never writes on error', async () => {
    await fc.assert(
      fc.asyncProperty(scanText, async (text) => {
        const before = fingerprint();
        await checkReply(await call('checkIn', { text }, tokens.kiosk), before);
      }),
      { numRuns: 100 },
    );
    // The hub still issues tickets in order afterwards.
    const numbers = t.hub.store.tickets.listForDay('2026-11-30').map((ticket) => ticket.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('never answers an arbitrary JSON body with a 5xx and never writes on error', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
      fc.record({ text: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ text: scanText, extra: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: ['text'] }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const before = fingerprint();
        await checkReply(await post('checkIn', JSON.stringify(value), { token: tokens.kiosk }), before);
      }),
      { numRuns: 100 },
    );
  });

  it('never answers an arbitrary raw body with a 5xx and never writes on error', async () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((value) => `${JSON.stringify(value)}${'}'.repeat(3)}`),
      fc.integer({ min: 1, max: 50_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      fc
        .integer({ min: 1, max: 50_000 })
        .map((depth) => `${'{"text":'.repeat(depth)}"x"${'}'.repeat(depth)}`),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        const before = fingerprint();
        await checkReply(await post('checkIn', text, { token: tokens.kiosk }), before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('hostile appointment files over HTTP (property-based)', () => {
  const header = appointmentCsv([]).trimEnd();
  const validRow = appointmentCsv([sampleAppointment(900)]).split('\n')[1] as string;
  const csv = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(fc.string({ maxLength: 60 }), { maxLength: 6 }).map((lines) => [header, ...lines].join('\n')),
    fc
      .array(
        fc.oneof(
          fc.constant(validRow),
          fc.string({ maxLength: 40 }).map((s) => `${s},${validRow}`),
        ),
        {
          maxLength: 5,
        },
      )
      .map((lines) => [header, ...lines].join('\r\n')),
    fc.constantFrom(`${header}\n"unterminated`, `${header}\nMPDPS-1'; DROP TABLE bookings;--,1`),
  );
  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''),
    fc
      .array(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 })
      .map((rows) => JSON.stringify(rows)),
    fc.string({ maxLength: 200 }),
  );

  it('never crashes the hub, and an unreadable file imports nothing', async () => {
    await signInSupervisor();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csv.map((content) => ({ format: 'csv', content })),
          json.map((content) => ({ format: 'json', content })),
        ),
        async (input) => {
          const before = fingerprint();
          const bookingsBefore = rowCounts(t.hub.store).bookings ?? 0;
          const reply = await call('importAppointments', input, tokens.supervisor);
          expect(reply.status, reply.text).toBeLessThan(500);
          if (reply.status === 200) {
            const s = reply.body;
            expect(s.created + s.updated + s.unchanged + s.rejected.length).toBe(s.rows);
            expect(rowCounts(t.hub.store).bookings).toBe(bookingsBefore + s.created);
          } else {
            expectError(reply, reply.body.error.code);
            expect(fingerprint()).toEqual(before);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('GET /', () => {
  it('shows the office IT person which office and day the hub serves, under a strict CSP, without personal data', async () => {
    expect((await call('checkIn', { text: code(1) }, tokens.kiosk)).status).toBe(200);
    const page = await fetch(`${t.hub.url}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('Kantor Imigrasi Kelas I TPI Denpasar');
    expect(html).toContain('2026-11-30');
    const booking = t.hub.store.bookings.find(code(1));
    expect(html).not.toContain(booking?.nik);
    expect(html).not.toContain(booking?.fullName);
  });
});
