import { parentPort, workerData } from 'node:worker_threads';
import { floorDayInput, runFloorDay, type FloorDayInput } from '../../domain/simulation/floorDay.ts';
import type { ResolvedPolicy } from '../../domain/simulation/policies.ts';
import { dayWithQuota, plannerOutcome, type LaneQuota } from '../../domain/simulation/quotaPlanner.ts';

// One worker of a quota plan: given the day and the policy once, it answers each (quota, seed) it is
// sent with that seed's day under that quota. The day of the last quota asked is kept: a candidate's
// seeds come one after another.
const data = workerData as { input: unknown; policy: ResolvedPolicy };
const input = floorDayInput.parse(data.input);
let last: { key: string; day: FloorDayInput } | null = null;
parentPort?.on('message', (job: { quota: LaneQuota; seed: number }) => {
  const key = JSON.stringify(job.quota);
  if (last?.key !== key) last = { key, day: dayWithQuota(input, job.quota) };
  parentPort?.postMessage(plannerOutcome(runFloorDay(last.day, data.policy, job.seed, { keepVisits: true })));
});
