import path from 'node:path';
import { isoInstant } from '../domain/localTime.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';
import { defaultChannel } from '../domain/updates.ts';
import {
  pauseChannel,
  publishRelease,
  rollbackChannel,
  setPilot,
  stageChannel,
  updatesStatus,
  type UpdatesStatus,
} from '../services/updates.ts';

/**
 * `loket updates publish|stage|pause|resume|pilot|rollback|status`: the office's own update channel
 * on the hub's machine (docs/updates.md). Each change is one transaction and one audited event;
 * a refused publish changes nothing.
 */
export function updates(
  ctx: ServiceContext,
  dataDir: string,
  args: string[],
  options: {
    channel?: string | undefined;
    staging?: string | undefined;
    rollback?: boolean | undefined;
    format?: string | undefined;
  },
  write: (line: string) => void,
  usage: (message: string) => Error,
): number {
  const [action, subject, detail] = args;
  const channel = options.channel ?? defaultChannel;
  const percentOf = (text: string | undefined, what: string) => {
    if (text === undefined || !/^\d{1,3}$/.test(text) || Number(text) > 100)
      throw usage(`${what} must be a whole percent from 0 to 100`);
    return Number(text);
  };
  switch (action) {
    case 'publish': {
      if (!subject) throw usage('updates publish DIR [--channel C] [--staging PERCENT] [--rollback]');
      const staging = options.staging === undefined ? 100 : percentOf(options.staging, '--staging');
      const outcome = publishRelease(ctx, commandLine, {
        source: path.resolve(subject),
        dataDir,
        channel,
        stagingPercent: staging,
        rollback: options.rollback ?? false,
      });
      for (const file of outcome.files)
        write(
          `  ${file.kind.padEnd(9)} ${file.name} (${file.size} bytes${file.sha512 ? ', sha512 ok' : ''})`,
        );
      write(
        outcome.rollback
          ? `Published ${outcome.version} on ${outcome.channel} as a rollback: offered to every station.`
          : `Published ${outcome.version} on ${outcome.channel} (${outcome.platforms.join(', ')}), staged to ${outcome.stagingPercent}% of the stations and the pilots.`,
      );
      return 0;
    }
    case 'stage': {
      const percent = percentOf(subject, 'updates stage PERCENT');
      const state = stageChannel(ctx, commandLine, channel, percent);
      write(`${channel}: ${state.currentVersion} is offered to ${percent}% of the stations and the pilots.`);
      return 0;
    }
    case 'pause':
    case 'resume': {
      const changed = pauseChannel(ctx, commandLine, channel, action === 'pause');
      write(
        action === 'pause'
          ? `${channel}: ${changed ? 'paused' : 'already paused'}; stations are offered nothing new.`
          : `${channel}: ${changed ? 'resumed' : 'not paused'}; the staged version is offered again.`,
      );
      return 0;
    }
    case 'pilot': {
      if ((subject !== 'add' && subject !== 'remove') || !detail)
        throw usage('updates pilot add|remove STATION [--channel C]');
      const { station, changed } = setPilot(ctx, commandLine, channel, detail, subject === 'add');
      write(
        subject === 'add'
          ? `${station.name} ${changed ? 'is now' : 'already was'} a pilot of ${channel}: it gets a staged version first.`
          : `${station.name} ${changed ? 'is no longer' : 'was not'} a pilot of ${channel}.`,
      );
      return 0;
    }
    case 'rollback': {
      if (!subject) throw usage('updates rollback VERSION [--channel C]');
      const state = rollbackChannel(ctx, commandLine, channel, subject);
      write(
        `${channel}: ${state.currentVersion} is offered to every station as a rollback from ${state.rolledBackFrom}.`,
      );
      return 0;
    }
    case 'status': {
      const format = options.format ?? 'table';
      if (format !== 'table' && format !== 'json') throw usage('--format must be table or json');
      const status = updatesStatus(ctx);
      if (format === 'json') write(JSON.stringify(status, null, 2));
      else for (const line of statusTable(status, ctx.store.office.get().timeZone)) write(line);
      return 0;
    }
    default:
      throw usage('updates publish|stage|pause|resume|pilot|rollback|status');
  }
}

function statusTable(status: UpdatesStatus, timeZone: string): string[] {
  const lines: string[] = [];
  if (status.channels.length === 0) lines.push('No release published yet (loket updates publish DIR).');
  for (const c of status.channels) {
    const names = new Map(status.stations.map((s) => [s.id, s.name]));
    lines.push(
      `Channel ${c.channel}: current ${c.currentVersion}${c.rolledBackFrom ? ` (rollback from ${c.rolledBackFrom})` : ''}, ` +
        `previous ${c.rolledOutVersion ?? '—'}, staging ${c.stagingPercent}%, ${c.paused ? 'PAUSED' : 'not paused'}, ` +
        `pilots: ${c.pilots.map((id) => names.get(id) ?? id).join(', ') || '—'}; published: ${c.versions.join(', ')}`,
    );
  }
  lines.push('');
  const rows = [
    ['Station', 'Mode', 'Version', 'State', 'Last report', 'Last error'],
    ...status.stations.map((s) => [
      s.name,
      s.mode,
      s.report?.version ?? '—',
      s.report ? `${s.report.state}${s.report.targetVersion ? ` ${s.report.targetVersion}` : ''}` : '—',
      s.report ? isoInstant(s.report.at, timeZone) : '—',
      s.report?.error ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    lines.push(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  return lines;
}
