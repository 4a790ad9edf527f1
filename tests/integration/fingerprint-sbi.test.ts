import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { readCaptureResponse } from '../../drivers/fingerprint/capture.ts';
import {
  discoverSbiDevices,
  pickRegistrationReader,
  readerOptions,
  type DiscoveredDevice,
} from '../../drivers/fingerprint/discovery.ts';
import { FingerprintError } from '../../drivers/fingerprint/errors.ts';
import { chainHash, chainStart } from '../../drivers/fingerprint/hashChain.ts';
import { decodeFingerImageRecord } from '../../drivers/fingerprint/iso19794.ts';
import type { PreviewFrame } from '../../drivers/fingerprint/reader.ts';
import {
  openSbiReader,
  type SbiFingerprintReader,
  type SbiReaderOptions,
} from '../../drivers/fingerprint/sbiReader.ts';
import { SbiSimulator, type SimulatorOptions } from '../../drivers/fingerprint/simulator.ts';
import { readGrayPng } from '../../drivers/ticket-printer/png.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A simulated reader on the first free port of the range. */
async function simulatorIn(
  ports: { from: number; to: number },
  options: SimulatorOptions = {},
): Promise<SbiSimulator> {
  for (let port = ports.from; port <= ports.to; port++) {
    try {
      const sim = await SbiSimulator.start({ ...options, port });
      cleanups.push(() => sim.stop());
      return sim;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`no free port in ${ports.from}–${ports.to}`);
}

async function simulator(options: SimulatorOptions = {}): Promise<SbiSimulator> {
  const sim = await SbiSimulator.start(options);
  cleanups.push(() => sim.stop());
  return sim;
}

function readerFor(sim: SbiSimulator, options: Partial<SbiReaderOptions> = {}): SbiFingerprintReader {
  const reader = openSbiReader({ port: sim.port, deviceId: '1', deviceSubIds: sim.deviceSubIds, ...options });
  cleanups.push(() => reader.close());
  return reader;
}

async function failure(promise: Promise<unknown>): Promise<FingerprintError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FingerprintError) return error;
    throw error;
  }
  throw new Error('expected the reader to fail');
}

