import { useEffect, useState } from 'react';
import type { SurveyReportView } from '../../src-main/api/surveyViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { gradeWords, indexText } from '../../src-main/domain/survey/publishing.ts';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';

const words = {
  title: { id: 'IKM loket saya', en: 'My counter’s satisfaction index' },
  none: {
    id: 'Belum ada jawaban survei dari hari yang sudah lewat.',
    en: 'No survey answers from the days that are over yet.',
  },
  responses: (count: number): Bilingual => ({
    id: `${count.toLocaleString('id-ID')} tanggapan, sampai kemarin`,
    en: `${count.toLocaleString('en-GB')} responses, up to yesterday`,
  }),
} as const;

/**
 * "IKM loket saya": this quarter's index of the officer's own counter (`mySurveyFigures`), over
 * the days that are over only — never today's, so nobody watches a citizen's answer come in.
 * Hidden when the hub gives no figures (the counter not open yet, say).
 */
export function MySurvey() {
  const t = useText();
  const [view, setView] = useState<SurveyReportView | null>(null);
  useEffect(() => {
    let live = true;
    call('showOffice', {})
      .then(({ today }) =>
        call('mySurveyFigures', {
          period: 'quarter',
          year: Number(today.slice(0, 4)),
          index: Math.ceil(Number(today.slice(5, 7)) / 3),
        }),
      )
      .then((answer) => live && setView(answer))
      .catch(() => live && setView(null));
    return () => {
      live = false;
    };
  }, []);
  if (!view) return null;
  const { overall } = view;
  return (
    <section className="panel" data-testid="my-survey">
      <h2>
        {t(words.title)} · {view.period.label}
      </h2>
      {overall.index === null ? (
        <p className="quiet">{t(words.none)}</p>
      ) : (
        <p>
          <strong className="figure" data-testid="my-survey-index">
            {indexText(overall.index)}
          </strong>{' '}
          {overall.grade && (
            <span data-testid="my-survey-grade">
              ({overall.grade}, {t(gradeWords[overall.grade])})
            </span>
          )}{' '}
          <span className="quiet">{t(words.responses(overall.responses))}</span>
        </p>
      )}
    </section>
  );
}
