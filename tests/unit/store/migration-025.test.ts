import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

const response = `INSERT INTO survey_responses (id, office_date, hour, stage, counter, station_id, service,
    u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_band, education, occupation, comment, answered_at)
  VALUES (@id, '2026-11-30', 10, 'interview', 3, 's1', 'paspor-baru',
    @u1, 4, 4, NULL, 3, 3, 4, 4, 2, @sex, '30-39', 's1', 'swasta', @comment, 0)`;

function surveyFloor() {
  const db = floorWithTicket(24);
  db.prepare(
    `INSERT INTO stations (id, name, mode, token_hash, created_at, counter)
     VALUES ('s1', 'Survei loket 3', 'feedback', 'h1', 0, 3)`,
  ).run();
  db.prepare(
    `INSERT INTO users (id, username, name, role, pin_salt, pin_hash, created_at, updated_at)
     VALUES ('sup', 'sup', 'Made Supervisor', 'supervisor', 'x', 'y', 0, 0)`,
  ).run();
  return db;
}

describe('migration 025: the satisfaction survey’s answers, with no way back to the visit', () => {
  it('keeps the floor’s rows and adds the three tables, idempotently', () => {
    const db = surveyFloor();
    expect(migrate(db, 25)).toBe(1);
    expect(migrate(db, 25)).toBe(0);
    expect(db.prepare('SELECT number FROM tickets').pluck().all()).toEqual(['A2-001']);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'survey_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['survey_followups', 'survey_responses', 'survey_visits']);
  });

  it('stores an answer with its stage, counter, day and hour, and no column that names a ticket or a person', () => {
    const db = surveyFloor();
    migrate(db, 25);
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('survey_responses')")
      .pluck()
      .all() as string[];
    expect(columns).toEqual([
      'id',
      'office_date',
      'hour',
      'stage',
      'counter',
      'station_id',
      'service',
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u7',
      'u8',
      'u9',
      'sex',
      'age_band',
      'education',
      'occupation',
      'comment',
      'answered_at',
    ]);
    for (const column of columns) expect(column).not.toMatch(/ticket|nik|name|booking|visit|number/);
    // survey_visits holds its key alone, stored without a row number: nothing pairs it with an answer.
    expect(db.prepare("SELECT name FROM pragma_table_info('survey_visits')").pluck().all()).toEqual([
      'visit_ref',
    ]);
    const visits = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'survey_visits'")
      .pluck()
      .get() as string;
    expect(visits).toMatch(/WITHOUT ROWID/);
    db.prepare('INSERT INTO survey_visits (visit_ref) VALUES (?)').run('a'.repeat(64));
    expect(() => db.prepare('INSERT INTO survey_visits (visit_ref) VALUES (?)').run('a'.repeat(64))).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(() => db.prepare('SELECT rowid FROM survey_visits').all()).toThrow(/rowid/);

    db.prepare(response).run({ id: 7, u1: 4, sex: 'perempuan', comment: 'Antrean cepat.' });
    expect(db.prepare('SELECT u4, u9, comment FROM survey_responses WHERE id = 7').get()).toEqual({
      u4: null,
      u9: 2,
      comment: 'Antrean cepat.',
    });
  });

  it('refuses an answer outside 1–4, an unknown profile value, an empty form and an empty comment', () => {
    const db = surveyFloor();
    migrate(db, 25);
    expect(() => db.prepare(response).run({ id: 1, u1: 5, sex: null, comment: null })).toThrow(/CHECK/);
    expect(() => db.prepare(response).run({ id: 2, u1: 0, sex: null, comment: null })).toThrow(/CHECK/);
    expect(() => db.prepare(response).run({ id: 3, u1: 4, sex: 'x', comment: null })).toThrow(/CHECK/);
    expect(() => db.prepare(response).run({ id: 4, u1: 4, sex: null, comment: '' })).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO survey_responses (id, office_date, hour, stage, station_id, service, answered_at)
           VALUES (5, '2026-11-30', 10, 'interview', 's1', 'lainnya', 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM survey_responses').pluck().get()).toBe(0);
  });

  it('keeps follow-ups with their officer, and reads a period by its indexes', () => {
    const db = surveyFloor();
    migrate(db, 25);
    db.prepare(response).run({ id: 9, u1: 3, sex: null, comment: 'Kursi kurang.' });
    db.prepare('INSERT INTO survey_followups (response_id, officer_id, note, at) VALUES (9, ?, ?, 1)').run(
      'sup',
      'Kursi ditambah.',
    );
    expect(() =>
      db
        .prepare('INSERT INTO survey_followups (response_id, officer_id, note, at) VALUES (9, ?, ?, 1)')
        .run('nobody', 'x'),
    ).toThrow(/FOREIGN KEY/);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(
      plan(
        `SELECT COUNT(*), SUM(u1) FROM survey_responses WHERE office_date BETWEEN '2026-10-01' AND '2026-12-31'`,
      ),
    ).toContain('survey_responses_by_day');
    expect(
      plan(
        `SELECT id FROM survey_responses WHERE comment IS NOT NULL AND office_date BETWEEN '2026-10-01' AND '2026-12-31'`,
      ),
    ).toContain('survey_responses_complaints');
  });
});
