import { parentPort, workerData } from 'node:worker_threads';
import { mmcInput, runMmcReplication } from '../../domain/simulation/mmc.ts';

// One worker of `simulateTextbookQueue`: given the model once, it answers each seed it is sent
// with that seed's replication.
const input = mmcInput.parse((workerData as { input: unknown }).input);
parentPort?.on('message', (seed: number) => {
  parentPort?.postMessage(runMmcReplication(input, seed));
});
