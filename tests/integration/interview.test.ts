import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeGrayJpeg } from '../../drivers/fingerprint/jpeg.ts';
import { decodeJpeg } from '../../src-main/services/jpegImage.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { applicationViewOf } from '../../src-main/services/applicationView.ts';
import { checkOldPassport, openInterview, recordInterview } from '../../src-main/services/applications.ts';
import { approveAtCounter } from '../../src-main/services/approvals.ts';
import { imageBytes, purgeBiometrics } from '../../src-main/services/biometrics.ts';
import { newBiometricKey } from '../../src-main/services/biometricVault.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import {
  callNext,
  completeService,
  startService,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { saveFacePhoto } from '../../src-main/services/facePhoto.ts';
import { captureFingerprint, recordFingerException } from '../../src-main/services/fingerprints.ts';
import { finishInterview } from '../../src-main/services/finishInterview.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { pickupStatus, receiptOf } from '../../src-main/services/receipts.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { FingerprintReaders } from '../../src-main/devices/fingerprintReaders.ts';
import type { SbiSimulator } from '../../drivers/fingerprint/simulator.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, readFloor, type TestFloor } from '../support/floor.ts';

let floor: TestFloor;
let ctx: ServiceContext & { signInAttempts: AttemptLimiter };
let readers: FingerprintReaders;
let officer: CounterCaller;
let documents: CounterCaller;
let simulator: SbiSimulator;

/** A JPEG the camera could have given: 350 × 450 (35 × 45 mm), grey. */
const photo = (width = 350, height = 450) => {
  const pixels = new Uint8Array(width * height).fill(200);
  const jpeg = decodeJpeg(encodeGrayJpeg({ width, height, pixels }).toString('base64'));
  if (!jpeg) throw new Error('the test photo is no JPEG');
  return jpeg;
};
const passingChecks = ['one_face', 'frontal', 'eyes_open', 'background', 'exposure', 'sharpness'].map(
  (id) => ({
    id,
    passed: true,
  }),
);

beforeEach(async () => {
  // Monday 30 November 2026, 09:00 in Denpasar.
  floor = makeFloor({ now: at('2026-11-30', '09:00'), onDisk: true });
  readers = new FingerprintReaders((id) => floor.store.stations.fingerprintReader(id));
  ctx = {
    ...floor.ctx,
    signInAttempts: new AttemptLimiter(5, 5 * 60_000),
    biometricKey: newBiometricKey(),
    fingerprints: readers,
  };
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '135791' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  const desk = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 3', counter: 3 }).station;
  floor.store.stations.setFingerprintReader(desk.id, { transport: 'simulator' });
  signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 3 });
  officer = {
    stationId: desk.id,
    actor: 'ayu',
    officer: requireOfficer(ctx, desk, ['officer', 'supervisor']),
  };
  const first = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 1', counter: 1 }).station;
  signIn(ctx, first, { username: 'made', secret: '135791', counter: 1 });
  documents = { stationId: first.id, actor: 'made', officer: requireOfficer(ctx, first, ['officer']) };
  simulator = (await readers.simulatorOf(desk.id)) as SbiSimulator;
  simulator.set({ captureDelayMs: 0 });
});

afterEach(async () => {
  await readers.close();
  floor.close();
});

/** A citizen checks in, passes the document check at counter 1, and is served at counter 3. */
function atInterviewCounter(index: number, overrides: Parameters<typeof sampleAppointment>[1] = {}) {
  floor.load([sampleAppointment(index, overrides)]);
  checkIn(ctx, floor.kiosk, { text: `MPDPS-${String(index).padStart(5, '0')}` });
  callNext(ctx, documents);
  startService(ctx, documents);
  completeService(ctx, documents);
  callNext(ctx, officer);
  startService(ctx, officer);
  return openInterview(ctx, officer);
}

async function takeBothIndexFingers(applicationId: string) {
  await captureFingerprint(ctx, officer, { applicationId });
  return captureFingerprint(ctx, officer, { applicationId });
}

