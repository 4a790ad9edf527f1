import type { CounterView } from '../../src-main/api/counterViews.ts';
import type { OfficeView } from '../../src-main/api/views.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { texts, useText } from '../shared/i18n.ts';

type Row = CounterView['waiting'][number];

/**
 * How many wait per stage, lane and window — counts, never who: the counter's panel and the
 * supervisor's. The stage column shows only when `rows` span more than one stage.
 */
export function WaitingCounts({
  title,
  rows,
  office,
  testId,
}: {
  title: Bilingual;
  rows: Row[];
  office: OfficeView['config'] | null;
  testId: string;
}) {
  const t = useText();
  const named = (list: { id: string; name: Bilingual }[] | undefined, id: string) =>
    t(list?.find((item) => item.id === id)?.name ?? { id, en: id });
  const waiting = rows.filter((row) => row.waiting > 0);
  const stages = new Set(rows.map((row) => row.stage)).size > 1;
  return (
    <section className="panel">
      <h2>{t(title)}</h2>
      {waiting.length === 0 ? (
        <p className="quiet">{t(texts.nobodyAtAll)}</p>
      ) : (
        <table className="counts" data-testid={testId}>
          <thead>
            <tr>
              {stages && <th>{t(texts.stage)}</th>}
              <th>{t(texts.lane)}</th>
              <th>{t(texts.arrivalWindow)}</th>
              <th>{t(texts.waiting)}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((row) => (
              <tr key={`${row.stage}/${row.lane}/${row.window}`}>
                {stages && <td>{named(office?.floor.stages, row.stage)}</td>}
                <td>{named(office?.lanes, row.lane)}</td>
                <td>{row.window}</td>
                <td className="figure">{row.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
