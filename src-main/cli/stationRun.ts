import path from 'node:path';
import { hubUrlSchema } from '../station/config.ts';
import { clockFromEnvironment } from '../station/clock.ts';
import { hubClient } from '../station/hubClient.ts';
import { serveLocalApi } from '../station/runtime/localApi.ts';
import { Replica } from '../station/runtime/replica.ts';
import { StationRuntime } from '../station/runtime/runtime.ts';
import { openReplicaDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';

export class StationRunUsage extends Error {}

/**
 * `loket station run --data DIR --hub URL [--port N]`: a station without a window of its own (a
 * kiosk PC whose screen is a browser on 127.0.0.1, the fault-injection tests). Its replica and
 * outbox live in DIR; the token comes from LOKET_STATION_TOKEN, never the command line, and a hub on
 * https is pinned to LOKET_HUB_FINGERPRINT.
 */
export async function runStation(options: {
  dataDir: string;
  hub: string | undefined;
  port: number;
}): Promise<number> {
  const token = process.env.LOKET_STATION_TOKEN;
  if (!token) throw new StationRunUsage('set LOKET_STATION_TOKEN to the station token');
  const hubUrl = hubUrlSchema.safeParse(options.hub ?? '');
  if (!hubUrl.success) throw new StationRunUsage('--hub http(s)://HOST:PORT is required');
  // A hub on https is reached only with the certificate pinned at pairing (its SHA-256 fingerprint).
  const fingerprint = process.env.LOKET_HUB_FINGERPRINT?.trim();
  if (hubUrl.data.startsWith('https:') && !fingerprint)
    throw new StationRunUsage('set LOKET_HUB_FINGERPRINT to the hub certificate fingerprint it printed');
  const pin = fingerprint ? { fingerprint } : undefined;
  const store = new Store(openReplicaDatabase(path.resolve(options.dataDir)), { replica: true });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const runtime = new StationRuntime({
    replica: new Replica(store),
    hub: hubClient(hubUrl.data, token, { pin }),
    token,
    pin,
    clock: clockFromEnvironment(),
    log,
    ...(process.env.LOKET_ONLINE_TIMEOUT_MS
      ? { onlineTimeoutMs: Number(process.env.LOKET_ONLINE_TIMEOUT_MS) }
      : {}),
    ...(process.env.LOKET_RETRY_MS
      ? {
          retryDelaysMs: [Number(process.env.LOKET_RETRY_MS)],
          followDelaysMs: [Number(process.env.LOKET_RETRY_MS)],
        }
      : {}),
  });
  // Stopping ends the runtime's start too: a station that never reached its hub stops at once.
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      stopping = true;
      void runtime.stop();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const local = await serveLocalApi(runtime, token, options.port);
  log(`Loket station reaching its hub at ${hubUrl.data}…`);
  await Promise.race([runtime.start(), stopped]);
  if (!stopping)
    process.stdout.write(
      `Loket station listening on ${local.url} (hub ${hubUrl.data}, data ${options.dataDir})\n`,
    );
  await stopped;
  await runtime.stop();
  await local.app.close();
  store.close();
  return 0;
}
