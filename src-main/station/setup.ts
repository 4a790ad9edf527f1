import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import { commandLine } from '../services/context.ts';
import { addStation } from '../services/stations.ts';
import { openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { stationModes } from '../store/stations.ts';
import { hubUrlSchema, type StationConfig } from './config.ts';
import { printerConfigSchema, scannerConfigSchema } from './devices/config.ts';
import { hashPin, pinPattern } from './exitPin.ts';

/** The port a hub listens on when other stations join it over the LAN. */
export const lanHubPort = 8450;

const pin = z.string().regex(pinPattern, 'a PIN is 6 to 12 digits');

/** What the set-up screen sends: this PC is the hub, or it joins a hub with a pairing code. */
export const setupInput = z.discriminatedUnion('role', [
  z
    .object({
      role: z.literal('hub'),
      mode: z.enum(stationModes),
      name: z.string().trim().min(1).max(80),
      /** Other stations will join this PC's hub over the LAN. */
      lan: z.boolean(),
      ticketPrinter: printerConfigSchema.nullable(),
      scanner: scannerConfigSchema.optional(),
      pin,
    })
    .strict(),
  z
    .object({
      role: z.literal('join'),
      hubUrl: hubUrlSchema,
      code: z.string().trim().min(8).max(20),
      ticketPrinter: printerConfigSchema.nullable(),
      scanner: scannerConfigSchema.optional(),
      pin,
    })
    .strict(),
]);
export type SetupInput = z.infer<typeof setupInput>;

export const floorDataDir = (userDataDir: string): string => path.join(userDataDir, 'floor');
/** A station joined to a hub elsewhere keeps its replica and outbox here. */
export const stationDataDir = (userDataDir: string): string => path.join(userDataDir, 'station');

/** This PC runs the floor hub: the station is added to its own floor database. */
export function setUpAsHub(
  input: Extract<SetupInput, { role: 'hub' }>,
  userDataDir: string,
  clock: Clock,
): StationConfig {
  const store = new Store(openDatabase(floorDataDir(userDataDir)));
  try {
    const ctx = { store, clock };
    const { station, token } = addStation(ctx, commandLine, { name: input.name, mode: input.mode });
    if (input.ticketPrinter) store.stations.setTicketPrinter(station.id, input.ticketPrinter);
    if (input.scanner) store.stations.setScanner(station.id, input.scanner);
    return {
      version: 1,
      mode: input.mode,
      name: station.name,
      hub: {
        role: 'local',
        listen: input.lan ? { host: '0.0.0.0', port: lanHubPort } : { host: '127.0.0.1', port: 0 },
      },
      station: { id: station.id, token },
      devices: { ticketPrinter: input.ticketPrinter, scanner: input.scanner ?? { transport: 'wedge' } },
      exitPin: hashPin(input.pin),
    };
  } finally {
    store.close();
  }
}

const pairAnswer = z.object({
  station: z.object({ id: z.uuid(), name: z.string().min(1).max(80), mode: z.enum(stationModes) }),
  token: z.string().min(20).max(200),
});

/** This PC joins a hub on the LAN: the pairing code is traded for the station's token. */
export async function joinHub(input: Extract<SetupInput, { role: 'join' }>): Promise<StationConfig> {
  let response: Response;
  try {
    response = await fetch(`${input.hubUrl}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new LoketError('INTERNAL', {
      id: `Hub di ${input.hubUrl} tidak dapat dihubungi. Periksa alamat dan jaringan.`,
      en: `Cannot reach the hub at ${input.hubUrl}. Check the address and the network.`,
    });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: Bilingual } } | null)?.error;
    throw new LoketError(error?.code === 'TOO_MANY_ATTEMPTS' ? 'TOO_MANY_ATTEMPTS' : 'UNAUTHORIZED', {
      id: error?.message?.id ?? 'Hub menolak kode pasangan.',
      en: error?.message?.en ?? 'The hub refused the pairing code.',
    });
  }
  const answer = pairAnswer.safeParse(body);
  if (!answer.success) {
    throw new LoketError('INTERNAL', {
      id: 'Jawaban hub tidak dikenali. Apakah alamat itu benar hub Loket?',
      en: 'The hub answered something unexpected. Is that address a Loket hub?',
    });
  }
  return {
    version: 1,
    mode: answer.data.station.mode,
    name: answer.data.station.name,
    hub: { role: 'remote', url: input.hubUrl },
    station: { id: answer.data.station.id, token: answer.data.token },
    devices: { ticketPrinter: input.ticketPrinter, scanner: input.scanner ?? { transport: 'wedge' } },
    exitPin: hashPin(input.pin),
  };
}
