import { z } from 'zod';
import { applicationKinds } from '../domain/appointment.ts';
import { laneIds } from '../domain/laneIds.ts';
import { userRoles } from '../domain/roles.ts';
import { counterStates, entryStatuses } from '../domain/states.ts';
import { bilingualView } from './views.ts';

/** What the counter, board and supervisor operations answer with. */
export const officerView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(userRoles),
  counter: z.number().int().nullable(),
});
export type OfficerView = z.infer<typeof officerView>;

const laneView = z.object({ id: z.enum(laneIds), name: bilingualView, priority: z.boolean() });

/** The citizen's booking as a counter sees it once the ticket is called. */
export const bookingView = z.object({
  code: z.string(),
  fullName: z.string(),
  nik: z.string(),
  birthDate: z.string(),
  sex: z.enum(['L', 'P']),
  applicationKind: z.enum(applicationKinds),
  passportType: z.string(),
  validityYears: z.number().int(),
  phone: z.string().nullable(),
});

/** A ticket at a counter: the citizen's booking appears only once the ticket is called. */
export const entryView = z.object({
  entryId: z.string(),
  ticketId: z.string(),
  number: z.string(),
  stage: z.object({ id: z.string(), name: bilingualView }),
  lane: laneView,
  window: z.object({ start: z.string(), end: z.string() }),
  status: z.enum(entryStatuses),
  recalls: z.number().int(),
  checkedInAt: z.string(),
  /** Checked in with a booking code the floor did not know (feed down): verify the booking. */
  unverified: z.boolean(),
  booking: bookingView,
  /** At the pickup stage: the application whose passport this number collects (the handover opens on it). */
  pickup: z.object({ applicationId: z.string(), applicationNumber: z.string() }).nullable(),
});
export type EntryView = z.infer<typeof entryView>;

export const waitingCountView = z.object({
  stage: z.string(),
  lane: z.enum(laneIds),
  window: z.string(),
  waiting: z.number().int(),
});

export const counterView = z.object({
  counter: z.object({
    number: z.number().int(),
    stages: z.array(z.object({ id: z.string(), name: bilingualView })),
    lanes: z.array(z.enum(laneIds)),
    state: z.enum(counterStates),
    since: z.string().nullable(),
  }),
  officer: officerView,
  current: entryView.nullable(),
  held: z.array(z.object({ entryId: z.string(), number: z.string(), stage: z.string() })),
  /** How many wait per stage, lane and window — not who. */
  waiting: z.array(waitingCountView),
  figures: z.object({
    called: z.number().int(),
    served: z.number().int(),
    averageServiceMinutes: z.number().nullable(),
    outOfOrder: z.number().int(),
  }),
  noShowAfterRecalls: z.number().int(),
  reasons: z.array(z.object({ code: z.string(), name: bilingualView })),
  transferTo: z.object({
    stages: z.array(z.object({ id: z.string(), name: bilingualView })),
    counters: z.array(z.number().int()),
  }),
});
export type CounterView = z.infer<typeof counterView>;

export const callView = z.object({
  number: z.string(),
  counter: z.number().int(),
  at: z.string(),
  kind: z.enum(['next', 'recall', 'specific']),
});

export const boardView = z.object({
  officeDate: z.string(),
  now: z.string(),
  /** The latest call of each number, latest first: a recalled number moves up, never twice. */
  calls: z.array(callView),
  waiting: z.array(z.object({ lane: z.enum(laneIds), name: bilingualView, waiting: z.number().int() })),
  quota: z.object({ used: z.number().int(), total: z.number().int() }),
  /** Average wait of the tickets called in the last hour, in minutes; null when none was. */
  averageWaitMinutes: z.number().nullable(),
  /** Passports ready for pickup, by application number only (the number on the citizen's receipt). */
  readyForPickup: z.array(z.string()),
});
export type BoardView = z.infer<typeof boardView>;

export const floorView = z.object({
  officeDate: z.string(),
  counters: z.array(
    z.object({
      number: z.number().int(),
      state: z.enum(counterStates),
      since: z.string().nullable(),
      officer: z.string().nullable(),
      current: z.string().nullable(),
    }),
  ),
  outOfOrder: z.array(z.object({ officer: z.string(), calls: z.number().int() })),
  waiting: z.array(waitingCountView),
});
export type FloorView = z.infer<typeof floorView>;
