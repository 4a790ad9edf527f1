import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src-main/domain/clock.ts';
import { hubClient } from '../../src-main/station/hubClient.ts';
import { Replica } from '../../src-main/station/runtime/replica.ts';
import { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import { openReplicaDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { loketBin, projectRoot } from './hub.ts';
import { FaultProxy } from './proxy.ts';

export interface StationProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** POST /api/<operation> on the station's own door. */
  call(operation: string, input: unknown): Promise<{ status: number; body: any }>;
  status(): Promise<{
    online: boolean;
    pending: number;
    refused: number;
    leasedLeft: number;
    cursor: number | null;
  }>;
}

/** Starts `loket station run` as its own process and waits for the address it prints. */
export async function spawnStation(
  dataDir: string,
  hubUrl: string,
  token: string,
  env: Record<string, string> = {},
): Promise<StationProcess> {
  const child = spawn(
    process.execPath,
    [loketBin, 'station', 'run', '--data', dataDir, '--hub', hubUrl, '--port', '0'],
    { env: { ...process.env, LOKET_STATION_TOKEN: token, ...env }, cwd: projectRoot },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start: ${output}`)), 30_000);
    child.stdout?.on('data', () => {
      const match = /station listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.on('exit', (code) => reject(new Error(`station exited with ${code}: ${output}`)));
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    child,
    url,
    output: () => output,
    async call(operation, input) {
      const response = await fetch(`${url}/api/${operation}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
    async status() {
      return (await (await fetch(`${url}/status`, { headers })).json()) as Awaited<
        ReturnType<StationProcess['status']>
      >;
    },
  };
}

/** Polls until `ready` holds, failing with `what` after `timeoutMs`. */
export async function until(
  what: string,
  ready: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A station PC's runtime in this process, reaching the hub at `hubUrl` (a fault proxy, mostly),
 * with its replica in `dir` and short waits so that faults play out in a test's time.
 */
export function runtimeAt(
  dir: string,
  hubUrl: string,
  token: string,
  clock: Clock,
): { store: Store; runtime: StationRuntime } {
  const store = new Store(openReplicaDatabase(dir), { replica: true });
  const runtime = new StationRuntime({
    replica: new Replica(store),
    hub: hubClient(hubUrl, token),
    token,
    clock,
    onlineTimeoutMs: 1000,
    retryDelaysMs: [100],
    followDelaysMs: [100],
  });
  return { store, runtime };
}

export interface StationPc {
  runtime: StationRuntime;
  store: Store;
  /** The station's line to the hub, to drop, stall or pass. */
  proxy: FaultProxy;
  close(): Promise<void>;
}

/** A station PC in this process, its replica in a folder of its own, reaching `hubPort` through a fault proxy. */
export async function stationPc(hubPort: number, token: string, clock: Clock): Promise<StationPc> {
  const proxy = await FaultProxy.start(hubPort);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-station-'));
  const { store, runtime } = runtimeAt(dir, proxy.url, token, clock);
  return {
    runtime,
    store,
    proxy,
    async close() {
      await runtime.stop();
      store.close();
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the runtime answered an operation, which must have succeeded. */
export async function answered(
  runtime: StationRuntime,
  operation: string,
  input: unknown = {},
): Promise<any> {
  const answer = await runtime.call(operation, input);
  if (!answer.ok) throw new Error(`${operation}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}
