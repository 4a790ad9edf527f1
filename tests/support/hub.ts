import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { ManualClock } from '../../src-main/domain/clock.ts';
import type { BackupSchedule } from '../../src-main/hub/backups.ts';
import { startHub, type Hub, type HubOptions } from '../../src-main/hub/server.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import type { Store } from '../../src-main/store/store.ts';
import { at } from './floor.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const loketBin = path.join(projectRoot, 'bin/loket.js');

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  dataDir: string;
  /**
   * Pairs a station and returns its bearer token. A counter station's desk is `counter`, else the
   * number its name ends with ("Loket 3"), else the lowest desk no other station has.
   */
  pair(mode: StationMode, name?: string, counter?: number): string;
  /** POST /api/<operation> with a token; returns the status and parsed body. */
  call(
    operation: string,
    input: unknown,
    token: string | null,
    /** More headers, e.g. the `x-loket-client` of the program that signed an officer in. */
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A hub in this process on a temporary data folder (or `dataDir`, removed at close too) and a
 * random loopback port. No scheduled backups unless `backup` asks for them.
 */
export async function startTestHub(
  options: {
    now?: number;
    dataDir?: string;
    backup?: BackupSchedule;
    log?: (line: string) => void;
    appointmentFeed?: HubOptions['appointmentFeed'];
    centralLink?: HubOptions['centralLink'];
  } = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loket-hub-'));
  const clock = new ManualClock(options.now ?? at('2026-11-30', '09:15'));
  const hub = await startHub({
    dataDir,
    clock,
    port: 0,
    ...(options.appointmentFeed ? { appointmentFeed: options.appointmentFeed } : {}),
    ...(options.backup ? { backup: options.backup } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.centralLink ? { centralLink: options.centralLink } : {}),
  });
  let count = 0;
  return {
    hub,
    clock,
    dataDir,
    pair(mode, name, counter) {
      count += 1;
      const ctx = { store: hub.store, clock };
      return addStation(ctx, commandLine, {
        mode,
        name: name ?? `${mode} ${count}`,
        ...(mode === 'counter' ? { counter: counter ?? deskFor(hub.store, name) } : {}),
      }).token;
    },
    async call(operation, input, token, headers = {}) {
      const response = await fetch(`${hub.url}/api/${operation}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify(input),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The desk a test's counter station gets: the number its name ends with, else the lowest free one. */
export function deskFor(store: Store, name: string | undefined): number {
  const named = name ? /(\d+)\s*$/.exec(name) : null;
  if (named) return Number(named[1]);
  const taken = new Set(
    store.stations
      .list()
      .filter((s) => s.revokedAt === null)
      .map((s) => s.counter),
  );
  const free = store.office.get().floor.counters.find((c) => !taken.has(c.number));
  if (!free) throw new Error('every desk of the floor has a station');
  return free.number;
}

/** Runs the `loket` command to completion. */
export function runLoket(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [loketBin, ...args], {
      env: { ...process.env, ...env },
      cwd: projectRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `loket hub` as its own process and waits for the address it prints. */
export async function spawnHub(
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [loketBin, 'hub', '--data', dataDir, '--port', '0', ...args], {
    env: { ...process.env, ...env },
    cwd: projectRoot,
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stdout += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${stdout}`)), 20_000);
    const check = () => {
      const match = /listening on (https?:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`hub exited with ${code}: ${stdout}`)));
  });
  return { child, url, stdout: () => stdout };
}

/** A kiosk paired with the hub and a simulated network ticket printer (TCP 9100) of its own. */
export async function kioskWithPrinter(
  t: TestHub,
  name: string,
): Promise<{ token: string; printer: PrinterSimulator }> {
  const token = t.pair('kiosk', name);
  const printer = await PrinterSimulator.start();
  const kiosk = t.hub.store.stations.list().find((station) => station.name === name);
  t.hub.store.stations.setTicketPrinter(kiosk?.id as string, {
    transport: 'tcp',
    host: '127.0.0.1',
    port: printer.port,
  });
  return { token, printer };
}
