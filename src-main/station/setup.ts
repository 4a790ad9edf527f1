import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import { commandLine } from '../services/context.ts';
import { hubConfirmation, pairingKey, pairingProof, sameSecret } from '../services/pairingProof.ts';
import { addStation, hashToken, normalisePairingCode } from '../services/stations.ts';
import { openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { stationModes } from '../domain/roles.ts';
import { fingerprintSchema, hubUrlSchema, type StationConfig } from './config.ts';
import { isLoopback } from '../api/loopback.ts';
import { certificateChanged, hubFetch, isCertificateChanged, peekFingerprint } from './hubTls.ts';
import { printerConfigSchema, scannerConfigSchema } from '../devices/config.ts';
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
  hub: z.object({ fingerprint: fingerprintSchema, confirmation: z.string().max(100) }).optional(),
});

const notAHub = (): LoketError =>
  new LoketError('INTERNAL', {
    id: 'Jawaban hub tidak dikenali. Apakah alamat itu benar hub Loket?',
    en: 'The hub answered something unexpected. Is that address a Loket hub?',
  });

/**
 * This PC joins a hub on the LAN: the pairing code is traded for the station's token. To an https
 * hub the code is never sent: the station reads the certificate the hub shows, proves it holds the
 * code for that certificate (a man in the middle showing its own gets a proof the hub refuses, and
 * cannot turn back into the code), checks the hub's confirmation that it holds the code too, and
 * pins the certificate from then on.
 */
export async function joinHub(input: Extract<SetupInput, { role: 'join' }>): Promise<StationConfig> {
  const unreachable = new LoketError('INTERNAL', {
    id: `Hub di ${input.hubUrl} tidak dapat dihubungi. Periksa alamat dan jaringan.`,
    en: `Cannot reach the hub at ${input.hubUrl}. Check the address and the network.`,
  });
  const overTls = input.hubUrl.startsWith('https:');
  if (!overTls && !isLoopback(new URL(input.hubUrl).hostname)) {
    // A hub on another PC always serves TLS; a station never sends a code or a token in clear.
    throw new LoketError('INVALID_INPUT', {
      id: `Alamat hub di jaringan diawali https://, misalnya ${input.hubUrl.replace(/^http:/, 'https:')}.`,
      en: `A hub on the network is reached with https://, e.g. ${input.hubUrl.replace(/^http:/, 'https:')}.`,
    });
  }
  let fingerprint: string | undefined;
  let key: Buffer | undefined;
  if (overTls) {
    fingerprint = await peekFingerprint(input.hubUrl).catch(() => {
      throw unreachable;
    });
    key = await pairingKey(hashToken(normalisePairingCode(input.code)));
  }
  let response: Response;
  try {
    response = await hubFetch(fingerprint ? { fingerprint } : undefined)(`${input.hubUrl}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        key && fingerprint ? { proof: pairingProof(key, fingerprint) } : { code: input.code },
      ),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    if (isCertificateChanged(error)) throw new LoketError('CERTIFICATE_CHANGED', certificateChanged);
    throw unreachable;
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
  if (!answer.success) throw notAHub();
  const { station, token, hub } = answer.data;
  if (key && fingerprint) {
    // The token came down the connection pinned to `fingerprint`; the confirmation shows it was
    // made by a hub that holds the code, for that very certificate.
    const confirmed =
      hub?.fingerprint === fingerprint &&
      sameSecret(hub.confirmation, hubConfirmation(key, fingerprint, token));
    if (!confirmed) {
      throw new LoketError('CERTIFICATE_CHANGED', {
        id: 'Hub tidak dapat membuktikan bahwa ia yang mengeluarkan kode ini. Jangan pakai jaringan ini; minta kode baru di hub.',
        en: 'The hub could not prove it issued this code. Do not trust this network; ask the hub for a new code.',
      });
    }
  }
  return {
    version: 1,
    mode: station.mode,
    name: station.name,
    hub: { role: 'remote', url: input.hubUrl, ...(fingerprint ? { fingerprint } : {}) },
    station: { id: station.id, token },
    devices: { ticketPrinter: input.ticketPrinter, scanner: input.scanner ?? { transport: 'wedge' } },
    exitPin: hashPin(input.pin),
  };
}