describe('the interview at the counter', () => {
  it('a new applicant: documents seen, two fingers at quality, a face photo, and the pickup date every surface shows', async () => {
    const opened = atInterviewCounter(1);
    expect(opened.number).toBe('DPS-261130-0001');
    expect(opened.interview.documents.map((d) => d.id)).toEqual(['ktp', 'kk', 'akta_ijazah_nikah']);

    const seen = recordInterview(ctx, officer, {
      applicationId: opened.id,
      documents: opened.interview.documents.map((d) => ({ ...d, seen: true })),
      nikOnKtp: null,
      notes: '',
    });
    expect(seen.interview.nikWarnings).toEqual([]);

    simulator.set({ qualities: { 'Right IndexFinger': [72], 'Left IndexFinger': [65] } });
    const printed = await takeBothIndexFingers(opened.id);
    const view = applicationViewOf(ctx, printed);
    expect(view.fingerprints.state).toBe('complete');
    expect(view.fingerprints.fingers.map((f) => [f.finger, f.bestQuality])).toEqual([
      ['right_index', 72],
      ['left_index', 65],
    ]);

    saveFacePhoto(ctx, officer, {
      applicationId: opened.id,
      photo: photo(),
      checks: passingChecks,
      override: null,
    });
    // Monday 30 November + 4 working days = Friday 4 December.
    expect(applicationViewOf(ctx, floor.store.applications.find(opened.id)!).pickup).toMatchObject({
      date: '2026-12-04',
      final: false,
    });
    const done = finishInterview(ctx, officer, {
      applicationId: opened.id,
      outcome: 'continue',
      reason: null,
      pickupOverride: null,
    });
    expect(done.status).toBe('adjudication');
    expect(done.pickupDate).toBe('2026-12-04');
    // The visit is complete: the counter is free.
    expect(floor.store.queue.atCounter(3)).toBeNull();

    const receipt = receiptOf(ctx, done);
    expect(receipt).toMatchObject({ applicationNumber: 'DPS-261130-0001', pickupDate: '2026-12-04' });
    expect(receipt.qr).toMatch(/^LOKET:R:DPS:DPS-261130-0001:[0-9a-f]{32}$/);
    const atKiosk = pickupStatus(ctx, { text: receipt.qr });
    expect(atKiosk).toMatchObject({
      pickupDate: '2026-12-04',
      status: 'adjudication',
      initials: 'N. M. A. 1.',
    });
    expect(JSON.stringify(atKiosk)).not.toContain('Ni Made');
  });

  it('a finger below the quality is captured again up to three times and the best is kept', async () => {
    // Below the requested score a reader looks for a better frame until its timeout: 1 s here.
    changeOffice(ctx, commandLine, [{ path: 'interview.fingers.captureSeconds', value: 1 }]);
    const opened = atInterviewCounter(2);
    simulator.set({ qualities: { 'Right IndexFinger': [25, 38, 31] } });
    for (let i = 0; i < 3; i += 1)
      await captureFingerprint(ctx, officer, { applicationId: opened.id, finger: 'right_index' });
    const view = applicationViewOf(ctx, floor.store.applications.find(opened.id)!);
    const right = view.fingerprints.fingers.find((f) => f.finger === 'right_index');
    expect(right).toMatchObject({ state: 'low_quality', attempts: 3, bestQuality: 38 });
    // Only the best image is kept sealed; the two it beat are purged at once.
    const images = floor.store.biometricImages.ofApplicationId(opened.id);
    expect(images.filter((i) => i.purgedAt === null).map((i) => i.quality)).toEqual([38]);
    await expect(
      captureFingerprint(ctx, officer, { applicationId: opened.id, finger: 'right_index' }),
    ).rejects.toThrow(/not waiting to be taken/);
  });

  it('a missing finger is an exception with a photo that only another supervisor approves, and blocks until then', async () => {
    const opened = atInterviewCounter(3);
    simulator.set({ qualities: { 'Right IndexFinger': [70] } });
    await captureFingerprint(ctx, officer, { applicationId: opened.id });
    recordFingerException(ctx, officer, {
      applicationId: opened.id,
      finger: 'left_index',
      reason: 'missing',
      note: 'amputated in 2019',
      photo: photo(640, 480),
    });
    recordInterview(ctx, officer, {
      applicationId: opened.id,
      documents: opened.interview.documents.map((d) => ({ ...d, seen: true })),
      nikOnKtp: null,
      notes: '',
    });
    saveFacePhoto(ctx, officer, {
      applicationId: opened.id,
      photo: photo(),
      checks: passingChecks,
      override: null,
    });
    const finish = () =>
      finishInterview(ctx, officer, {
        applicationId: opened.id,
        outcome: 'continue',
        reason: null,
        pickupOverride: null,
      });
    expect(finish).toThrow(/supervisor's approval/);
    // The officer cannot approve their own case, nor a wrong PIN.
    expect(() =>
      approveAtCounter(ctx, officer, {
        applicationId: opened.id,
        subject: 'finger_exceptions',
        username: 'ayu',
        secret: '246810',
      }),
    ).toThrow(/Only a supervisor/);
    expect(() =>
      approveAtCounter(ctx, officer, {
        applicationId: opened.id,
        subject: 'finger_exceptions',
        username: 'sri',
        secret: '000000',
      }),
    ).toThrow(/Wrong username or PIN/);
    approveAtCounter(ctx, officer, {
      applicationId: opened.id,
      subject: 'finger_exceptions',
      username: 'sri',
      secret: '112233',
    });
    expect(finish().status).toBe('adjudication');
    const types = floor.store.events.readAfter(0, 1000).map((e) => e.type);
    expect(types).toContain('fingerprint.exception');
    expect(types).toContain('application.approved');
  });

  it('a refusal needs a reason and a supervisor; the interview cannot be skipped by completing the visit', () => {
    const opened = atInterviewCounter(4);
    expect(() => completeService(ctx, officer)).toThrow(/End the interview first/);
    expect(() =>
      finishInterview(ctx, officer, {
        applicationId: opened.id,
        outcome: 'refuse',
        reason: null,
        pickupOverride: null,
      }),
    ).toThrow(/Give the reason/);
    expect(() =>
      finishInterview(ctx, officer, {
        applicationId: opened.id,
        outcome: 'refuse',
        reason: 'Dokumen palsu',
        pickupOverride: null,
      }),
    ).toThrow(/supervisor's approval/);
    approveAtCounter(ctx, officer, {
      applicationId: opened.id,
      subject: 'refusal',
      username: 'sri',
      secret: '112233',
    });
    const refused = finishInterview(ctx, officer, {
      applicationId: opened.id,
      outcome: 'refuse',
      reason: 'Dokumen palsu',
      pickupOverride: null,
    });
    expect(refused).toMatchObject({ status: 'refused', pickupDate: null, outcomeReason: 'Dokumen palsu' });
    expect(() => receiptOf(ctx, refused)).toThrow(/once the interview has ended and the application goes on/);
  });

  it('a replacement: the old passport MRZ compared, and a NIK that does not match the booking warns without blocking', () => {
    const opened = atInterviewCounter(5, {
      applicationKind: 'habis_berlaku',
      fullName: 'I Wayan Sudarsana',
      birthDate: '1985-03-12',
      sex: 'L',
      nik: '5171011203850005',
    });
    expect(opened.interview.documents.map((d) => d.id)).toContain('paspor_lama');
    const typed = recordInterview(ctx, officer, {
      applicationId: opened.id,
      documents: [],
      nikOnKtp: '5171015203850005',
      notes: '',
    });
    expect(typed.interview.nikWarnings.map((w) => w.code)).toEqual(['nik_differs', 'nik_sex']);
    const mrz = [
      'P<IDNSUDARSANA<<I<WAYAN<<<<<<<<<<<<<<<<<<<<<',
      'C1234567<0IDN8503127M2601010<<<<<<<<<<<<<<02',
    ].join('\n');
    const checked = checkOldPassport(ctx, officer, { applicationId: opened.id, text: mrz });
    expect(checked.interview.oldPassport).toMatchObject({ documentNumber: 'C1234567', warnings: [] });
  });

  it('an officer moves the pickup date only with a reason and onto a working day; the receipt carries the moved date', async () => {
    const opened = atInterviewCounter(6);
    recordInterview(ctx, officer, {
      applicationId: opened.id,
      documents: opened.interview.documents.map((d) => ({ ...d, seen: true })),
      nikOnKtp: null,
      notes: '',
    });
    await takeBothIndexFingers(opened.id);
    saveFacePhoto(ctx, officer, {
      applicationId: opened.id,
      photo: photo(),
      checks: passingChecks,
      override: null,
    });
    const finish = (date: string, reason: string) =>
      finishInterview(ctx, officer, {
        applicationId: opened.id,
        outcome: 'continue',
        reason: null,
        pickupOverride: { date, reason },
      });
    expect(() => finish('2026-12-05', 'Pemohon ke luar kota')).toThrow(/closed on Saturday/);
    const moved = finish('2026-12-08', 'Pemohon ke luar kota');
    expect(moved.pickupDate).toBe('2026-12-08');
    expect(moved.pickupOverride).toMatchObject({ computed: '2026-12-04', reason: 'Pemohon ke luar kota' });
    expect(receiptOf(ctx, moved).pickupDate).toBe('2026-12-08');
  });
});

describe('biometric images at rest', () => {
  it('are unreadable in the database file, fail loudly with another key, and purge after handover keeping the audit', async () => {
    const opened = atInterviewCounter(7);
    simulator.set({ qualities: { 'Right IndexFinger': [80], 'Left IndexFinger': [80] } });
    await takeBothIndexFingers(opened.id);
    const face = photo();
    saveFacePhoto(ctx, officer, {
      applicationId: opened.id,
      photo: face,
      checks: passingChecks,
      override: null,
    });
    const application = floor.store.applications.find(opened.id)!;
    const faceId = application.face!.imageId;
    expect(imageBytes(ctx, faceId).bytes.equals(face.bytes)).toBe(true);

    // The database file holds no JPEG and no ISO fingerprint record in the clear.
    floor.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(floor.dataDir!, 'loket.db'));
    expect(file.includes(face.bytes.subarray(0, 64))).toBe(false);
    expect(file.includes(Buffer.from('FIR\0'))).toBe(false);

    expect(() => imageBytes({ ...ctx, biometricKey: newBiometricKey() }, faceId)).toThrow(
      /sealed with another key/,
    );
    const { biometricKey: _none, ...withoutKey } = ctx;
    expect(() => imageBytes(withoutKey, faceId)).toThrow(/key is not available/);

    // Handed over (the print station's work) 31 days ago: the retention of 30 days has passed.
    floor.store.applications.save({ ...application, handedOverAt: ctx.clock.now() });
    floor.clock.set(ctx.clock.now() + 31 * 86_400_000);
    expect(purgeBiometrics(ctx, commandLine)).toEqual({ applications: 1, images: 3 });
    expect(() => imageBytes(ctx, faceId)).toThrow(/purged after its retention period/);
    const kept = readFloor(floor.dataDir!, (store) => store.biometricImages.ofApplicationId(opened.id));
    expect(kept.map((i) => [i.kind, i.quality !== null, i.purgedAt !== null])).toEqual([
      ['fingerprint', true, true],
      ['fingerprint', true, true],
      ['face', false, true],
    ]);
    const purged = floor.store.events.readAfter(0, 1000).filter((e) => e.type === 'biometrics.purged');
    expect(purged).toHaveLength(1);
    expect(purgeBiometrics(ctx, commandLine)).toEqual({ applications: 0, images: 0 });
  });
});
