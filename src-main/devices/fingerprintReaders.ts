import { z } from 'zod';
import {
  discoverSbiDevices,
  pickRegistrationReader,
  readerOptions,
} from '../../drivers/fingerprint/discovery.ts';
import { fail } from '../../drivers/fingerprint/errors.ts';
import type { FingerprintReader, Preview, PreviewFrame } from '../../drivers/fingerprint/reader.ts';
import { openSbiReader } from '../../drivers/fingerprint/sbiReader.ts';
import { SbiSimulator } from '../../drivers/fingerprint/simulator.ts';

/**
 * A station's fingerprint reader as configured (`loket station fingerprint`): an SBI device
 * service found by discovery on this machine's loopback ports, or the simulator (training, tests),
 * which is itself a real SBI service on loopback, so both go through the same client.
 */
export const fingerprintReaderConfigSchema = z.discriminatedUnion('transport', [
  z
    .object({
      transport: z.literal('sbi'),
      ports: z
        .object({ from: z.number().int().min(1).max(65535), to: z.number().int().min(1).max(65535) })
        .strict()
        .refine((p) => p.from <= p.to && p.to - p.from <= 1000, 'from ≤ to, at most 1000 ports')
        .optional(),
    })
    .strict(),
  z.object({ transport: z.literal('simulator') }).strict(),
]);
export type FingerprintReaderConfig = z.infer<typeof fingerprintReaderConfigSchema>;

/** `sbi`, `sbi://127.0.0.1:4501-4600` or `simulator`, as the command line takes it. */
export function fingerprintReaderAddress(text: string): FingerprintReaderConfig {
  if (text === 'simulator') return { transport: 'simulator' };
  if (text === 'sbi') return { transport: 'sbi' };
  const match = /^sbi:\/\/(?:127\.0\.0\.1|localhost):(\d{1,5})(?:-(\d{1,5}))?\/?$/.exec(text);
  if (!match)
    throw new Error(
      `not a fingerprint reader address: ${text} (sbi, sbi://127.0.0.1:4501-4600 or simulator)`,
    );
  const from = Number(match[1]);
  return fingerprintReaderConfigSchema.parse({
    transport: 'sbi',
    ports: { from, to: Number(match[2] ?? from) },
  });
}

interface Held {
  key: string;
  reader: FingerprintReader;
  simulator: SbiSimulator | null;
}

/**
 * The fingerprint readers of the stations this runtime serves, opened on first use and kept. A
 * reader that lost its device is found again by discovery at the next capture.
 */
export class FingerprintReaders {
  private readonly held = new Map<string, Held>();
  private readonly opening = new Map<string, Promise<Held>>();
  private readonly previews = new Map<
    string,
    { preview: Preview; latest: PreviewFrame | null; askedAt: number; startedAt: number; error: unknown }
  >();
  /** A preview nobody has looked at for this long is stopped (ms). */
  private readonly previewIdleMs = 5_000;
  /** A preview without a new frame for this long means the reader is gone (ms). */
  private readonly previewStaleMs = 3_000;

  constructor(private readonly configOf: (stationId: string) => unknown) {}

  /** The station's configuration, or null when it has no (valid) reader configured. */
  config(stationId: string): FingerprintReaderConfig | null {
    const parsed = fingerprintReaderConfigSchema.safeParse(this.configOf(stationId));
    return parsed.success ? parsed.data : null;
  }

  async readerFor(stationId: string): Promise<FingerprintReader> {
    const config = this.config(stationId);
    if (!config) throw fail('no_device', 'no fingerprint reader is configured for this station');
    const key = JSON.stringify(config);
    const held = this.held.get(stationId);
    if (held && held.key === key && held.reader.status !== 'disconnected') return held.reader;
    if (held) await this.drop(stationId);
    let opening = this.opening.get(stationId);
    if (!opening) {
      opening = this.open(key, config).finally(() => this.opening.delete(stationId));
      this.opening.set(stationId, opening);
    }
    const opened = await opening;
    this.held.set(stationId, opened);
    return opened.reader;
  }

  /**
   * The latest frame of the reader's live picture, for the officer guiding the hand: the preview
   * stream opens at the first ask and stops by itself once the screen stops asking.
   */
  async previewFrame(stationId: string): Promise<PreviewFrame | null> {
    const running = this.previews.get(stationId);
    if (running?.error) {
      // The stream ended on a problem: the screen hears it once, and the next ask starts anew.
      this.previews.delete(stationId);
      throw running.error;
    }
    if (running) {
      const now = Date.now();
      // A reader that stopped sending frames (unplugged mid-stream) is lost, not still.
      if (now - (running.latest?.at ?? running.startedAt) > this.previewStaleMs) {
        this.previews.delete(stationId);
        running.preview.stop();
        throw fail('device_lost', 'no frame of the live picture for a while');
      }
      running.askedAt = now;
      return running.latest;
    }
    const reader = await this.readerFor(stationId);
    const entry = {
      preview: reader.preview(),
      latest: null as PreviewFrame | null,
      askedAt: Date.now(),
      startedAt: Date.now(),
      error: null as unknown,
    };
    this.previews.set(stationId, entry);
    let idled = false;
    const idle = setInterval(() => {
      if (Date.now() - entry.askedAt <= this.previewIdleMs) return;
      idled = true;
      entry.preview.stop();
    }, 1_000);
    idle.unref();
    void (async () => {
      try {
        for await (const frame of entry.preview) entry.latest = frame;
        // A stream nobody stopped ended because the reader went away (unplugged, service stopped).
        if (idled) this.previews.delete(stationId);
        else entry.error = fail('device_lost', 'the live picture ended');
      } catch (error) {
        // The reader went away or refused a stream: kept for the screen's next ask.
        entry.error = error;
      } finally {
        clearInterval(idle);
      }
    })();
    return null;
  }

  /** The simulator behind a station's reader, for training controls and tests. */
  async simulatorOf(stationId: string): Promise<SbiSimulator | null> {
    if (this.config(stationId)?.transport !== 'simulator') return null;
    await this.readerFor(stationId);
    return this.held.get(stationId)?.simulator ?? null;
  }

  private async open(key: string, config: FingerprintReaderConfig): Promise<Held> {
    const simulator = config.transport === 'simulator' ? await SbiSimulator.start({ port: 0 }) : null;
    try {
      const ports = simulator
        ? { from: simulator.port, to: simulator.port }
        : config.transport === 'sbi'
          ? config.ports
          : undefined;
      const devices = await discoverSbiDevices(ports ? { ports } : {});
      const reader = openSbiReader(readerOptions(pickRegistrationReader(devices)));
      return { key, reader, simulator };
    } catch (error) {
      await simulator?.stop();
      throw error;
    }
  }

  private async drop(stationId: string): Promise<void> {
    this.previews.get(stationId)?.preview.stop();
    const held = this.held.get(stationId);
    this.held.delete(stationId);
    await held?.reader.close().catch(() => undefined);
    await held?.simulator?.stop();
  }

  async close(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.drop(id)));
  }
}