describe('finding the fingerprint readers of a counter PC', () => {
  it('finds two device services on different ports, one of which only takes POST', async () => {
    const slap = await simulator({ serialNo: 'SLAP000000000001' });
    const single = await simulatorIn(
      { from: slap.port + 1, to: slap.port + 50 },
      { deviceSubType: 'Single', deviceId: '7', serialNo: 'SINGLE0000000002' },
    );
    single.set({ refuseCustomVerbs: true });

    const found = await discoverSbiDevices({ ports: { from: slap.port, to: single.port } });

    expect(found.map((d) => [d.port, d.deviceId, d.status, d.purpose, d.deviceSubIds, d.verbs])).toEqual([
      [slap.port, '1', 'Ready', 'Registration', [1, 2, 3], 'custom'],
      [single.port, '7', 'Ready', 'Registration', [0], 'post'],
    ]);
    expect(found.map((d) => d.digitalId && [d.digitalId.serialNo, d.digitalId.deviceSubType])).toEqual([
      ['SLAP000000000001', 'Slap'],
      ['SINGLE0000000002', 'Single'],
    ]);
    // The POST-only service got its capture by POST too, once discovery had learned that.
    const reader = openSbiReader(readerOptions(found[1] as DiscoveredDevice));
    cleanups.push(() => reader.close());
    const result = await reader.capture({ fingers: ['Right Thumb'], requestedScore: 40, timeoutMs: 2000 });
    expect(result.fingers.map((f) => f.finger)).toEqual(['Right Thumb']);
    expect(single.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /device', 'POST /capture']);
  });

  it("finds them across the spec's ports 4501–4600, all asked at once", async () => {
    const first = await simulatorIn({ from: 4501, to: 4600 });
    const second = await simulatorIn({ from: first.port + 1, to: 4600 }, { deviceId: '2' });

    const found = await discoverSbiDevices();

    expect(
      found.filter((d) => [first.port, second.port].includes(d.port)).map((d) => [d.port, d.deviceId]),
    ).toEqual([
      [first.port, '1'],
      [second.port, '2'],
    ]);
    // (Another run of this suite may sweep the same ports meanwhile, so only what this one sent.)
    expect(first.requests).toContainEqual({ method: 'MOSIPDISC', path: '/device' });
  });

  it('says no reader answered when none is plugged in, and skips one that is not registered', async () => {
    const sim = await simulator();
    sim.set({ status: 'Not Registered' });
    const found = await discoverSbiDevices({ ports: { from: sim.port, to: sim.port } });
    expect(found).toMatchObject([{ status: 'Not Registered', purpose: '', problem: { code: 'sbi_100' } }]);

    const error = (() => {
      try {
        pickRegistrationReader(found);
      } catch (e) {
        return e as FingerprintError;
      }
    })();
    expect(error?.problem).toEqual({
      code: 'no_device',
      id: 'Tidak ada pemindai sidik jari yang menjawab. Pastikan pemindai tersambung dan layanan perangkatnya berjalan.',
      en: 'No fingerprint reader answered. Check that it is plugged in and its device service is running.',
    });
    await sim.stop();
    expect(await discoverSbiDevices({ ports: { from: sim.port, to: sim.port } })).toEqual([]);
    expect((await failure(readerFor(sim).info())).code).toBe('no_device');
  });
});

describe('capturing a finger', () => {
  it('at the requested quality: the finger, its quality, a PNG inside its ISO record, and the chained hash', async () => {
    const sim = await simulator();
    sim.set({ qualities: { 'Right IndexFinger': [62] } });
    const reader = readerFor(sim);

    const result = await reader.capture({
      fingers: ['Right IndexFinger'],
      requestedScore: 40,
      timeoutMs: 5000,
    });

    const [finger] = result.fingers;
    expect(result.reachedRequestedScore).toBe(true);
    expect(finger).toMatchObject({ finger: 'Right IndexFinger', quality: 62, signature: 'verified' });
    expect(finger?.image).toMatchObject({ compression: 'png', width: 256, height: 320, ppi: 500 });
    const picture = readGrayPng(finger?.image.bytes ?? new Uint8Array());
    expect([picture.width, picture.height]).toEqual([256, 320]);
    const [record] = decodeFingerImageRecord(finger?.iso ?? new Uint8Array());
    expect(record).toMatchObject({ position: 2, quality: 62, compression: 'png' }); // ISO: right index is 2
    expect(result.hash).toBe(chainHash(chainStart, finger?.iso ?? new Uint8Array()));
    // On a slap reader the right index comes from the right-hand platen; its other fingers are left out.
    expect(sim.captures).toMatchObject([
      {
        fingers: ['Right IndexFinger'],
        deviceSubId: 2,
        exceptions: ['Right MiddleFinger', 'Right RingFinger', 'Right LittleFinger'],
        requestedScore: 40,
        previousHash: chainStart,
      },
    ]);
  });

  it('below the requested quality: the best frame the reader had when the timeout came', async () => {
    const sim = await simulator();
    sim.set({ qualities: { 'Left IndexFinger': [25] } });
    const reader = readerFor(sim);

    const result = await reader.capture({
      fingers: ['Left IndexFinger'],
      requestedScore: 40,
      timeoutMs: 700,
    });

    expect(result.reachedRequestedScore).toBe(false);
    expect(result.fingers.map((f) => [f.finger, f.quality])).toEqual([['Left IndexFinger', 25]]);
  });

  it('three attempts of 25, 35 and 62 chain each capture to the one before', async () => {
    const sim = await simulator();
    sim.set({ qualities: { 'Left IndexFinger': [25, 35, 62] } });
    const reader = readerFor(sim);
    const qualities: number[] = [];
    let previousHash = chainStart;
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await reader.capture({
        fingers: ['Left IndexFinger'],
        requestedScore: 40,
        timeoutMs: 500,
        previousHash,
      });
      qualities.push(result.fingers[0]?.quality ?? -1);
      previousHash = result.hash;
    }
    expect(qualities).toEqual([25, 35, 62]);
    expect(sim.captures.map((c) => c.previousHash).slice(1)).not.toContain(chainStart);
    expect(new Set(sim.captures.map((c) => c.previousHash)).size).toBe(3);
  });

  it('a slap gives each of its four fingers, each image a different finger, chained in order', async () => {
    const sim = await simulator();
    const reader = readerFor(sim);
    const fingers = [
      'Right IndexFinger',
      'Right MiddleFinger',
      'Right RingFinger',
      'Right LittleFinger',
    ] as const;

    const result = await reader.capture({ fingers: [...fingers], requestedScore: 40, timeoutMs: 5000 });

    expect(result.fingers.map((f) => f.finger)).toEqual(fingers);
    expect(new Set(result.fingers.map((f) => f.image.bytes.toString('base64'))).size).toBe(4);
    let previous = chainStart;
    for (const finger of result.fingers) {
      previous = chainHash(previous, finger.iso);
      expect(finger.hash).toBe(previous);
    }
    expect(sim.captures[0]).toMatchObject({ deviceSubId: 2, exceptions: [] });
  });

  it('fingers of two hands in one capture are refused before the reader is asked', async () => {
    const sim = await simulator();
    const error = await failure(
      readerFor(sim).capture({
        fingers: ['Right IndexFinger', 'Left IndexFinger'],
        requestedScore: 40,
        timeoutMs: 1000,
      }),
    );
    expect(error.code).toBe('sbi_109');
    expect(sim.captures).toEqual([]);
  });
});

