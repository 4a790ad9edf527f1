import { LoketError } from '../domain/errors.ts';
import { isoInstant } from '../domain/localTime.ts';
import { eventOf } from '../store/events.ts';
import type { EventPayload } from '../domain/events.ts';
import type { Caller, ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';
import type { DeviceState } from '../devices/manager.ts';
import type { SimulatedCondition } from '../../drivers/ticket-printer/simulator.ts';
import {
  DataPageUnreadable,
  SimulatedDocumentReader,
} from '../../drivers/scanner/documentReaderSimulator.ts';

const notFound = () =>
  new LoketError('NOT_FOUND', { id: 'Stasiun tidak ditemukan.', en: 'No such station.' });

/** A device's state as screens show it: the time it changed on the office's wall clock. */
function viewsOf(ctx: ServiceContext, states: DeviceState[]) {
  const { timeZone } = ctx.store.office.get();
  return states.map((state) => ({ ...state, since: isoInstant(state.since, timeZone) }));
}

/** The calling station's devices that the hub drives, or that the station reported, with their state. */
export async function stationDevices(ctx: ServiceContext, caller: Caller) {
  if (caller.stationId) await ctx.devices?.managerOf(caller.stationId); // opened, if it is the hub's
  const states = caller.stationId ? (ctx.devices?.statesOf(caller.stationId) ?? null) : null;
  return { driven: states !== null, devices: viewsOf(ctx, states ?? []) };
}

/** A desktop station that drives its own devices says how they are. */
export function reportDevices(ctx: ServiceContext, caller: Caller, input: { devices: DeviceState[] }) {
  if (caller.stationId) ctx.devices?.report(caller.stationId, input.devices);
  return { recorded: input.devices.length };
}

/** Every station's driven devices, for the supervisor. */
export async function floorDevices(ctx: ServiceContext) {
  await ctx.devices?.sync();
  const stations = ctx.store.stations.list().filter((station) => station.revokedAt === null);
  const states = new Map((ctx.devices?.states() ?? []).map((entry) => [entry.stationId, entry.devices]));
  return {
    stations: stations
      .filter((station) => states.has(station.id))
      .map((station) => ({
        id: station.id,
        name: station.name,
        mode: station.mode,
        devices: viewsOf(ctx, states.get(station.id) ?? []),
      })),
  };
}

/**
 * A code "scanned" on a station whose scanner is Loket's simulator (training, tests): it reaches the
 * station's page exactly as a real scan would.
 */
export async function simulateScan(
  ctx: ServiceContext,
  caller: Caller,
  input: { stationId: string; text: string },
): Promise<{ scanned: boolean }> {
  const manager = await ctx.devices?.managerOf(input.stationId);
  if (!ctx.store.stations.find(input.stationId)) throw notFound();
  const simulator = manager?.scannerSimulator;
  if (!simulator) throw notSimulated('scanner');
  const scanned = simulator.scan(input.text);
  logSimulation(ctx, caller, 'device.simulatedScan', input.stationId, { scanned, length: input.text.length });
  return { scanned };
}

/** Sets what a simulated printer is going through (paper out, cover open …) or plugs it in and out. */
export async function simulatePrinter(
  ctx: ServiceContext,
  caller: Caller,
  input: { stationId: string; condition: Partial<SimulatedCondition> },
): Promise<{ condition: SimulatedCondition; printed: number }> {
  const manager = await ctx.devices?.managerOf(input.stationId);
  if (!ctx.store.stations.find(input.stationId)) throw notFound();
  const simulator = manager?.printerSimulator;
  if (!simulator) throw notSimulated('printer');
  simulator.set(input.condition);
  await manager.checkPrinter(); // the station's screen shows the new state at once
  logSimulation(ctx, caller, 'device.simulatedPrinter', input.stationId, { condition: input.condition });
  return { condition: simulator.condition, printed: simulator.jobs.length };
}

/** What the supervisor did to a simulated device, in the log: a training scan is never mistaken later. */
function logSimulation<T extends 'device.simulatedScan' | 'device.simulatedPrinter'>(
  ctx: ServiceContext,
  caller: Caller,
  type: T,
  stationId: string,
  payload: EventPayload<T>,
): void {
  ctx.store.transaction(() =>
    ctx.store.events.emit(
      eventOf(type, { at: ctx.clock.now(), actor: caller.actor, station: stationId }, payload),
    ),
  );
}

function notSimulated(device: 'scanner' | 'printer'): LoketError {
  return new LoketError(
    'CONFLICT',
    device === 'scanner'
      ? {
          id: 'Pemindai stasiun ini bukan simulator.',
          en: "This station's scanner is not a simulator.",
        }
      : {
          id: 'Printer stasiun ini bukan simulator.',
          en: "This station's printer is not a simulator.",
        },
  );
}

/**
 * The print operator lays a printed passport on the station's simulated document reader (training,
 * tests): it reads the MRZ off the data page the simulated passport printer kept for the job and
 * hands it on as a scan, which reaches the station's page like any read and goes to the quality
 * check there. Nothing of the application is read from anywhere but the printed page.
 */
export async function readPrintedPage(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { jobId: string },
): Promise<{ scanned: boolean }> {
  const stationId = caller.stationId;
  if (!stationId) throw notFound();
  const job = ctx.store.printJobs.find(input.jobId);
  if (!job)
    throw new LoketError('NOT_FOUND', { id: 'Pekerjaan cetak tidak ditemukan.', en: 'Print job not found.' });
  if (job.state !== 'printed')
    throw new LoketError(
      'CONFLICT',
      { id: 'Paspor ini tidak sedang menunggu QC.', en: 'This passport is not awaiting the quality check.' },
      { state: job.state },
    );
  const page = ctx.passportPrinters?.printedPage?.(stationId, job.id) ?? null;
  if (!page)
    throw new LoketError('DEVICE_ERROR', {
      id: 'Halaman data paspor ini tidak tersimpan di printer simulasi stasiun ini.',
      en: "This passport's data page is not kept by this station's simulated printer.",
    });
  const simulator = (await ctx.devices?.managerOf(stationId))?.scannerSimulator;
  if (!simulator)
    throw new LoketError('CONFLICT', {
      id: 'Pembaca dokumen stasiun ini bukan simulator.',
      en: "This station's document reader is not a simulator.",
    });
  let scanned: boolean;
  try {
    scanned = await new SimulatedDocumentReader(simulator).read(page);
  } catch (error) {
    if (!(error instanceof DataPageUnreadable)) throw error;
    throw new LoketError(
      'DEVICE_ERROR',
      {
        id: 'Pembaca dokumen tidak dapat membaca halaman data.',
        en: 'The document reader cannot read the data page.',
      },
      { reason: error.message },
    );
  }
  // The operator laid it on the reader: the scan is theirs.
  const operator = { ...caller, actor: caller.officer.user.id };
  logSimulation(ctx, operator, 'device.simulatedScan', stationId, { scanned, length: 89 });
  return { scanned };
}
