import { stationClientHeaders } from '../../src-main/station/clientId.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFingerImageRecord } from '../../drivers/fingerprint/iso19794.ts';
import { writeGrayPng } from '../../drivers/fingerprint/png.ts';
import { SbiSimulator } from '../../drivers/fingerprint/simulator.ts';
import { encodeGrayJpeg } from '../../drivers/fingerprint/jpeg.ts';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { DeviceManager } from '../../src-main/devices/manager.ts';
import { withOwnDevices } from '../../src-main/station/ownDevices.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { hubClient, type HubClient } from '../../src-main/station/hubClient.ts';
import { ownReaderConfig, withOwnFingerprintReader } from '../../src-main/station/ownReader.ts';
import { FingerprintReaders } from '../../src-main/devices/fingerprintReaders.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * An interview counter on its own PC, its hub on another: the fingerprint reader sits in the
 * counter's cabinet (an SBI service on the counter PC's loopback, here a simulator), the hub says
 * what to capture and keeps what was captured, reading each record and the hash chain itself.
 */
let t: TestHub;
let reader: SbiSimulator;
let readers: FingerprintReaders;
let counter: HubClient;
let token: string;
let applicationId: string;
/** What the cabinet's reader was asked, capture by capture. */
const asked: { fingers: string[]; previousHash: string }[] = [];

beforeAll(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv([sampleAppointment(1)]) });
  addUser(ctx, commandLine, { username: 'made', name: 'Made', role: 'officer', secret: '246802' });
  addUser(ctx, commandLine, { username: 'wayan', name: 'Wayan', role: 'officer', secret: '135790' });
  const kiosk = t.pair('kiosk');
  const documents = t.pair('counter', 'Loket 1');
  token = t.pair('counter', 'Loket 3');
  expect((await t.call('checkIn', { text: 'MPDPS-00001' }, kiosk)).status).toBe(200);
  await t.call('signIn', { username: 'made', secret: '246802', counter: 1 }, documents);
  for (const step of ['callNext', 'startService', 'completeService']) await t.call(step, {}, documents);
  // The counter PC's program signs the officer in and acts for them: it names itself in every call
  // (station/clientId.ts), and this test's calls for that counter go as that program.
  await t.call('signIn', { username: 'wayan', secret: '135790', counter: 3 }, token, stationClientHeaders);
  for (const step of ['callNext', 'startService']) await t.call(step, {}, token, stationClientHeaders);
  const opened = await t.call('openInterview', {}, token, stationClientHeaders);
  expect(opened.status).toBe(200);
  applicationId = opened.body.id;

  reader = await SbiSimulator.start({ port: 0 });
  reader.set({ captureDelayMs: 0 });
  reader.on('capture', (log) => asked.push(log));
  readers = new FingerprintReaders(
    ownReaderConfig({ transport: 'sbi', ports: { from: reader.port, to: reader.port } }),
  );
  counter = withOwnFingerprintReader(hubClient(t.hub.url, token), readers);
}, 60_000);

afterAll(async () => {
  await readers?.close();
  await reader?.stop();
  await t?.close();
});

/** A sound ISO/IEC 19794-4 record of one finger (ISO position: 2 right index, 7 left index). */
const recordOf = (position: number) =>
  encodeFingerImageRecord([
    {
      position,
      quality: 90,
      capturedAt: new Date('2026-11-30T01:00:00Z'),
      width: 8,
      height: 8,
      ppi: 500,
      bitDepth: 8,
      compression: 'png',
      impression: 0,
      image: writeGrayPng({ width: 8, height: 8, pixels: new Uint8Array(64).fill(128) }),
    },
  ]).toString('base64');

const sendRecord = (finger: string, iso: string) =>
  t.call(
    'recordFingerprintCapture',
    { applicationId, captures: [{ finger, iso }], failed: [], transactionId: null },
    token,
    stationClientHeaders,
  );

