import { randomBytes } from 'node:crypto';

/**
 * This program's name as a client of its hub, made once per process: an officer signed in through
 * it acts only through it, not through another holder of the station's token. Sent with every
 * call and the event stream in `x-loket-client` (the hub checks its form, hub/auth.ts).
 */
export const stationClientHeaders: Readonly<Record<string, string>> = {
  'x-loket-client': randomBytes(18).toString('base64url'),
};
