import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.ts';
import { anchorBeside } from '../store/anchors.ts';
import { backupFloor } from '../store/backup.ts';

/** When the hub copies its database by itself; `false` for none. */
export interface BackupSchedule {
  /** Where the copies go (default DIR/backups). */
  dir?: string;
  /** Minutes between copies (default 60; a fraction for tests). */
  everyMinutes?: number;
  /** How many of the newest copies stay (default 48: two days of hourly copies). */
  keep?: number;
}

export const defaultBackupSchedule = { everyMinutes: 60, keep: 48 } as const;

const backupName = /^loket-(\d{8}-\d{6})\.db$/;

export interface BackupPlan {
  dir: string;
  everyMinutes: number;
  keep: number;
}

/** The schedule with its defaults filled in; throws on a schedule that makes no sense. */
export function backupPlan(dataDir: string, schedule: BackupSchedule): BackupPlan {
  const everyMinutes = schedule.everyMinutes ?? defaultBackupSchedule.everyMinutes;
  const keep = schedule.keep ?? defaultBackupSchedule.keep;
  if (!(everyMinutes > 0) || !Number.isFinite(everyMinutes))
    throw new Error(`backups every ${everyMinutes} minutes: give a positive number`);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep ${keep} backups: give a whole number ≥ 1`);
  return { dir: path.resolve(schedule.dir ?? path.join(dataDir, 'backups')), everyMinutes, keep };
}

export interface ScheduledBackups {
  /** Stops the schedule and takes the last copy (unless told not to: a hub that never started); never throws. */
  close(options?: { lastCopy?: boolean }): Promise<void>;
}

/**
 * Copies the floor's database every `everyMinutes` into `loket-<YYYYMMDD-HHMMSS>.db` (the hub's
 * clock, in the office's time zone), its chain anchor beside it (`loket-….anchor.json`), and keeps
 * the newest `keep`. A failed copy is logged; the hub goes on serving.
 */
export function scheduleBackups(options: {
  dataDir: string;
  plan: BackupPlan;
  clock: Clock;
  timeZone: () => string;
  log: (line: string) => void;
}): ScheduledBackups {
  const { dir, everyMinutes, keep } = options.plan;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const take = (): Promise<void> => {
    busy = true;
    running = (async () => {
      try {
        const stamp = DateTime.fromMillis(options.clock.now(), { zone: options.timeZone() }).toFormat(
          'yyyyMMdd-HHmmss',
        );
        // The same second twice (a stopped clock, a copy at shutdown): the newer copy replaces it.
        await backupFloor(options.dataDir, path.join(dir, `loket-${stamp}.db`), {
          overwrite: true,
          now: options.clock.now(),
        });
        prune(dir, keep, options.log);
      } catch (error) {
        options.log(`backup into ${dir} failed: ${(error as Error).message}`);
      } finally {
        busy = false;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    // A copy slower than the interval is not stacked with another.
    if (!busy) void take();
  }, everyMinutes * 60_000);
  timer.unref();
  let closing: Promise<void> | null = null;
  return {
    close({ lastCopy = true } = {}) {
      closing ??= (async () => {
        clearInterval(timer);
        await running;
        if (lastCopy) await take();
      })();
      return closing;
    },
  };
}

/** The copies in a folder, oldest first (the stamp sorts as its name does). */
export function backupsIn(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => backupName.test(name)).sort();
}

function prune(dir: string, keep: number, log: (line: string) => void): void {
  const names = backupsIn(dir);
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    try {
      fs.rmSync(path.join(dir, name));
      fs.rmSync(anchorBeside(path.join(dir, name)), { force: true });
    } catch (error) {
      log(`old backup ${name} could not be removed: ${(error as Error).message}`);
    }
  }
}
