import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleDesktop } from '../../../scripts/bundle.js';
import { defaultOfficeConfig } from '../../../src-main/domain/office.ts';
import { runFloorDay } from '../../../src-main/domain/simulation/floorDay.ts';
import { sourceRoot } from '../../../src-main/runtime/resourcePaths.ts';
import { readShippedCalendar } from '../../../src-main/services/calendarFiles.ts';
import { floorDayFor, policiesNamed } from '../../../src-main/services/simulation/floorDay.ts';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-bundle-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the desktop app’s bundles', () => {
  it('build with no warning, and the simulator’s worker runs from beside the main bundle', async () => {
    const warnings = await bundleDesktop(sourceRoot, out);
    expect(warnings.map((w) => w.text)).toEqual([]);
    for (const file of ['main.mjs', 'preload.cjs', 'replicationWorker.mjs', 'quotaPlannerWorker.mjs'])
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    // The main bundle finds its workers where it is (import.meta.url of dist-electron/main.mjs).
    expect(fs.readFileSync(path.join(out, 'main.mjs'), 'utf8')).toContain('./replicationWorker.mjs');

    const calendar = readShippedCalendar(path.join(sourceRoot, 'resources/calendars'), 2026);
    const input = floorDayFor(
      { office: defaultOfficeConfig, calendar: calendar.state === 'ok' ? calendar.calendar.days : [] },
      { date: '2026-12-08' },
    );
    const policies = policiesNamed(['window', 'fifo'], input);
    const worker = new Worker(path.join(out, 'replicationWorker.mjs'), {
      workerData: { model: 'floor', input, policies },
    });
    try {
      worker.postMessage(3);
      const [answer] = (await once(worker, 'message')) as [unknown];
      expect(answer).toEqual(policies.map((policy) => runFloorDay(input, policy, 3)));
    } finally {
      await worker.terminate();
    }
  }, 120_000);
});
