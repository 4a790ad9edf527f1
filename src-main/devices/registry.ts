import type { Scan } from '../../drivers/scanner/scanner.ts';
import type { StoredDevices } from '../store/stations.ts';
import { isDriven, stationDevicesSchema, type StationDevices } from './config.ts';
import { DeviceManager, type DeviceManagerOptions, type DeviceState } from './manager.ts';

export interface DeviceRegistryHooks {
  /** A device of a station changed state (also its first state after opening). */
  stateChanged(stationId: string, state: DeviceState): void;
  /** A scanner a station's page does not read itself scanned a code. */
  scanned(stationId: string, scan: Scan): void;
  /** A station's stored configuration cannot be read; its devices stay closed. */
  invalid(stationId: string, problem: string): void;
}

interface Entry {
  key: string;
  manager: DeviceManager;
  started: Promise<void>;
}

/** A station's stored devices checked; a station with no scanner row reads its page's wedge. */
export function readStoredDevices(stored: StoredDevices): StationDevices | string {
  const parsed = stationDevicesSchema.safeParse({
    ticketPrinter: stored.ticketPrinter,
    scanner: stored.scanner ?? { transport: 'wedge' },
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'devices'}: ${issue?.message}`;
}

/**
 * The device managers of the stations a runtime drives: the hub drives the devices of its browser
 * stations (and of a desktop station on the hub's own PC). `sync` follows the stored
 * configuration: a new or changed station gets a fresh manager, a removed or revoked one is closed.
 */
export class DeviceRegistry {
  private readonly entries = new Map<string, Entry>();
  /** What desktop stations that drive their own devices said of them, per station and slot. */
  private readonly reported = new Map<string, Map<string, DeviceState>>();
  /** The problem last reported per station, so a broken configuration is reported once. */
  private readonly problems = new Map<string, string>();
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly read: () => StoredDevices[],
    private readonly hooks: DeviceRegistryHooks,
    private readonly options: DeviceManagerOptions = {},
  ) {}

  /** Brings the managers in line with the stored configuration; calls run one after another. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncOnce()).catch(() => undefined);
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, StationDevices>();
    for (const stored of this.read()) {
      const devices = readStoredDevices(stored);
      if (typeof devices === 'string') {
        if (this.problems.get(stored.stationId) !== devices) this.hooks.invalid(stored.stationId, devices);
        this.problems.set(stored.stationId, devices);
        continue;
      }
      this.problems.delete(stored.stationId);
      if (isDriven(devices)) wanted.set(stored.stationId, devices);
    }
    const closing: Promise<void>[] = [];
    for (const [stationId, entry] of this.entries) {
      if (wanted.get(stationId) && JSON.stringify(wanted.get(stationId)) === entry.key) continue;
      this.entries.delete(stationId);
      closing.push(entry.manager.close());
    }
    await Promise.all(closing);
    for (const [stationId, devices] of wanted) {
      if (this.entries.has(stationId)) continue;
      const manager = new DeviceManager(devices, this.options);
      manager.on('state', (state) => this.hooks.stateChanged(stationId, state));
      manager.on('scan', (scan) => this.hooks.scanned(stationId, scan));
      const started = manager.start().catch((error: Error) => this.hooks.invalid(stationId, error.message));
      this.entries.set(stationId, { key: JSON.stringify(devices), manager, started });
    }
  }

  /** The station's manager once its devices have had their first try; null if it drives none. */
  async managerOf(stationId: string): Promise<DeviceManager | null> {
    await this.syncing;
    const entry = this.entries.get(stationId);
    if (!entry) return null;
    await entry.started;
    return entry.manager;
  }

  /**
   * A desktop station on another PC drives its own devices and says how they are; each change is
   * passed on like one of the hub's own devices.
   */
  report(stationId: string, states: DeviceState[]): void {
    const known = this.reported.get(stationId) ?? new Map<string, DeviceState>();
    this.reported.set(stationId, known);
    for (const state of states) {
      const before = known.get(state.slot);
      known.set(state.slot, state);
      if (!before || before.state !== state.state || before.since !== state.since)
        this.hooks.stateChanged(stationId, state);
    }
  }

  /** Every driven device of every station, for the supervisor's view. */
  states(): { stationId: string; devices: DeviceState[] }[] {
    const driven = new Set(this.entries.keys());
    return [
      ...[...this.entries].map(([stationId, { manager }]) => ({ stationId, devices: manager.list() })),
      ...[...this.reported]
        .filter(([stationId]) => !driven.has(stationId))
        .map(([stationId, known]) => ({ stationId, devices: [...known.values()] })),
    ];
  }

  /** A station's devices: driven here, or as the station reported them; null when neither. */
  statesOf(stationId: string): DeviceState[] | null {
    const manager = this.entries.get(stationId)?.manager;
    if (manager) return manager.list();
    const known = this.reported.get(stationId);
    return known ? [...known.values()] : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.syncing;
    const managers = [...this.entries.values()].map(({ manager }) => manager.close());
    this.entries.clear();
    await Promise.all(managers);
  }
}
