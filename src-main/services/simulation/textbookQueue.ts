import {
  mmcInput,
  runMmcReplication,
  summariseMmc,
  type MmcReplication,
  type MmcSummary,
} from '../../domain/simulation/mmc.ts';
import { LoketError } from '../../domain/errors.ts';

/**
 * `loket simulate --model mmc`: validates the request, runs its replications (seeds s, s+1, …) one
 * after another in this process, and summarises them. It reads and writes nothing: no database, no
 * file, no clock. `progress` hears after each replication (a console's bar, later).
 */
export function simulateTextbookQueue(
  request: unknown,
  progress?: (done: number, total: number) => void,
): MmcSummary {
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
  const replications: MmcReplication[] = [];
  for (let i = 0; i < input.seeds; i += 1) {
    replications.push(runMmcReplication(input, input.seed + i));
    progress?.(i + 1, input.seeds);
  }
  return summariseMmc(input, replications);
}
