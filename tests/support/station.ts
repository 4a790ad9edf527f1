import { spawn, type ChildProcess } from 'node:child_process';
import type { Clock } from '../../src-main/domain/clock.ts';
import { hubClient } from '../../src-main/station/hubClient.ts';
import { Replica } from '../../src-main/station/runtime/replica.ts';
import { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import { openReplicaDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { loketBin, projectRoot } from './hub.ts';

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
  const store = new Store(openReplicaDatabase(dir));
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
