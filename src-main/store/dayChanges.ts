/**
 * Which office days' visits changed, and how often, as this store wrote them: a counter per day,
 * bumped by every write to a day's queue entries, periods, claims or ticket flags. The reports keep
 * a closed day's measured visits while its counter stands still (`services/reports/dayVisits.ts`),
 * so a year's report reads again only the days that moved. A counter only ever grows (a write
 * rolled back costs one needless re-read, never a stale figure); it lives in memory, so a new
 * process reads every day afresh. Sound because the hub is the floor database's one writer of
 * visits (its folder lock; the command line writes no visit).
 */
export class DayChanges {
  private readonly counts = new Map<string, number>();

  touch(officeDate: string): void {
    this.counts.set(officeDate, (this.counts.get(officeDate) ?? 0) + 1);
  }

  version(officeDate: string): number {
    return this.counts.get(officeDate) ?? 0;
  }
}
