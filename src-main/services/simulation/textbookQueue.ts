import { Worker } from 'node:worker_threads';
import {
  mmcInput,
  runMmcReplication,
  summariseMmc,
  type MmcInput,
  type MmcReplication,
  type MmcSummary,
} from '../../domain/simulation/mmc.ts';
import { LoketError } from '../../domain/errors.ts';

export interface SimulationRun {
  /** Worker threads to share the replications among; 1 (the default) runs them in this thread. */
  threads?: number;
  /** Hears after each replication (a console's bar, later). */
  progress?: (done: number, total: number) => void;
}

/** The most threads a run may ask for: a floor PC has a few cores, and each thread holds a model. */
export const maxSimulationThreads = 16;

/**
 * `loket simulate --model mmc`: validates the request, runs its replications (seeds s, s+1, …) in
 * this thread or shared among worker threads, and summarises them in seed order, so the answer is
 * the same whichever way it ran. It reads and writes nothing: no database, no file, no clock.
 */
export async function simulateTextbookQueue(request: unknown, run: SimulationRun = {}): Promise<MmcSummary> {
  const checked = mmcInput.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = String(issue?.path[0] ?? 'input');
    const message = issue?.message ?? 'not valid';
    throw new LoketError(
      'INVALID_INPUT',
      { id: `Masukan simulasi tidak sah (${field}).`, en: `${field}: ${message}` },
      { field, message },
    );
  }
  const input = checked.data;
  const threads = run.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > maxSimulationThreads)
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Jumlah utas harus 1–${maxSimulationThreads}.`,
        en: `threads: must be a whole number 1–${maxSimulationThreads}`,
      },
      { field: 'threads', message: `threads must be a whole number 1–${maxSimulationThreads}` },
    );
  const replications =
    Math.min(threads, input.seeds) > 1
      ? await inWorkers(input, Math.min(threads, input.seeds), run.progress)
      : inThisThread(input, run.progress);
  return summariseMmc(input, replications);
}

function inThisThread(input: MmcInput, progress: SimulationRun['progress']): MmcReplication[] {
  const replications: MmcReplication[] = [];
  for (let i = 0; i < input.seeds; i += 1) {
    replications.push(runMmcReplication(input, input.seed + i));
    progress?.(i + 1, input.seeds);
  }
  return replications;
}

/**
 * Each worker (`replicationWorker.mjs`, which loads the TypeScript through tsx as `bin/loket.js`
 * does) takes the next seed as it finishes one; the results are kept by seed, not by arrival.
 */
function inWorkers(
  input: MmcInput,
  threads: number,
  progress: SimulationRun['progress'],
): Promise<MmcReplication[]> {
  return new Promise((resolve, reject) => {
    const results: MmcReplication[] = new Array<MmcReplication>(input.seeds);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    for (let t = 0; t < threads; t += 1) {
      const worker = new Worker(new URL('./replicationWorker.mjs', import.meta.url), {
        workerData: { input },
      });
      workers.push(worker);
      let current = -1;
      const give = () => {
        if (next >= input.seeds) return;
        current = next;
        next += 1;
        worker.postMessage(input.seed + current);
      };
      worker.on('message', (replication: MmcReplication) => {
        results[current] = replication;
        done += 1;
        progress?.(done, input.seeds);
        if (done === input.seeds) finish();
        else give();
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a simulation worker stopped early (exit code ${code})`)));
      give();
    }
  });
}
