import { ikmOf, type IkmResult, type SurveyForm } from '../../domain/survey/ikm.ts';
import { instantAt, plusDays } from '../../domain/localTime.ts';
import type { CentralStore } from '../store.ts';
import { checkPeriod, officesOf, type NationalQuery } from './query.ts';

export interface IkmFigures extends IkmResult {
  /** Answers logged before `survey.answered` carried its scores: not counted (docs/central.md). */
  withoutScores: number;
}

export interface NationalIkm {
  from: string;
  to: string;
  offices: ({ code: string; name: string } & IkmFigures)[];
  /** Every office's forms together, as one set (PermenPANRB 14/2017), the regulation's equal weights. */
  national: IkmFigures;
}

/**
 * The IKM (domain/survey/ikm.ts) of the survey answers of the period's office dates, per office and
 * nationally, from the scores `survey.answered` ships. An office's own element weights stay in the
 * office: the central index uses the regulation's equal weights.
 */
export async function nationalIkm(store: CentralStore, q: NationalQuery): Promise<NationalIkm> {
  checkPeriod(q);
  const offices = await officesOf(store, q.offices);
  const codes = offices.map((o) => o.code);
  // A day's margin each side of the period in UTC: the office date in the payload decides.
  const rows = await store.pool.query<{
    office: string;
    payload: { officeDate: string; scores?: SurveyForm };
  }>(
    `SELECT office, payload FROM central_events
     WHERE type = 'survey.answered' AND office = ANY($1::text[])
       AND at >= timestamptz 'epoch' + $2 * interval '1 millisecond'
       AND at < timestamptz 'epoch' + $3 * interval '1 millisecond'
       AND payload->>'officeDate' BETWEEN $4 AND $5`,
    [
      codes,
      instantAt(plusDays(q.from, -1), '00:00', 'UTC'),
      instantAt(plusDays(q.to, 2), '00:00', 'UTC'),
      q.from,
      q.to,
    ],
  );
  const figuresOf = (payloads: readonly { scores?: SurveyForm }[]): IkmFigures => {
    const forms = payloads.flatMap((p) => (p.scores && Object.keys(p.scores).length ? [p.scores] : []));
    return { ...ikmOf(forms), withoutScores: payloads.length - forms.length };
  };
  return {
    from: q.from,
    to: q.to,
    offices: offices.map((o) => ({
      code: o.code,
      name: o.name,
      ...figuresOf(rows.rows.filter((r) => r.office === o.code).map((r) => r.payload)),
    })),
    national: figuresOf(rows.rows.map((r) => r.payload)),
  };
}
