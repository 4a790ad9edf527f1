import { expect } from 'vitest';
import type { Store } from '../../src-main/store/store.ts';
import { until } from './station.ts';

/** Every row of every table: what an operation that only reads must leave as it was. */
export function wholeFloor(store: Store): Record<string, unknown[]> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, store.db.prepare(`SELECT * FROM "${table}"`).all()]),
  );
}

/**
 * Polls a console run (`simulationRun`, `quotaPlanRun`) until it is no longer running, within
 * `ms`; each view polled is handed to `seen` first, and the last one is answered.
 */
export async function finishedRun<View extends { state: string }>(
  poll: () => Promise<{ status: number; body: View }>,
  ms: number,
  seen: (view: View) => void = () => undefined,
): Promise<View> {
  let last: View | null = null;
  await until(
    'the console run to finish',
    async () => {
      const reply = await poll();
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      last = reply.body;
      seen(reply.body);
      return reply.body.state !== 'running';
    },
    ms,
  );
  return last as unknown as View;
}
