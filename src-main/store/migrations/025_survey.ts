import type { Migration } from './index.ts';

const element = (n: number) => `u${n} INTEGER CHECK (u${n} BETWEEN 1 AND 4)`;

/**
 * The satisfaction survey (issue 22, PermenPANRB 14/2017). An answer (`survey_responses`) keeps
 * the stage, counter, office day and hour of the visit, the station it was given at, the service,
 * the nine elements (NULL: not answered), the optional profile and comment — no ticket, NIK, name
 * or booking code. Its id is drawn at random by the store, so ids tell no order of answering, and
 * `answered_at` is kept to the hour.
 *
 * "One visit answers once" lives in `survey_visits`: the HMAC of the visit under a hub secret, and
 * nothing else. No column relates a visit to an answer, and WITHOUT ROWID stores the rows in the
 * order of their keys (random), not of their insertion, so no row number pairs them up either.
 *
 * The supervisor's follow-ups to a complaint are `survey_followups`, each with its officer.
 */
export const survey: Migration = {
  version: 25,
  name: 'survey',
  up(db) {
    db.exec(`
      CREATE TABLE survey_responses (
        id INTEGER PRIMARY KEY,
        office_date TEXT NOT NULL CHECK (office_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        stage TEXT NOT NULL CHECK (length(stage) BETWEEN 1 AND 40),
        counter INTEGER CHECK (counter BETWEEN 1 AND 30),
        station_id TEXT NOT NULL REFERENCES stations (id),
        service TEXT NOT NULL CHECK (service IN ('paspor-baru', 'penggantian', 'pengambilan', 'lainnya')),
        ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(element).join(',\n        ')},
        sex TEXT CHECK (sex IN ('laki-laki', 'perempuan')),
        age_band TEXT CHECK (age_band IN ('<20', '20-29', '30-39', '40-49', '50-59', '60+')),
        education TEXT CHECK (education IN ('sd', 'smp', 'sma', 'diploma', 's1', 's2+')),
        occupation TEXT CHECK (occupation IN ('pns', 'tni-polri', 'swasta', 'wirausaha', 'pelajar', 'lainnya')),
        comment TEXT CHECK (length(comment) BETWEEN 1 AND 1000),
        answered_at INTEGER NOT NULL,
        CHECK (COALESCE(u1, u2, u3, u4, u5, u6, u7, u8, u9) IS NOT NULL)
      );
      -- A period's figures, per stage and counter: a range of the index, no table rows for the filters.
      CREATE INDEX survey_responses_by_day ON survey_responses (office_date, stage, counter);
      -- A period's complaints: only the answers that carry one.
      CREATE INDEX survey_responses_complaints ON survey_responses (office_date) WHERE comment IS NOT NULL;

      CREATE TABLE survey_visits (visit_ref TEXT PRIMARY KEY CHECK (length(visit_ref) = 64)) WITHOUT ROWID;

      CREATE TABLE survey_followups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        response_id INTEGER NOT NULL REFERENCES survey_responses (id),
        officer_id TEXT NOT NULL REFERENCES users (id),
        note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
        at INTEGER NOT NULL
      );
      CREATE INDEX survey_followups_by_response ON survey_followups (response_id, at);
    `);
  },
};
