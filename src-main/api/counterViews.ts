import { z } from 'zod';
import { applicationKinds } from '../domain/appointment.ts';
import { laneIds } from '../domain/laneIds.ts';
import { userRoles } from '../domain/roles.ts';
import { breakReasons, claimDecisions, counterStates, entryStatuses } from '../domain/states.ts';
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

/** The priority a citizen claimed at the kiosk, for the counter to confirm or refuse. */
export const priorityClaimView = z.object({
  lane: z.object({ id: z.enum(laneIds), name: bilingualView }),
  kiosk: z.string().nullable(),
  claimedAt: z.string(),
  /** Claimed by a late citizen: the ticket waits on standby, the claim kept. */
  late: z.boolean(),
  decision: z.enum(claimDecisions).nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
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
  /** The priority claimed at the kiosk, null when none was. */
  priorityClaim: priorityClaimView.nullable(),
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
    /** Why the counter is on a break, while it is. */
    breakReason: z.enum(breakReasons).nullable(),
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

/** The supervisor's view of the priority claims and the breaks of today. */
export const claimsAndBreaksView = z.object({
  officeDate: z.string(),
  claims: z.object({
    perKiosk: z.array(
      z.object({
        kiosk: z.string().nullable(),
        claimed: z.number().int(),
        confirmed: z.number().int(),
        refused: z.number().int(),
        undecided: z.number().int(),
      }),
    ),
    perOfficer: z.array(
      z.object({ officer: z.string(), confirmed: z.number().int(), refused: z.number().int() }),
    ),
  }),
  breaks: z.array(
    z.object({
      officer: z.string(),
      /** Today's break time, in minutes (a break still running counts until now). */
      minutes: z.number(),
      byReason: z.array(
        z.object({ reason: z.enum(breakReasons).nullable(), minutes: z.number(), breaks: z.number().int() }),
      ),
    }),
  ),
});
export type ClaimsAndBreaksView = z.infer<typeof claimsAndBreaksView>;
