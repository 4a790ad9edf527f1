import { randomInt } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { surveyElements } from '../domain/survey/elements.ts';
import type { ElementTotals } from '../domain/survey/ikm.ts';
import type { Db } from './db.ts';

/** An answer as stored: the visit's stage, counter, day and hour, never the visit itself. */
export interface SurveyResponseRecord {
  officeDate: string;
  hour: number;
  stage: string;
  counter: number | null;
  stationId: string;
  service: string;
  /** U1–U9 in order; null: not answered. */
  answers: readonly (number | null)[];
  sex: string | null;
  ageBand: string | null;
  education: string | null;
  occupation: string | null;
  comment: string | null;
  /** Kept to the hour. */
  answeredAt: number;
}

/** Which answers a read takes: office days from..to (both included), optionally one stage or counter. */
export interface SurveyFilter {
  from: string;
  to: string;
  stage?: string | undefined;
  counter?: number | undefined;
}

export interface SurveyComplaintRow {
  id: number;
  officeDate: string;
  hour: number;
  stage: string;
  counter: number | null;
  comment: string;
}

export interface SurveyFollowUpRow {
  responseId: number;
  at: number;
  officer: string;
  note: string;
}

/** A visit finished at a counter (the feedback station's "the visit just finished here"). */
export interface FinishedAtCounter {
  ticketId: string;
  officeDate: string;
  stage: string;
  finishedAt: number;
}

/** The profile columns a table counts, by the name the report gives them. */
export const profileColumns = {
  sex: 'sex',
  ageBand: 'age_band',
  education: 'education',
  occupation: 'occupation',
  service: 'service',
} as const;
export type ProfileColumn = keyof typeof profileColumns;

const elementColumns = surveyElements.join(', ');
const totalsColumns = `COUNT(*), ${surveyElements.map((e) => `SUM(${e}), COUNT(${e})`).join(', ')}`;
// The filters are fixed text with parameters: NULL stage or counter means "any".
const where = `office_date BETWEEN @from AND @to AND (@stage IS NULL OR stage = @stage)
  AND (@counter IS NULL OR counter = @counter)`;

const params = (filter: SurveyFilter) => ({
  from: filter.from,
  to: filter.to,
  stage: filter.stage ?? null,
  counter: filter.counter ?? null,
});

const totalsOf = (row: unknown[], offset = 0): ElementTotals => ({
  responses: row[offset] as number,
  sums: surveyElements.map((_, i) => (row[offset + 1 + 2 * i] as number | null) ?? 0),
  counts: surveyElements.map((_, i) => row[offset + 2 + 2 * i] as number),
});

/** The survey's answers, the visits that gave one (by keyed hash only), and the complaints' follow-ups. */
export class SurveyRepository {
  private readonly insertVisit: Statement;
  private readonly insertResponse: Statement;
  private readonly idTaken: Statement;
  private readonly totalsStmt: Statement;
  private readonly byStageStmt: Statement;
  private readonly byCounterStmt: Statement;
  private readonly complaintsStmt: Statement;
  private readonly complaintStmt: Statement;
  private readonly followUpsStmt: Statement;
  private readonly insertFollowUp: Statement;
  private readonly visitKnown: Statement;
  private readonly doneAtCounter: Statement;
  private readonly finishedVisitsStmt: Statement;
  private readonly profileStmts = new Map<ProfileColumn, Statement>();

  constructor(private readonly db: Db) {
    this.insertVisit = db.prepare('INSERT OR IGNORE INTO survey_visits (visit_ref) VALUES (?)');
    this.visitKnown = db.prepare('SELECT 1 FROM survey_visits WHERE visit_ref = ?').pluck();
    this.insertResponse = db.prepare(`INSERT INTO survey_responses (id, office_date, hour, stage, counter,
        station_id, service, ${elementColumns}, sex, age_band, education, occupation, comment, answered_at)
      VALUES (@id, @officeDate, @hour, @stage, @counter, @stationId, @service,
        ${surveyElements.map((e) => `@${e}`).join(', ')}, @sex, @ageBand, @education, @occupation, @comment, @answeredAt)`);
    this.idTaken = db.prepare('SELECT 1 FROM survey_responses WHERE id = ?').pluck();
    this.totalsStmt = db.prepare(`SELECT ${totalsColumns} FROM survey_responses WHERE ${where}`).raw(true);
    this.byStageStmt = db
      .prepare(
        `SELECT stage, ${totalsColumns} FROM survey_responses WHERE ${where} GROUP BY stage ORDER BY stage`,
      )
      .raw(true);
    this.byCounterStmt = db
      .prepare(
        `SELECT counter, ${totalsColumns} FROM survey_responses WHERE ${where} AND counter IS NOT NULL
         GROUP BY counter ORDER BY counter`,
      )
      .raw(true);
    this.complaintsStmt = db.prepare(`SELECT id, office_date AS officeDate, hour, stage, counter, comment
      FROM survey_responses INDEXED BY survey_responses_complaints
      WHERE comment IS NOT NULL AND ${where} ORDER BY office_date, hour, id`);
    this.complaintStmt = db.prepare(`SELECT id, office_date AS officeDate, hour, stage, counter, comment
      FROM survey_responses WHERE id = ?`);
    this.followUpsStmt = db.prepare(`SELECT f.response_id AS responseId, f.at, u.name AS officer, f.note
      FROM survey_followups AS f JOIN users AS u ON u.id = f.officer_id
      WHERE f.response_id IN (SELECT value FROM json_each(?)) ORDER BY f.at, f.id`);
    this.insertFollowUp = db.prepare(
      'INSERT INTO survey_followups (response_id, officer_id, note, at) VALUES (?, ?, ?, ?)',
    );
    this.doneAtCounter = db.prepare(`SELECT ticket_id AS ticketId, office_date AS officeDate, stage,
        updated_at AS finishedAt
      FROM queue_entries WHERE counter = ? AND status = 'done' AND office_date = ? AND updated_at >= ?
      ORDER BY updated_at DESC LIMIT 50`);
    // A visit finished at a stage: a queue entry done there, counted once per ticket and day.
    this.finishedVisitsStmt = db
      .prepare(
        `SELECT COUNT(DISTINCT ticket_id || '|' || office_date) FROM queue_entries
         WHERE office_date BETWEEN @from AND @to AND (@stage IS NULL OR stage = @stage) AND status = 'done'
           AND (@counter IS NULL OR counter = @counter)`,
      )
      .pluck();
  }

