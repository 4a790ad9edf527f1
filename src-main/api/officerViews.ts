import { z } from 'zod';
import { userRoles } from '../domain/roles.ts';

/** An officer's account as the supervisor console lists it: never the PIN or its hash. */
export const officerAccountView = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(userRoles),
  enabled: z.boolean(),
  /** The office's local time of their last sign-in at any station, null if never. */
  lastSignInAt: z.string().nullable(),
});
export type OfficerAccountView = z.infer<typeof officerAccountView>;

/** The accounts, and what the officer asking may do with them (only an admin changes any). */
export const officerAccountsView = z.object({
  officers: z.array(officerAccountView),
  /** The username of the officer asking: an admin cannot disable themself or change their own role. */
  you: z.string(),
  mayChange: z.boolean(),
});

/**
 * The inputs are checked by the service, which answers in words ("PIN minimal 6 angka"); the
 * schemas here only bound their size. A PIN goes in and never comes back out.
 */
const username = z.string().max(100);
const secret = z.string().max(200);

export const addOfficerInput = z
  .object({ username, name: z.string().max(200), role: z.enum(userRoles), secret })
  .strict();

export const changeOfficerInput = z
  .object({
    username,
    name: z.string().max(200).optional(),
    role: z.enum(userRoles).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const resetOfficerPinInput = z.object({ username, secret }).strict();