describe('a reader that cannot capture', () => {
  it('busy: the officer is told to wait, also when another capture is already running', async () => {
    const sim = await simulator();
    sim.set({ status: 'Busy' });
    const reader = readerFor(sim);
    const busy = await failure(
      reader.capture({ fingers: ['Right IndexFinger'], requestedScore: 40, timeoutMs: 1000 }),
    );
    expect(busy.problem).toEqual({
      code: 'sbi_111',
      id: 'Pemindai sedang melayani pengambilan lain. Tunggu sampai selesai, lalu ulangi.',
      en: 'The reader is busy with another capture. Wait for it to finish, then try again.',
    });
    expect(reader.status).toBe('busy');

    sim.set({ status: 'Ready', captureDelayMs: 3000 });
    const started = sim.waitForCapture();
    const first = reader.capture({ fingers: ['Right IndexFinger'], requestedScore: 40, timeoutMs: 5000 });
    await started;
    const second = await failure(
      readerFor(sim).capture({ fingers: ['Left Thumb'], requestedScore: 40, timeoutMs: 5000 }),
    );
    expect(second.code).toBe('sbi_111');
    expect((await first).fingers.map((f) => f.finger)).toEqual(['Right IndexFinger']);
  });

  it('an SBI error code reaches the officer as a message in Bahasa Indonesia and English', async () => {
    const sim = await simulator();
    const reader = readerFor(sim);
    sim.set({ error: { code: 103, info: 'Device tamper detected' } });
    expect(
      (await failure(reader.capture({ fingers: ['Right Thumb'], requestedScore: 40, timeoutMs: 1000 })))
        .problem,
    ).toEqual({
      code: 'sbi_103',
      id: 'Pemindai mendeteksi perusakan perangkat. Jangan dipakai lagi dan lapor ke supervisor.',
      en: 'The reader reports it has been tampered with. Stop using it and tell the supervisor.',
    });
    sim.set({ error: { code: 531, info: 'Sensor too hot' } });
    expect(
      (await failure(reader.capture({ fingers: ['Right Thumb'], requestedScore: 40, timeoutMs: 1000 })))
        .problem,
    ).toMatchObject({
      code: 'sbi_531',
      en: 'The reader reported a vendor error (code 531: Sensor too hot). Try again; if it repeats, call IT.',
    });
  });

  it('a broken hash chain is refused, the images with it', async () => {
    const sim = await simulator();
    sim.set({ brokenHash: true });
    const error = await failure(
      readerFor(sim).capture({ fingers: ['Left Thumb'], requestedScore: 40, timeoutMs: 2000 }),
    );
    expect(error.problem).toMatchObject({
      code: 'hash_chain_broken',
      en: "The capture's hash chain does not match, so it was refused. Capture again and tell the supervisor.",
    });
  });

  it('unplugged in the middle of a capture: reported at once, and not found again until plugged back in', async () => {
    const sim = await simulator();
    sim.set({ captureDelayMs: 20_000 });
    const reader = readerFor(sim);
    const statuses: string[] = [];
    reader.on('status', (status) => statuses.push(status));
    const started = sim.waitForCapture();
    const capturing = reader.capture({ fingers: ['Right Thumb'], requestedScore: 40, timeoutMs: 30_000 });
    await started;

    sim.unplug();

    const error = await failure(capturing);
    expect(error.problem).toMatchObject({
      code: 'device_lost',
      en: 'The connection to the reader was lost. Check its cable, then capture this finger again.',
    });
    expect(statuses).toEqual(['busy', 'disconnected']);
    expect(await discoverSbiDevices({ ports: { from: sim.port, to: sim.port } })).toEqual([]);
    sim.plug();
    sim.set({ captureDelayMs: 100 });
    expect((await reader.info()).status).toBe('ready');
    expect(statuses).toEqual(['busy', 'disconnected', 'ready']);
  });

  it('falling silent in the middle of a capture: the reader gives up after the capture timeout', async () => {
    const sim = await simulator();
    sim.set({ captureDelayMs: 5000 });
    const reader = readerFor(sim, { graceMs: 300 });
    const started = sim.waitForCapture();
    const capturing = reader.capture({ fingers: ['Right Thumb'], requestedScore: 40, timeoutMs: 400 });
    await started;

    sim.unplug('silent');

    expect((await failure(capturing)).code).toBe('timeout');
    expect(reader.status).toBe('disconnected');
  });

  it('an answer altered after the device signed it is refused, and so is a record that is no finger image', async () => {
    const sim = await simulator();
    const body = (transactionId: string) => ({
      env: 'Developer',
      purpose: 'Registration',
      specVersion: '0.9.5',
      timeout: '2000',
      captureTime: new Date().toISOString(),
      transactionId,
      bio: [
        {
          type: 'Finger',
          count: '1',
          bioSubType: ['Left Thumb'],
          exception: ['Right Thumb'],
          requestedScore: '40',
          deviceId: '1',
          deviceSubId: '3',
          previousHash: '',
        },
      ],
      customOpts: null,
    });
    const answer = async (transactionId: string) => {
      const response = await request(`http://127.0.0.1:${sim.port}/capture`, {
        method: 'RCAPTURE',
        body: JSON.stringify(body(transactionId)),
      });
      return (await response.body.json()) as { biometrics: Array<{ data: string; hash: string }> };
    };
    const asked = (transactionId: string) => ({
      transactionId,
      fingers: ['Left Thumb' as const],
      previousHash: chainStart,
      requestedScore: 40,
    });

    const signed = await answer('tx-signed');
    const biometric = signed.biometrics[0] as { data: string; hash: string };
    const [header, payload, signature] = biometric.data.split('.') as [string, string, string];
    const raised = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), qualityScore: '99' };
    biometric.data = `${header}.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${signature}`;
    expect(() => readCaptureResponse(signed, asked('tx-signed'))).toThrow(
      expect.objectContaining({ code: 'signature_invalid' }),
    );

    sim.set({ signed: false }); // an unregistered device sends its data unsigned
    const unsigned = await answer('tx-unsigned');
    expect(readCaptureResponse(unsigned, asked('tx-unsigned')).fingers[0]?.signature).toBe('unsigned');
    const data = unsigned.biometrics[0] as { data: string };
    // A record of the 2005 edition (version 010), whose layout this reader does not take.
    const edition2005 = Buffer.concat([Buffer.from('FIR\x00010\x00', 'latin1'), Buffer.alloc(32)]);
    const notIso = {
      ...JSON.parse(Buffer.from(data.data, 'base64url').toString()),
      bioValue: edition2005.toString('base64url'),
    };
    data.data = Buffer.from(JSON.stringify(notIso)).toString('base64url');
    expect(() => readCaptureResponse(unsigned, asked('tx-unsigned'))).toThrow(
      expect.objectContaining({
        code: 'malformed_response',
        detail: expect.stringContaining('ISO 19794-4 record: version 010'),
      }),
    );
  });
});