describe("an interview counter's own cabinet: its fingerprint reader and receipt printer", () => {
  it('captures at the counter PC, and the hub keeps the finger with its quality', async () => {
    reader.set({ qualities: { 'Right IndexFinger': [66], 'Left IndexFinger': [71] } });
    const first = await counter.call('captureFingerprint', { applicationId });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(asked.map((a) => a.fingers)).toEqual([['Right IndexFinger']]);
    const images = t.hub.store.biometricImages.ofApplicationId(applicationId);
    expect(images.map((i) => [i.position, i.quality, i.meta.capturedInCabinet])).toEqual([
      ['right_index', 66, true],
    ]);
  });

  it("is refused a record that is no finger image, or another finger's, and keeps nothing of it", async () => {
    const garbage = await sendRecord('left_index', Buffer.from('no record').toString('base64'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message.en).toMatch(/not valid \(ISO\/IEC 19794-4\)/);
    const wrongFinger = await sendRecord('left_index', recordOf(2));
    expect(wrongFinger.status).toBe(400);
    expect(wrongFinger.body.error.message.en).toMatch(/not of the left index finger/);
    expect(t.hub.store.biometricImages.ofApplicationId(applicationId)).toHaveLength(1);
  });

  it('goes on from the hash the hub holds: the second finger completes the session', async () => {
    const second = await counter.call('captureFingerprint', { applicationId });
    expect(second.ok).toBe(true);
    const view = (second as { value: { fingerprints: { state: string; fingers: unknown[] } } }).value;
    expect(view.fingerprints.state).toBe('complete');
    expect(view.fingerprints.fingers).toMatchObject([
      { finger: 'right_index', bestQuality: 66 },
      { finger: 'left_index', bestQuality: 71 },
    ]);
    const images = t.hub.store.biometricImages.ofApplicationId(applicationId);
    expect(asked[1]?.previousHash).toBe(images[0]?.meta.hash);
  });

  it("shows the cabinet reader's live picture, and says in the officer's words when there is no reader", async () => {
    await expect
      .poll(
        async () => {
          const preview = await counter.call('fingerprintPreview', {});
          return preview.ok
            ? (preview.value as { jpeg: string | null }).jpeg?.slice(0, 4)
            : preview.error.code;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe('/9j/'); // a JPEG, base64
    // A counter whose reader is unplugged: nothing answers on its port.
    const unplugged = new FingerprintReaders(
      ownReaderConfig({ transport: 'sbi', ports: { from: 1, to: 1 } }),
    );
    const without = withOwnFingerprintReader(hubClient(t.hub.url, token), unplugged);
    const preview = await without.call('fingerprintPreview', {});
    expect(preview.ok).toBe(false);
    expect(preview.ok ? null : preview.error).toMatchObject({
      code: 'DEVICE_ERROR',
      details: { sbiCode: 'no_device' },
    });
    await unplugged.close();
  });

  it("ends the interview and prints the receipt on the printer in the counter's own cabinet", async () => {
    const printer = await PrinterSimulator.start();
    const manager = new DeviceManager(
      {
        ticketPrinter: { transport: 'tcp', host: '127.0.0.1', port: printer.port },
        scanner: { transport: 'wedge' },
      },
      { printerPollMs: 100 },
    );
    await manager.start();
    const cabinet = withOwnDevices(counter, manager, { log: () => undefined });
    try {
      const documents = ['ktp', 'kk', 'akta_ijazah_nikah'].map((id) => ({ id, seen: true, note: '' }));
      const tiny = encodeGrayJpeg({ width: 7, height: 9, pixels: new Uint8Array(63).fill(200) }).toString(
        'base64',
      );
      const checks = [{ id: 'oneFace', passed: true }];
      for (const [operation, input] of [
        ['recordInterview', { applicationId, documents, nikOnKtp: null, notes: '' }],
        ['saveFacePhoto', { applicationId, jpeg: tiny, checks, override: null }],
        ['finishInterview', { applicationId, outcome: 'continue', reason: null, pickupOverride: null }],
      ] as const) {
        const answer = await cabinet.hub.call(operation, input);
        expect(answer.ok, `${operation}: ${JSON.stringify(answer)}`).toBe(true);
      }
      const printed = await cabinet.hub.call('printReceipt', { applicationId });
      expect(printed.ok && (printed.value as { printed: boolean }).printed).toBe(true);
      const [job] = await printer.waitForJobs(1);
      expect(job?.decoded.text.join('\n')).toContain('Jumat, 4 Desember 2026');
      expect(job?.decoded.qr).toEqual([
        expect.stringMatching(
          new RegExp(`^LOKET:R:DPS:${t.hub.store.applications.find(applicationId)?.number}:[0-9a-f]{32}$`),
        ),
      ]);
      expect(t.hub.store.applications.find(applicationId)?.receiptPrints).toBe(1);
    } finally {
      cabinet.stop();
      await manager.close();
      await printer.stop();
    }
  });
});
