import { Worker } from 'node:worker_threads';

/**
 * Runs one result per seed (`first`, `first` + 1, …), in this thread or shared among worker
 * threads (`replicationWorker.mjs`, which loads the TypeScript through tsx as `bin/loket.js` does).
 * Each worker takes the next seed as it finishes one; results are kept by seed, not by arrival, so
 * the answer is the same whichever way it ran.
 */
export function runSeeds<R>(job: {
  first: number;
  count: number;
  threads: number;
  /** What each worker is given once: the model and its validated input. */
  workerData: unknown;
  /** The same work in this thread. */
  here: (seed: number) => R;
  progress?: ((done: number, total: number) => void) | undefined;
  /** Stops the run between seeds (a console's cancel); the promise rejects with its reason. */
  signal?: AbortSignal | undefined;
}): Promise<R[]> {
  const { first, count, progress, signal } = job;
  const threads = Math.min(job.threads, count);
  if (threads <= 1) {
    return (async () => {
      const results: R[] = [];
      for (let i = 0; i < count; i += 1) {
        signal?.throwIfAborted();
        results.push(job.here(first + i));
        progress?.(i + 1, count);
        // Lets a hub answer other calls between seeds of a long run.
        if (signal) await new Promise((resolve) => setImmediate(resolve));
      }
      return results;
    })();
  }
  return new Promise((resolve, reject) => {
    const results = new Array<R>(count);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let over = false;
    const finish = (error?: unknown) => {
      if (over) return;
      over = true;
      signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(results);
    };
    const onAbort = () => finish(signal?.reason ?? new Error('the simulation was stopped'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    for (let t = 0; t < threads; t += 1) {
      const worker = new Worker(new URL('./replicationWorker.mjs', import.meta.url), {
        workerData: job.workerData,
      });
      workers.push(worker);
      let current = -1;
      const give = () => {
        if (next >= count) return;
        current = next;
        next += 1;
        worker.postMessage(first + current);
      };
      worker.on('message', (result: R) => {
        results[current] = result;
        done += 1;
        progress?.(done, count);
        if (done === count) finish();
        else give();
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a simulation worker stopped early (exit code ${code})`)));
      give();
    }
  });
}
