import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startSidecarSimulator,
  type SidecarSimulator,
} from '../../drivers/passport-printer/sidecarSimulator.ts';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { startHub } from '../../src-main/hub/server.ts';
import { hubLockFileName } from '../../src-main/hub/lock.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { anchorsFile, readAnchors } from '../../src-main/store/anchors.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | null = null;
let sidecar: SidecarSimulator | null = null;
const dirs: string[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await t?.close();
  t = null;
  await sidecar?.stop();
  sidecar = null;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every interval timer started while `run` runs, and whether each was stopped by the end. */
async function intervalsDuring(run: () => Promise<void>): Promise<{ started: number; running: number }> {
  const started = new Set<unknown>();
  const stopped = new Set<unknown>();
  const setInterval = globalThis.setInterval;
  const clearInterval = globalThis.clearInterval;
  vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
    const timer = setInterval(...args);
    started.add(timer);
    return timer;
  }) as typeof setInterval);
  vi.spyOn(globalThis, 'clearInterval').mockImplementation((timer) => {
    stopped.add(timer);
    clearInterval(timer);
  });
  await run();
  return { started: started.size, running: [...started].filter((timer) => !stopped.has(timer)).length };
}

describe('a hub that closes releases what it opened', () => {
  it("closes the print station's passport printer", async () => {
    t = await startTestHub();
    sidecar = await startSidecarSimulator({ port: 0 });
    const { station } = addStation({ store: t.hub.store, clock: t.clock }, commandLine, {
      mode: 'print',
      name: 'Cetak 1',
    });
    t.hub.store.stations.setPassportPrinter(station.id, sidecar.address);
    const printer = t.hub.passportPrinters.printerFor(station.id);
    expect(await printer?.status()).toMatchObject({ state: 'idle' });
    const closed = vi.spyOn(printer as NonNullable<typeof printer>, 'close');
    await t.hub.close();
    expect(closed).toHaveBeenCalledOnce();
  });

  it('stops every timer it started, and anchors the head of its log at start, hourly and at close', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-teardown-'));
    dirs.push(dataDir);
    const clock = new ManualClock(at('2026-11-30', '09:15'));
    const timers = await intervalsDuring(async () => {
      const hub = await startHub({ dataDir, clock, port: 0, anchors: { everyMinutes: 0.001 } });
      const kiosk = () =>
        addStation({ store: hub.store, clock }, commandLine, { mode: 'kiosk', name: 'Kiosk' });
      kiosk();
      await vi.waitFor(() =>
        expect(readAnchors(anchorsFile(dataDir)).anchors.map((a) => a.reason)).toContain('hourly'),
      );
      kiosk();
      await hub.close();
      const last = readAnchors(anchorsFile(dataDir)).anchors.at(-1);
      expect(last).toMatchObject({ reason: 'close', seq: 2 });
      expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(false);
    });
    expect(timers.started).toBeGreaterThanOrEqual(4);
    expect(timers.running).toBe(0);
    expect(fs.statSync(anchorsFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('releases everything when it cannot listen, and leaves no lock behind', async () => {
    t = await startTestHub();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-teardown-'));
    dirs.push(dataDir);
    const timers = await intervalsDuring(async () => {
      await expect(
        startHub({ dataDir, clock: t?.clock as ManualClock, port: t?.hub.port as number, backup: {} }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    });
    expect(timers.running).toBe(0);
    expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(false);
    // A hub that never listened takes no last copy.
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    // Its database is closed: a second hub opens it and serves.
    const again = await startHub({ dataDir, clock: t.clock, port: 0 });
    await again.close();
  });
});
