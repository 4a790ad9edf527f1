import type { FeedStatusView } from '../api/views.ts';
import { pullAppointments } from '../hub/appointmentFeed.ts';
import { configureFeed, feedStatus, turnOffFeed } from '../services/appointmentFeed.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';

/** `loket appointments feed|sync|status`: the appointment feed from the hub's machine. */
export async function appointments(
  ctx: ServiceContext,
  args: string[],
  options: {
    every?: string | undefined;
    token?: string | undefined;
    timeout?: string | undefined;
    off: boolean;
  },
  write: (line: string) => void,
  usage: (message: string) => Error,
): Promise<number> {
  const [action, url] = args;
  if (action === 'feed') {
    if (options.off) {
      if (url || options.every || options.token || options.timeout)
        throw usage('appointments feed --off takes nothing else');
      write(turnOffFeed(ctx, commandLine) ? 'Appointment feed turned off.' : 'No appointment feed was on.');
      return 0;
    }
    if (!url) throw usage('appointments feed URL [--every MIN] [--token T] [--timeout S], or --off');
    const status = configureFeed(ctx, commandLine, {
      url,
      token: options.token ?? null,
      intervalMinutes: numberOf(options.every, '--every', usage),
      timeoutSeconds: numberOf(options.timeout, '--timeout', usage),
    });
    write(
      `Appointment feed: ${status.host}, every ${status.intervalMinutes} min, timeout ${status.timeoutSeconds} s` +
        `${options.token ? ', with a bearer token' : ''}. A running hub pulls within a minute.`,
    );
    return 0;
  }
  if (action === 'sync') {
    const status = await pullAppointments(ctx, commandLine);
    for (const line of describeFeed(status)) write(line);
    return status.lastError ? 1 : 0;
  }
  if (action === 'status') {
    for (const line of describeFeed(feedStatus(ctx))) write(line);
    return 0;
  }
  throw usage('appointments import|feed|sync|status');
}

function numberOf(
  text: string | undefined,
  name: string,
  usage: (message: string) => Error,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw usage(`${name} takes a whole number, not ${text}`);
  return value;
}

/** The feed's status as the IT person reads it (English; the error in both languages). */
export function describeFeed(status: FeedStatusView): string[] {
  if (!status.configured) return ['No appointment feed is configured (loket appointments feed URL).'];
  const lines = [
    `Feed:          ${status.host}, every ${status.intervalMinutes} min, timeout ${status.timeoutSeconds} s`,
    `Last synced:   ${status.lastSuccessAt ?? 'never'}`,
    `Last attempt:  ${status.lastAttemptAt ?? 'never'}`,
  ];
  if (status.counts) {
    const { rows, created, updated, unchanged } = status.counts;
    lines.push(`Last good pull: ${rows} rows, ${created} new, ${updated} updated, ${unchanged} unchanged`);
  }
  if (status.lastError) {
    lines.push(
      `Last error:    ${status.lastError.code}`,
      `  ${status.lastError.message.id}`,
      `  ${status.lastError.message.en}`,
    );
  }
  if (status.unverifiedCheckIns)
    lines.push('Unknown booking codes now get UNVERIFIED tickets, flagged for the first counter.');
  return lines;
}
