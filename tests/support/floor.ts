import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src-main/domain/clock.ts';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import { commandLine, type Caller, type ServiceContext } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { openDatabase, openMemoryDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv } from './bookings.ts';

/** An instant on the office's wall clock (Asia/Makassar, UTC+8): `at('2026-11-30', '09:15')`. */
export function at(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+08:00`);
}

export interface TestFloor {
  store: Store;
  clock: ManualClock;
  ctx: ServiceContext;
  kiosk: Caller;
  dataDir: string | null;
  load(appointments: Appointment[]): void;
  close(): void;
}

/** A floor's database with a hand-moved clock; on disk when `onDisk` (for tests that reopen it). */
export function makeFloor(options: { now?: number; onDisk?: boolean } = {}): TestFloor {
  const dataDir = options.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'loket-test-')) : null;
  const store = new Store(dataDir ? openDatabase(dataDir) : openMemoryDatabase());
  const clock = new ManualClock(options.now ?? at('2026-11-30', '09:15'));
  const ctx: ServiceContext = { store, clock };
  return {
    store,
    clock,
    ctx,
    kiosk: { stationId: null, actor: 'test-kiosk' },
    dataDir,
    load(appointments) {
      const summary = importAppointments(ctx, commandLine, {
        format: 'csv',
        content: appointmentCsv(appointments),
      });
      if (summary.rejected.length)
        throw new Error(`test bookings rejected: ${JSON.stringify(summary.rejected)}`);
    },
    close() {
      store.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Counts every row the floor has, so a test can show that a failed call wrote nothing. */
export function rowCounts(store: Store): Record<string, number> {
  const tables = ['bookings', 'tickets', 'number_counters', 'events', 'stations', 'office_config'];
  return Object.fromEntries(
    tables.map((table) => [table, store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number]),
  );
}

/** Reads a floor's database in a data folder the way the hub would, then closes it. */
export function readFloor<T>(dataDir: string, read: (store: Store) => T): T {
  const store = new Store(openDatabase(dataDir));
  try {
    return read(store);
  } finally {
    store.close();
  }
}
