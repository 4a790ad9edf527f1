import type { Db } from './db.ts';
import type { ChannelState, UpdatePlatform, UpdateState } from '../domain/updates.ts';

/** One file of a published release, as checked when it was published. */
export interface ReleaseFile {
  name: string;
  platform: UpdatePlatform;
  kind: 'channel' | 'installer' | 'blockmap';
  /** Base64 SHA-512, as electron-builder writes it; null for a channel file. */
  sha512: string | null;
  size: number;
}

export interface Release {
  channel: string;
  version: string;
  releaseDate: string | null;
  publishedAt: number;
  publishedBy: string;
  files: ReleaseFile[];
}

/** A station's last word on its update, and when the hub last saw it check. */
export interface UpdateReport {
  stationId: string;
  stagingId: string | null;
  /** The version the station runs. */
  version: string | null;
  /** The version it found, downloads, downloaded or failed on. */
  targetVersion: string | null;
  state: UpdateState;
  error: string | null;
  at: number;
  checkedAt: number | null;
}

interface ChannelRow {
  channel: string;
  current_version: string;
  rolled_out_version: string | null;
  staging_percent: number;
  paused: number;
  rolled_back_from: string | null;
}

interface ReportRow {
  station_id: string;
  staging_id: string | null;
  version: string | null;
  target_version: string | null;
  state: UpdateState;
  error: string | null;
  at: number;
  checked_at: number | null;
}

const reportOf = (row: ReportRow): UpdateReport => ({
  stationId: row.station_id,
  stagingId: row.staging_id,
  version: row.version,
  targetVersion: row.target_version,
  state: row.state,
  error: row.error,
  at: row.at,
  checkedAt: row.checked_at,
});

/** The hub's update channels, their releases, pilots and the stations' reports (migration 027). */
export class UpdateRepository {
  constructor(private readonly db: Db) {}

  release(channel: string, version: string): Release | null {
    const row = this.db
      .prepare(
        `SELECT channel, version, release_date AS releaseDate, published_at AS publishedAt,
           published_by AS publishedBy FROM update_releases WHERE channel = ? AND version = ?`,
      )
      .get(channel, version) as Omit<Release, 'files'> | undefined;
    if (!row) return null;
    const files = this.db
      .prepare(
        `SELECT name, platform, kind, sha512, size FROM update_release_files
         WHERE channel = ? AND version = ? ORDER BY name`,
      )
      .all(channel, version) as ReleaseFile[];
    return { ...row, files };
  }

  /** The published versions of a channel, oldest first by publication. */
  versions(channel: string): string[] {
    return this.db
      .prepare('SELECT version FROM update_releases WHERE channel = ? ORDER BY published_at, rowid')
      .pluck()
      .all(channel) as string[];
  }

  /** The release file of a channel by its name (installers and blockmaps), with its version. */
  fileByName(channel: string, name: string): (ReleaseFile & { version: string }) | null {
    const row = this.db
      .prepare(
        `SELECT version, name, platform, kind, sha512, size FROM update_release_files
         WHERE channel = ? AND name = ? AND kind <> 'channel'`,
      )
      .get(channel, name) as (ReleaseFile & { version: string }) | undefined;
    return row ?? null;
  }

  addRelease(release: Release): void {
    this.db
      .prepare(
        `INSERT INTO update_releases (channel, version, release_date, published_at, published_by)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(release.channel, release.version, release.releaseDate, release.publishedAt, release.publishedBy);
    const insert = this.db.prepare(
      `INSERT INTO update_release_files (channel, version, name, platform, kind, sha512, size)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const file of release.files)
      insert.run(
        release.channel,
        release.version,
        file.name,
        file.platform,
        file.kind,
        file.sha512,
        file.size,
      );
  }

  channel(channel: string): ChannelState | null {
    const row = this.db
      .prepare(
        `SELECT channel, current_version, rolled_out_version, staging_percent, paused, rolled_back_from
         FROM update_channels WHERE channel = ?`,
      )
      .get(channel) as ChannelRow | undefined;
    if (!row) return null;
    return {
      channel: row.channel,
      currentVersion: row.current_version,
      rolledOutVersion: row.rolled_out_version,
      stagingPercent: row.staging_percent,
      paused: row.paused === 1,
      rolledBackFrom: row.rolled_back_from,
      pilots: this.pilots(row.channel),
    };
  }

  channels(): ChannelState[] {
    const names = this.db
      .prepare('SELECT channel FROM update_channels ORDER BY channel')
      .pluck()
      .all() as string[];
    return names.map((name) => this.channel(name) as ChannelState);
  }

  saveChannel(state: Omit<ChannelState, 'pilots'>, at: number): void {
    this.db
      .prepare(
        `INSERT INTO update_channels (channel, current_version, rolled_out_version, staging_percent, paused,
           rolled_back_from, updated_at)
         VALUES (@channel, @currentVersion, @rolledOutVersion, @stagingPercent, @paused, @rolledBackFrom, @at)
         ON CONFLICT (channel) DO UPDATE SET current_version = excluded.current_version,
           rolled_out_version = excluded.rolled_out_version, staging_percent = excluded.staging_percent,
           paused = excluded.paused, rolled_back_from = excluded.rolled_back_from, updated_at = excluded.updated_at`,
      )
      .run({ ...state, paused: state.paused ? 1 : 0, at });
  }

  pilots(channel: string): string[] {
    return this.db
      .prepare('SELECT station_id FROM update_pilots WHERE channel = ? ORDER BY added_at, station_id')
      .pluck()
      .all(channel) as string[];
  }

  /** False when the station already was one. */
  addPilot(channel: string, stationId: string, at: number): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO update_pilots (channel, station_id, added_at) VALUES (?, ?, ?)')
        .run(channel, stationId, at).changes === 1
    );
  }

  /** False when the station was not one. */
  removePilot(channel: string, stationId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM update_pilots WHERE channel = ? AND station_id = ?')
        .run(channel, stationId).changes === 1
    );
  }

  report(stationId: string): UpdateReport | null {
    const row = this.db.prepare('SELECT * FROM update_reports WHERE station_id = ?').get(stationId) as
      ReportRow | undefined;
    return row ? reportOf(row) : null;
  }

  reports(): UpdateReport[] {
    return (this.db.prepare('SELECT * FROM update_reports ORDER BY station_id').all() as ReportRow[]).map(
      reportOf,
    );
  }

  saveReport(report: UpdateReport): void {
    this.db
      .prepare(
        `INSERT INTO update_reports (station_id, staging_id, version, target_version, state, error, at, checked_at)
         VALUES (@stationId, @stagingId, @version, @targetVersion, @state, @error, @at, @checkedAt)
         ON CONFLICT (station_id) DO UPDATE SET staging_id = excluded.staging_id, version = excluded.version,
           target_version = excluded.target_version,
           state = excluded.state, error = excluded.error, at = excluded.at, checked_at = excluded.checked_at`,
      )
      .run(report);
  }
}
