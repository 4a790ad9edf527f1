import type { Migration } from './index.ts';

/**
 * The hub's update channels (docs/updates.md): the releases `loket updates publish` put under
 * DATA/updates/<channel>/<version>/ with every file's sha512 and size, each channel's state (the
 * version offered, the one fully rolled out before it, the staging percent, paused, a rollback),
 * the pilot stations that get a staged version first, and each station's last word on its update.
 * Hub only in use; a replica gets the empty tables with the rest of the schema.
 */
export const updates: Migration = {
  version: 27,
  name: 'updates',
  up(db) {
    db.exec(`
      CREATE TABLE update_releases (
        channel TEXT NOT NULL,
        version TEXT NOT NULL,
        release_date TEXT,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL,
        PRIMARY KEY (channel, version)
      );
      CREATE TABLE update_release_files (
        channel TEXT NOT NULL,
        version TEXT NOT NULL,
        name TEXT NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('linux', 'windows')),
        kind TEXT NOT NULL CHECK (kind IN ('channel', 'installer', 'blockmap')),
        sha512 TEXT,
        size INTEGER NOT NULL CHECK (size >= 0),
        PRIMARY KEY (channel, version, name),
        FOREIGN KEY (channel, version) REFERENCES update_releases (channel, version)
      );
      -- A file is asked for by its name alone (<base>/<name>): one version of a channel owns it.
      CREATE UNIQUE INDEX update_release_files_by_name ON update_release_files (channel, name)
        WHERE kind <> 'channel';
      CREATE TABLE update_channels (
        channel TEXT PRIMARY KEY,
        current_version TEXT NOT NULL,
        rolled_out_version TEXT,
        staging_percent INTEGER NOT NULL CHECK (staging_percent BETWEEN 0 AND 100),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        rolled_back_from TEXT,
        updated_at INTEGER NOT NULL,
        FOREIGN KEY (channel, current_version) REFERENCES update_releases (channel, version)
      );
      CREATE TABLE update_pilots (
        channel TEXT NOT NULL,
        station_id TEXT NOT NULL REFERENCES stations (id),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (channel, station_id)
      );
      CREATE TABLE update_reports (
        station_id TEXT PRIMARY KEY REFERENCES stations (id),
        staging_id TEXT,
        version TEXT,
        target_version TEXT,
        state TEXT NOT NULL CHECK (state IN ('checked', 'available', 'downloading', 'downloaded',
          'installed', 'failed', 'up-to-date')),
        error TEXT,
        at INTEGER NOT NULL,
        checked_at INTEGER
      );
    `);
  },
};