describe("the officer's live preview", () => {
  it('shows JPEG frames of the platen until it is stopped', async () => {
    const sim = await simulator({ frameIntervalMs: 50 });
    const reader = readerFor(sim);
    const preview = reader.preview({ deviceSubId: 2 });
    const frames: PreviewFrame[] = [];
    for await (const frame of preview) {
      frames.push(frame);
      if (frames.length === 3) preview.stop();
    }
    expect(frames).toHaveLength(3);
    for (const frame of frames) {
      expect([frame.width, frame.height]).toEqual([160, 200]);
      expect([...frame.jpeg.subarray(0, 2), ...frame.jpeg.subarray(-2)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    }
    expect(sim.requests.at(-1)).toEqual({ method: 'STREAM', path: '/stream' });
  });

  it('of a reader with no device connected says so instead of showing frames', async () => {
    const sim = await simulator();
    sim.set({ status: 'Not Ready' });
    const frames: PreviewFrame[] = [];
    const error = await failure(
      (async () => {
        for await (const frame of readerFor(sim).preview()) frames.push(frame);
      })(),
    );
    expect(frames).toEqual([]);
    expect(error.problem).toMatchObject({
      code: 'sbi_202',
      en: "No reader is connected to the device service. Check the reader's USB cable.",
    });
  });
});
