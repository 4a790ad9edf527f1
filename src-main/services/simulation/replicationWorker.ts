import { parentPort, workerData } from 'node:worker_threads';
import { floorDayInput, runFloorDay } from '../../domain/simulation/floorDay.ts';
import { mmcInput, runMmcReplication } from '../../domain/simulation/mmc.ts';
import type { ResolvedPolicy } from '../../domain/simulation/policies.ts';

// One worker of a simulation: given the model once, it answers each seed it is sent with that
// seed's replication (the textbook queue), or that seed's day under every policy (the floor day).
const data = workerData as { model: 'mmc' | 'floor'; input: unknown; policies?: ResolvedPolicy[] };
if (data.model === 'floor') {
  const input = floorDayInput.parse(data.input);
  const policies = data.policies ?? [];
  parentPort?.on('message', (seed: number) => {
    parentPort?.postMessage(policies.map((policy) => runFloorDay(input, policy, seed)));
  });
} else {
  const input = mmcInput.parse(data.input);
  parentPort?.on('message', (seed: number) => {
    parentPort?.postMessage(runMmcReplication(input, seed));
  });
}
