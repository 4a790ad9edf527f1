import { randomUUID } from 'node:crypto';
import { encodeGrayJpeg } from '../../drivers/fingerprint/jpeg.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contract,
  operationNames,
  type OperationName,
  type OperationSpec,
} from '../../src-main/api/contract.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { wholeFloor } from '../support/consoleRuns.ts';

/** The smallest JPEG the hub takes: a 7 × 9 grey picture. */
const tinyJpeg = encodeGrayJpeg({ width: 7, height: 9, pixels: new Uint8Array(63).fill(128) }).toString(
  'base64',
);

/**
 * Every operation, by what it does to the floor. An operation that writes configuration, bookings,
 * stations, users, calendars or an officer's work must name a signed-in, unlocked officer; the
 * citizens' own operations (check-in, a ticket's print, the kiosk's offline commands) need none.
 * A new operation fails the first test until it is put in one of these lists.
 */
const writes = {
  changeOffice: { ok: { changes: [{ path: 'checkIn.earlyMinutes', value: 45 }] } },
  importAppointments: { ok: { format: 'csv', content: appointmentCsv([sampleAppointment(60)]) } },
  syncAppointments: { ok: {} },
  callNext: { ok: {} },
  callTicket: { ok: { number: 'A2-001', reason: 'medical' } },
  recall: { ok: {} },
  startService: { ok: {} },
  completeService: { ok: {} },
  markNoShow: { ok: {} },
  holdTicket: { ok: {} },
  releaseTicket: { ok: { entryId: randomUUID() } },
  transferTicket: { ok: { toStage: 'interview' } },
  setCounterState: { ok: { state: 'on_break', reason: 'istirahat' } },
  decidePriorityClaim: { ok: { decision: 'confirmed' } },
  openInterview: { ok: {} },
  recordInterview: { ok: { applicationId: randomUUID(), documents: [], nikOnKtp: null, notes: '' } },
  checkOldPassport: { ok: { applicationId: randomUUID(), text: 'P<IDN' } },
  captureFingerprint: { ok: { applicationId: randomUUID() } },
  fingerprintRequest: { ok: { applicationId: randomUUID() } },
  recordFingerprintCapture: {
    ok: { applicationId: randomUUID(), captures: [], failed: [], transactionId: null },
  },
  recordFingerException: {
    ok: { applicationId: randomUUID(), finger: 'left_index', reason: 'missing', note: null, photo: tinyJpeg },
  },
  simulateFingerprint: { ok: { stationId: randomUUID(), quality: 30 } },
  saveFacePhoto: { ok: { applicationId: randomUUID(), jpeg: tinyJpeg, checks: [], override: null } },
  approveAtCounter: {
    ok: { applicationId: randomUUID(), subject: 'refusal', username: 'sri', secret: '112233' },
  },
  finishInterview: {
    ok: { applicationId: randomUUID(), outcome: 'postpone', reason: 'Dokumen kurang', pickupOverride: null },
  },
  printReceipt: { ok: { applicationId: randomUUID() } },
  receiptSlip: { ok: { applicationId: randomUUID() } },
  recordReceiptPrint: { ok: { applicationId: randomUUID(), reprint: 0, problem: null } },
  purgeBiometrics: { ok: {} },
  simulateScan: { ok: { stationId: randomUUID(), text: 'MPDPS-00001' } },
  trainingAdvanceClock: { ok: { to: 'pickup' } },
  simulatePrinter: { ok: { stationId: randomUUID(), condition: { paper: 'out' } } },
  addStation: { ok: { name: 'Kios 9', mode: 'kiosk' } },
  pairStation: { ok: { stationId: randomUUID() } },
  revokeStation: { ok: { stationId: randomUUID() } },
  addOfficer: { ok: { username: 'putu', name: 'Putu Arta', role: 'officer', secret: '864209' } },
  changeOfficer: { ok: { username: 'ayu', enabled: false } },
  resetOfficerPin: { ok: { username: 'ayu', secret: '864209' } },
  setStationCounter: { ok: { stationId: randomUUID(), counter: 2 } },
  changeCalendar: { ok: { action: 'remove', date: '2026-12-24', reason: 'Kantor tetap buka' } },
  approveApplication: { ok: { applicationId: randomUUID() } },
  sendBackApplication: { ok: { applicationId: randomUUID(), reason: 'Foto buram' } },
  pausePrinter: { ok: { paused: true } },
  scanBooklet: { ok: { jobId: randomUUID(), text: 'X0000001' } },
  printPassport: { ok: { jobId: randomUUID() } },
  checkPrintedPassport: { ok: { jobId: randomUUID(), text: 'P<IDN' } },
  readPrintedPage: { ok: { jobId: randomUUID() } },
  spoilBooklet: { ok: { jobId: randomUUID(), reason: 'sampul sobek', username: 'sri', secret: '112233' } },
  receiveBooklets: { ok: { passportType: 'elektronik', first: 'X0000001', last: 'X0000010' } },
  confirmBooklets: { ok: { rangeId: randomUUID(), username: 'sri', secret: '112233' } },
  signOffSpoil: { ok: { serial: 'X0000001' } },
  recordHandover: {
    ok: { jobId: randomUUID(), applicantNik: '5171010101600002', receiver: 'applicant' },
  },
  helpDeskCheckIn: { ok: { bookingCode: 'MPDPS-00001' } },
  helpDeskPrintTicket: { ok: { ticketId: randomUUID() } },
  importIssuanceHistory: {
    ok: {
      content:
        'year,month,biasa_baru,biasa_penggantian,elektronik_baru,elektronik_penggantian,total\n2021,1,1,1,1,1,4\n',
    },
  },
  answerSurveyComplaint: { ok: { id: 1, note: 'Sudah ditindaklanjuti.' } },
  applyQuota: { ok: { lanes: [{ id: 'regular', quotaPerWindow: 30 }] } },
} satisfies Partial<Record<OperationName, { ok: unknown }>>;

