import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

function floorWithStation() {
  const db = floorWithTicket(26);
  db.prepare(
    `INSERT INTO stations (id, name, mode, token_hash, created_at, counter)
     VALUES ('s1', 'Loket 1', 'counter', 'h1', 0, 1)`,
  ).run();
  return db;
}

const release = (db: ReturnType<typeof floorWithStation>, version: string, file: string) => {
  db.prepare(
    `INSERT INTO update_releases (channel, version, release_date, published_at, published_by)
     VALUES ('stable', ?, NULL, 0, 'cli')`,
  ).run(version);
  db.prepare(
    `INSERT INTO update_release_files (channel, version, name, platform, kind, sha512, size)
     VALUES ('stable', ?, ?, 'linux', 'installer', 'x', 10)`,
  ).run(version, file);
};

describe('migration 027: the hub’s update channels, releases, pilots and station reports', () => {
  it('keeps the floor’s rows and adds the five tables, idempotently', () => {
    const db = floorWithStation();
    expect(migrate(db, 27)).toBe(1);
    expect(migrate(db, 27)).toBe(0);
    expect(db.prepare('SELECT number FROM tickets').pluck().all()).toEqual(['A2-001']);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'update_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'update_channels',
      'update_pilots',
      'update_release_files',
      'update_releases',
      'update_reports',
    ]);
  });

  it('a file name belongs to one version of a channel; a channel offers only a published version', () => {
    const db = floorWithStation();
    migrate(db, 27);
    release(db, '1.1.0', 'Loket-1.1.0.AppImage');
    expect(() => release(db, '1.2.0', 'Loket-1.1.0.AppImage')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO update_channels (channel, current_version, staging_percent, updated_at)
           VALUES ('stable', '9.9.9', 20, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO update_channels (channel, current_version, staging_percent, updated_at)
           VALUES ('stable', '1.1.0', 120, 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO update_channels (channel, current_version, staging_percent, updated_at)
       VALUES ('stable', '1.1.0', 20, 0)`,
    ).run();
  });

  it('a report names a paired station and one of the update states', () => {
    const db = floorWithStation();
    migrate(db, 27);
    const report = db.prepare(
      `INSERT INTO update_reports (station_id, staging_id, version, state, at) VALUES (?, 'u1', '1.1.0', ?, 0)`,
    );
    expect(() => report.run('nobody', 'installed')).toThrow(/FOREIGN KEY/);
    expect(() => report.run('s1', 'rebooted')).toThrow(/CHECK/);
    report.run('s1', 'downloaded');
    expect(() => db.prepare("INSERT INTO update_pilots VALUES ('stable', 'nobody', 0)").run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});
