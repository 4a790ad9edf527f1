import type { Appointment } from '../../src-main/domain/appointment.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { newBiometricKey } from '../../src-main/services/biometricVault.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import type { CounterCaller } from '../../src-main/services/counters.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { PassportPrinters } from '../../src-main/devices/passportPrinters.ts';
import { sampleAppointment } from './bookings.ts';
import { at, makeFloor, type TestFloor } from './floor.ts';
import { interviewedApplication } from './interviewed.ts';

/**
 * A floor with a print station (operator Putu signed in), a second print operator (Wayan, for the
 * dual control), a supervisor (Sri, signed in at the supervisor's console) and interviewed
 * applications made straight in the store: what the print station starts from.
 */
export interface PrintFloor {
  floor: TestFloor;
  ctx: ServiceContext & { signInAttempts: AttemptLimiter };
  printers: PassportPrinters;
  printStationId: string;
  operator: CounterCaller;
  supervisor: CounterCaller;
  interviewed(
    index: number,
    overrides?: Partial<Appointment> & { pickupDate?: string | null },
  ): ApplicationRecord;
  close(): Promise<void>;
}

export const pins = { putu: '246810', wayan: '135791', sri: '112233' };

export function makePrintFloor(options: { printer?: string } = {}): PrintFloor {
  // Monday 30 November 2026, 09:00 in Denpasar.
  const floor = makeFloor({ now: at('2026-11-30', '09:00') });
  const printers = new PassportPrinters((id) => floor.store.stations.passportPrinter(id).address, {
    pollMs: 50,
  });
  const ctx = {
    ...floor.ctx,
    signInAttempts: new AttemptLimiter(5, 5 * 60_000),
    biometricKey: newBiometricKey(),
    passportPrinters: printers,
  };
  addUser(ctx, commandLine, {
    username: 'putu',
    name: 'Putu Ardana',
    role: 'print_operator',
    secret: pins.putu,
  });
  addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'Wayan Sukerta',
    role: 'print_operator',
    secret: pins.wayan,
  });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: pins.sri });
  const print = addStation(ctx, commandLine, { mode: 'print', name: 'Cetak Paspor' }).station;
  floor.store.stations.setPassportPrinter(print.id, options.printer ?? 'simulator');
  signIn(ctx, print, { username: 'putu', secret: pins.putu });
  const console = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' }).station;
  signIn(ctx, console, { username: 'sri', secret: pins.sri });
  const operator = {
    stationId: print.id,
    actor: 'putu',
    officer: requireOfficer(ctx, print, ['print_operator']),
  };
  const supervisor = {
    stationId: console.id,
    actor: 'sri',
    officer: requireOfficer(ctx, console, ['supervisor']),
  };

  function interviewed(index: number, overrides: Partial<Appointment> & { pickupDate?: string | null } = {}) {
    const { pickupDate = '2026-12-04', ...booking } = overrides;
    floor.load([sampleAppointment(index, { birthPlace: 'Denpasar', ...booking })]);
    const ticket = checkIn(ctx, floor.kiosk, { text: `MPDPS-${String(index).padStart(5, '0')}` });
    return interviewedApplication(ctx, {
      index,
      ticketId: ticket.id,
      pickupDate,
      ...(booking.passportType ? { passportType: booking.passportType } : {}),
      ...(booking.applicationKind ? { applicationKind: booking.applicationKind } : {}),
    });
  }

  return {
    floor,
    ctx,
    printers,
    printStationId: print.id,
    operator,
    supervisor,
    interviewed,
    async close() {
      await printers.close();
      floor.close();
    },
  };
}