/** Pure reads: they change nothing (some still need an officer, for what they show). */
const reads: readonly OperationName[] = [
  'replicaSnapshot',
  'offlineConflicts',
  'getTicket',
  'showOffice',
  'appointmentFeedStatus',
  'centralLinkStatus',
  'todaysQuota',
  'whoAmI',
  'counterView',
  'fingerprintPreview',
  'applicationView',
  'facePhoto',
  'pickupStatus',
  'auditVerify',
  'boardView',
  'floorView',
  'claimsAndBreaks',
  'stationDevices',
  'floorDevices',
  'floorStations',
  'officerAccounts',
  'calendar',
  'previewPickupPromise',
  'adjudicationList',
  'printQueue',
  'bookletStock',
  'bookletReconciliation',
  'handoverCase',
  'smsProblems',
  'uncollectedPassports',
  'helpDeskSearch',
  'reportKpi',
  'reportOfficers',
  'myFigures',
  'reportIssuance',
  'reportPromises',
  'publicFigures',
  'exportReport',
  'surveyReport',
  'mySurveyFigures',
  'exportSurvey',
  // The Simulator keeps its runs in the hub's memory and writes nothing to the floor.
  'simulationChoices',
  'startSimulation',
  'simulationRun',
  'cancelSimulation',
  'startQuotaPlan',
  'quotaPlanRun',
  'cancelQuotaPlan',
];

/** The citizens' own operations and the kiosk's offline commands: no officer stands at a kiosk. */
const citizens: readonly OperationName[] = [
  'checkIn',
  'leaseNumbers',
  'checkInOffline',
  'printTicket',
  'ticketSlip',
  'recordTicketPrint',
  'takePickupTicket',
  'startSurvey',
  'submitSurvey',
];

/**
 * The officer's own session, and a station saying how its own devices are, how its own update
 * goes, or that its outbox is stuck (a station's own report: the kiosk that sends it has no officer).
 */
const sessions: readonly OperationName[] = [
  'signIn',
  'unlock',
  'signOut',
  'reportDevices',
  'reportUpdate',
  'reportStuckCommand',
];

const writing = Object.keys(writes) as OperationName[];

let t: TestHub;
let tokens: Record<'counter' | 'print' | 'supervisor' | 'helpdesk', string>;

beforeEach(async () => {
  t = await startTestHub();
  tokens = {
    counter: t.pair('counter'),
    print: t.pair('print'),
    supervisor: t.pair('supervisor'),
    helpdesk: t.pair('helpdesk'),
  };
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  addUser(ctx, commandLine, { username: 'budi', name: 'Budi', role: 'print_operator', secret: '975310' });
});

afterEach(async () => {
  await t.close();
});

