import { z } from 'zod';
import { stationModes, type StationMode } from '../store/stations.ts';
import { officeConfigSchema, priorityLaneIds } from '../domain/office.ts';
import { maxScanLength } from '../domain/scan.ts';
import {
  importSummaryView,
  officeView,
  printResultView,
  quotaView,
  stationView,
  ticketView,
} from './views.ts';

/**
 * The one contract: every operation a station may call, declared once with its input schema, its
 * output schema and the station modes allowed to call it. The hub's `POST /api/<operation>`, the
 * Electron bridge and the renderer's typed client all derive from this object.
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  roles: readonly StationMode[];
}

const operation = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>) => spec;
const everyone = stationModes;
const noInput = z.object({}).strict();

export const contract = {
  checkIn: operation({
    summary:
      'Turn the text a scanner or keyboard produced (booking QR, booking code or NIK) into a queue ticket.',
    input: z
      .object({ text: z.string().max(maxScanLength), priority: z.enum(priorityLaneIds).optional() })
      .strict(),
    output: ticketView,
    roles: ['kiosk', 'counter', 'supervisor'],
  }),
  printTicket: operation({
    summary:
      "Print a committed ticket on the calling station's ticket printer (a reprint after the first; a kiosk may reprint twice).",
    input: z.object({ ticketId: z.uuid() }).strict(),
    output: printResultView,
    roles: ['kiosk', 'supervisor'],
  }),
  getTicket: operation({
    summary: 'A ticket by id, as printed and shown.',
    input: z.object({ id: z.uuid() }).strict(),
    output: ticketView,
    roles: everyone,
  }),
  showOffice: operation({
    summary: "The office's configuration and today's local date.",
    input: noInput,
    output: officeView,
    roles: everyone,
  }),
  changeOffice: operation({
    summary: 'Change settings of the office configuration by dotted path; all or nothing.',
    input: z
      .object({
        changes: z
          .array(z.object({ path: z.string().min(1).max(200), value: z.unknown() }).strict())
          .min(1)
          .max(50),
      })
      .strict(),
    output: officeConfigSchema,
    roles: ['supervisor'],
  }),
  importAppointments: operation({
    summary: "Import the day's M-Paspor bookings from CSV or JSON text.",
    input: z.object({ format: z.enum(['csv', 'json']), content: z.string().max(4_000_000) }).strict(),
    output: importSummaryView,
    roles: ['supervisor'],
  }),
  todaysQuota: operation({
    summary: "Today's arrival windows with tickets issued and quota per lane.",
    input: noInput,
    output: quotaView,
    roles: everyone,
  }),
  whoAmI: operation({
    summary: 'The calling station: id, name and mode.',
    input: noInput,
    output: stationView,
    roles: everyone,
  }),
} as const satisfies Record<string, OperationSpec>;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<N extends OperationName> = z.infer<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.infer<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(contract, name);
}