  /** Records that a visit answered: false when it had already (nothing written then). */
  recordVisit(visitRef: string): boolean {
    return this.insertVisit.run(visitRef).changes === 1;
  }

  visitAnswered(visitRef: string): boolean {
    return this.visitKnown.get(visitRef) !== undefined;
  }

  /** Stores an answer under a random id (no order of answering in it); answers the id. */
  addResponse(response: SurveyResponseRecord): number {
    let id = randomInt(1, 2 ** 47);
    while (this.idTaken.get(id) !== undefined) id = randomInt(1, 2 ** 47);
    const answers = Object.fromEntries(surveyElements.map((e, i) => [e, response.answers[i] ?? null]));
    this.insertResponse.run({ ...response, ...answers, id });
    return id;
  }

  /** Per element the sum and count of the answers of the filter's days. */
  totals(filter: SurveyFilter): ElementTotals {
    return totalsOf(this.totalsStmt.get(params(filter)) as unknown[]);
  }

  byStage(filter: SurveyFilter): { stage: string; totals: ElementTotals }[] {
    return (this.byStageStmt.all(params(filter)) as unknown[][]).map((row) => ({
      stage: row[0] as string,
      totals: totalsOf(row, 1),
    }));
  }

  byCounter(filter: SurveyFilter): { counter: number; totals: ElementTotals }[] {
    return (this.byCounterStmt.all(params(filter)) as unknown[][]).map((row) => ({
      counter: row[0] as number,
      totals: totalsOf(row, 1),
    }));
  }

  /** How many answers named each value of a profile column (unanswered ones as `tidak diisi`). */
  profile(column: ProfileColumn, filter: SurveyFilter): { value: string; count: number }[] {
    let stmt = this.profileStmts.get(column);
    if (!stmt) {
      const name = profileColumns[column];
      stmt = this.db.prepare(`SELECT COALESCE(${name}, 'tidak diisi') AS value, COUNT(*) AS count
        FROM survey_responses WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`);
      this.profileStmts.set(column, stmt);
    }
    return stmt.all(params(filter)) as { value: string; count: number }[];
  }

  complaints(filter: SurveyFilter): SurveyComplaintRow[] {
    return this.complaintsStmt.all(params(filter)) as SurveyComplaintRow[];
  }

  /** One answer with its comment (a complaint), or null when there is no such answer. */
  response(id: number): (Omit<SurveyComplaintRow, 'comment'> & { comment: string | null }) | null {
    return (this.complaintStmt.get(id) as SurveyComplaintRow | undefined) ?? null;
  }

  followUps(responseIds: readonly number[]): SurveyFollowUpRow[] {
    if (responseIds.length === 0) return [];
    return this.followUpsStmt.all(JSON.stringify(responseIds)) as SurveyFollowUpRow[];
  }

  addFollowUp(responseId: number, officerId: string, note: string, at: number): void {
    this.insertFollowUp.run(responseId, officerId, note, at);
  }

  /** The visits finished at a counter on a day since an instant, the latest first. */
  finishedAtCounter(counter: number, officeDate: string, since: number): FinishedAtCounter[] {
    return this.doneAtCounter.all(counter, officeDate, since) as FinishedAtCounter[];
  }

  /** Service users of the filter's days: visits with a queue entry done (at the stage, the counter). */
  finishedVisits(filter: SurveyFilter): number {
    return this.finishedVisitsStmt.get(params(filter)) as number;
  }
}
