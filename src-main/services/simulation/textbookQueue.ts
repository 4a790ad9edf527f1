import {
  mmcInput,
  runMmcReplication,
  summariseMmc,
  type MmcReplication,
  type MmcSummary,
} from '../../domain/simulation/mmc.ts';
import { LoketError } from '../../domain/errors.ts';
import { runSeeds } from './seeds.ts';

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
  const replications = await runSeeds<MmcReplication>({
    first: input.seed,
    count: input.seeds,
    threads,
    workerData: { model: 'mmc', input },
    here: (seed) => runMmcReplication(input, seed),
    progress: run.progress,
  });
  return summariseMmc(input, replications);
}
