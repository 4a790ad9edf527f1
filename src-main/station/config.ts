import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { stationModes } from '../domain/roles.ts';
import { stationDevicesSchema } from '../devices/config.ts';
import { fingerprintReaderConfigSchema } from '../devices/fingerprintReaders.ts';

/** A hub address a station may be given: http(s), a host, an optional port, nothing else. */
export const hubUrlSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not an address like http://10.0.0.5:8450' });
      return z.NEVER;
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'a hub address is http(s)://HOST[:PORT]' });
      return z.NEVER;
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'a hub address has no path, query or fragment' });
      return z.NEVER;
    }
    return url.origin;
  });

/** `AB:CD:…`, the 32 bytes of a SHA-256 certificate fingerprint. */
export const fingerprintSchema = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

const pinHashSchema = z
  .object({ salt: z.string().regex(/^[0-9a-f]{32}$/), hash: z.string().regex(/^[0-9a-f]{128}$/) })
  .strict();

/**
 * What a station PC is: its mode, which hub it belongs to (the floor hub runs on this PC, or
 * elsewhere on the LAN), its station credentials, its devices, and the hashed supervisor PIN that
 * lets staff close a public station. Written once by the set-up screen.
 */
export const stationConfigSchema = z
  .object({
    version: z.literal(1),
    mode: z.enum(stationModes),
    name: z.string().min(1).max(80),
    hub: z.discriminatedUnion('role', [
      z
        .object({
          role: z.literal('local'),
          /** 127.0.0.1 for a single PC; 0.0.0.0 when other stations join this hub. */
          listen: z.object({
            host: z.enum(['127.0.0.1', '0.0.0.0']),
            port: z.number().int().min(0).max(65535),
          }),
        })
        .strict(),
      z
        .object({
          role: z.literal('remote'),
          url: hubUrlSchema,
          /**
           * The SHA-256 fingerprint of the certificate the hub showed when this station paired over
           * TLS: every later connection must show the same one (station/hubTls.ts). Absent for a
           * plain-HTTP hub (and in files written before TLS).
           */
          fingerprint: fingerprintSchema.optional(),
        })
        .strict(),
    ]),
    station: z.object({ id: z.uuid(), token: z.string().min(20).max(200) }).strict(),
    devices: stationDevicesSchema,
    /** An interview counter's fingerprint reader in this PC's cabinet (SBI on loopback, or the simulator). */
    fingerprintReader: fingerprintReaderConfigSchema.optional(),
    exitPin: pinHashSchema,
  })
  .strict();

export type StationConfig = z.infer<typeof stationConfigSchema>;

export type LoadedConfig =
  { state: 'ok'; config: StationConfig } | { state: 'missing' } | { state: 'invalid'; problem: string };

export const stationConfigFile = (userDataDir: string): string => path.join(userDataDir, 'station.json');

/** Reads the station's configuration; a missing or broken file sends the PC to the set-up screen. */
export function loadStationConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'invalid', problem: `${file} is not JSON` };
  }
  const parsed = stationConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { state: 'invalid', problem: `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  return { state: 'ok', config: parsed.data };
}

/** The last good configuration, kept beside it: a damaged `station.json` is started from it. */
export const stationConfigBackup = (file: string): string => `${file}.bak`;

/**
 * Writes the configuration readable by this user only (it holds the station token), through a
 * temporary file and a rename, so a crash never leaves half a file; and the same beside it as the
 * last good copy (`station.json.bak`).
 */
export function saveStationConfig(file: string, config: StationConfig): void {
  writeConfig(file, config);
  writeConfig(stationConfigBackup(file), config);
}

function writeConfig(file: string, config: StationConfig): void {
  const checked = stationConfigSchema.parse(config);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(handle, `${JSON.stringify(checked, null, 2)}\n`);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
}