/** Every row of every table: a refused call leaves all of it as it was. */
const floorNow = () => wholeFloor(t.hub.store);

/** The station mode an operation runs at: the first the contract allows that has officers. */
function stationFor(operation: OperationName): 'counter' | 'print' | 'supervisor' | 'helpdesk' {
  const roles = (contract[operation] as OperationSpec).roles as readonly StationMode[];
  return (
    (['counter', 'print', 'supervisor', 'helpdesk'] as const).find((mode) => roles.includes(mode)) ??
    'supervisor'
  );
}

async function signInEverywhere(): Promise<void> {
  for (const [mode, username, secret, counter] of [
    ['counter', 'ayu', '246810', 1],
    ['print', 'budi', '975310', undefined],
    ['supervisor', 'sri', '112233', undefined],
    ['helpdesk', 'ayu', '246810', undefined],
  ] as const) {
    const reply = await t.call('signIn', { username, secret, counter }, tokens[mode]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
}

describe('every operation that writes names a signed-in, unlocked officer', () => {
  it('puts every operation of the contract in exactly one list, and every writing one needs an officer', () => {
    const listed = [...writing, ...reads, ...citizens, ...sessions];
    expect([...listed].sort()).toEqual([...operationNames].sort());
    expect(new Set(listed).size).toBe(listed.length);
    for (const operation of writing) {
      const spec = contract[operation] as OperationSpec;
      expect(spec.officer, operation).toBeDefined();
      expect(spec.passive, operation).toBeUndefined();
    }
    // Configuration, bookings, stations and calendars are a supervisor's (or an admin's).
    for (const operation of [
      'changeOffice',
      'importAppointments',
      'syncAppointments',
      'appointmentFeedStatus',
      'centralLinkStatus',
      'addStation',
      'pairStation',
      'revokeStation',
      'setStationCounter',
      'changeCalendar',
      'applyQuota',
    ] as const) {
      expect([...((contract[operation] as OperationSpec).officer ?? [])].sort(), operation).toEqual([
        'admin',
        'supervisor',
      ]);
    }
    // Officers' accounts are an admin's alone.
    for (const operation of ['addOfficer', 'changeOfficer', 'resetOfficerPin'] as const)
      expect((contract[operation] as OperationSpec).officer, operation).toEqual(['admin']);
  });

  it('refuses each with no officer signed in, and writes nothing', async () => {
    for (const operation of writing) {
      const before = floorNow();
      const reply = await t.call(
        operation,
        writes[operation as keyof typeof writes].ok,
        tokens[stationFor(operation)],
      );
      expect([reply.status, reply.body?.error?.code], operation).toEqual([401, 'OFFICER_REQUIRED']);
      expect(floorNow(), operation).toEqual(before);
    }
  });

  it('refuses each while the officer signed in there is idle-locked, and writes nothing', async () => {
    await signInEverywhere();
    const idle = t.hub.store.office.get().floor.idleLockMinutes;
    t.clock.advanceMinutes(idle + 1);
    for (const operation of writing) {
      const before = floorNow();
      const reply = await t.call(
        operation,
        writes[operation as keyof typeof writes].ok,
        tokens[stationFor(operation)],
      );
      expect(reply.body?.error?.code, operation).toBe('LOCKED');
      expect(floorNow(), operation).toEqual(before);
    }
  });

  it('names the supervisor who changed the office, applied a quota or imported bookings or issuance in the log, not the station', async () => {
    await signInEverywhere();
    const sri = t.hub.store.officers.userNamed('sri')?.id;
    const after = t.hub.store.events.lastSeq();
    expect((await t.call('changeOffice', writes.changeOffice.ok, tokens.supervisor)).status).toBe(200);
    expect((await t.call('importAppointments', writes.importAppointments.ok, tokens.supervisor)).status).toBe(
      200,
    );
    expect(
      (await t.call('importIssuanceHistory', writes.importIssuanceHistory.ok, tokens.supervisor)).status,
    ).toBe(200);
    expect((await t.call('applyQuota', writes.applyQuota.ok, tokens.supervisor)).status).toBe(200);
    const logged = t.hub.store.events.readAfter(after, 100);
    expect(logged.map((e) => e.type)).toContain('issuance.imported');
    expect(logged.filter((e) => e.type === 'office.updated')).toHaveLength(2);
    for (const event of logged) expect(event.actor, event.type).toBe(sri);
  });
});
