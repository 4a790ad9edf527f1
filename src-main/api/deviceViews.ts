import { z } from 'zod';
import { stationModes } from '../domain/roles.ts';
import { bilingualView } from './views.ts';

/** A device a station drives and its state, as the station's screen and the supervisor see it. */
export const deviceStateView = z.object({
  slot: z.enum(['ticketPrinter', 'scanner']),
  transport: z.string(),
  address: z.string(),
  state: z.enum(['ready', 'busy', 'error', 'disconnected']),
  problem: bilingualView.nullable(),
  warning: bilingualView.nullable(),
  /** When it entered this state, on the office's wall clock (ISO with offset). */
  since: z.string(),
});

/** A device's state as a station that drives its own devices reports it (`since`: epoch ms). */
export const reportedDeviceState = deviceStateView
  .extend({
    transport: z.string().max(20),
    address: z.string().max(300),
    problem: bilingualView
      .extend({ id: z.string().max(300), en: z.string().max(300) })
      .strict()
      .nullable(),
    warning: bilingualView
      .extend({ id: z.string().max(300), en: z.string().max(300) })
      .strict()
      .nullable(),
    since: z.number().int().nonnegative(),
  })
  .strict();

export const stationDevicesView = z.object({
  /** False when this runtime drives none of the station's devices (a keyboard-wedge kiosk, say). */
  driven: z.boolean(),
  devices: z.array(deviceStateView),
});

export const floorDevicesView = z.object({
  stations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mode: z.enum(stationModes),
      devices: z.array(deviceStateView),
    }),
  ),
});

/** What a simulated printer is going through, as the supervisor sets it in training. */
export const simulatedPrinterCondition = z
  .object({
    paper: z.enum(['ok', 'near_end', 'out']).optional(),
    coverOpen: z.boolean().optional(),
    offline: z.boolean().optional(),
    error: z.enum(['autocutter', 'unrecoverable', 'auto_recoverable']).nullable().optional(),
    answering: z.boolean().optional(),
  })
  .strict();
