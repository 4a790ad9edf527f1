import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../src-main/api/contract.ts';
import { applicationKinds, type ApplicationKind } from '../../src-main/domain/applicationKinds.ts';
import { calendarDayKinds, type CalendarDayKind } from '../../src-main/domain/calendarDayKinds.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { useAttempt } from './useAttempt.ts';

type CalendarYear = OutputOf<'calendar'>;
type PickupPromiseView = OutputOf<'previewPickupPromise'>;

/**
 * The year's closed days — national holidays, cuti bersama (removed ones struck through, with who
 * and why) and the office's own closures — with add, remove-with-reason and reload; and what a
 * citizen interviewed on a given day would be promised, and why.
 */
export function HolidayCalendar({ officeDate }: { officeDate: string }) {
  const t = useText();
  const [year, setYear] = useState(Number(officeDate.slice(0, 4)));
  const [calendar, setCalendar] = useState<CalendarYear | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState(false);
  const load = useCallback(async () => setCalendar(await call('calendar', { year })), [year]);
  const { problem, attempt } = useAttempt(() => void load());
  // Loads again when the year changes (`load` changes with it).
  useEffect(() => {
    setReloaded(false);
    void attempt(load);
  }, [load]);
  const change = (input: InputOf<'changeCalendar'>) =>
    attempt(async () => setCalendar((await call('changeCalendar', input)).calendar));

  return (
    <section className="panel calendar-panel" data-testid="holiday-calendar">
      <h2>
        {t(texts.calendarTitle)}{' '}
        <select
          aria-label={t(texts.calendarYear)}
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[year - 1, year, year + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </h2>
      {calendar && <YearSource calendar={calendar} />}
      {calendar && (
        <table className="counts" data-testid="calendar-days">
          <thead>
            <tr>
              <th>{t(texts.calendarDate)}</th>
              <th>{t(texts.calendarKind)}</th>
              <th>{t(texts.calendarName)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {closedDays(calendar).map((day) => (
              <tr key={day.date} data-date={day.date} className={day.removed ? 'removed' : undefined}>
                <td className="figure">{day.removed ? <s>{day.date}</s> : day.date}</td>
                <td>{t(texts[day.kind])}</td>
                <td>
                  {t(day.name)}
                  {day.notes.map((note) => (
                    <span key={note.en} className="quiet">
                      {' '}
                      · {t(note)}
                    </span>
                  ))}
                </td>
                <td>
                  {day.editable && removing !== day.date && (
                    <button type="button" onClick={() => setRemoving(day.date)}>
                      {t(texts.removeDay)}
                    </button>
                  )}
                  {removing === day.date && (
                    <RemoveForm
                      onCancel={() => setRemoving(null)}
                      onRemove={(reason) => {
                        setRemoving(null);
                        void change({ action: 'remove', date: day.date, reason });
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddDayForm year={year} onAdd={(day) => void change({ action: 'add', ...day })} />
      {calendar?.shipped.state === 'ok' && (
        <button
          type="button"
          onClick={() =>
            void attempt(async () => {
              setCalendar((await call('changeCalendar', { action: 'reload', year })).calendar);
              setReloaded(true);
            })
          }
        >
          {t(texts.reloadCalendar)}
        </button>
      )}
      {reloaded && <span className="quiet"> {t(texts.reloadDone)}</span>}
      {problem && <p className="cause">{problem}</p>}
      <PromisePreview officeDate={officeDate} />
    </section>
  );
}

function YearSource({ calendar }: { calendar: CalendarYear }) {
  const t = useText();
  if (calendar.shipped.state === 'invalid')
    return (
      <div className="notice warn" data-testid="calendar-file-problem">
        <p>{t(texts.calendarFileProblem)}:</p>
        {calendar.shipped.problems.map((p) => (
          <p key={p} className="quiet">
            {p}
          </p>
        ))}
      </div>
    );
  if (!calendar.loaded) return <p className="quiet">{t(texts.calendarNotLoaded)}</p>;
  return (
    <p className="quiet" data-testid="calendar-source">
      {calendar.loaded.provisional && <strong>{t(texts.calendarProvisional)} </strong>}
      {calendar.loaded.source}
    </p>
  );
}

interface Row {
  date: string;
  kind: CalendarDayKind | 'officeClosure';
  name: Bilingual;
  /** Not fixed yet, added by the office, removed: with who and why. */
  notes: Bilingual[];
  removed: boolean;
  /** Calendar days are edited here; the office's closures in the office configuration. */
  editable: boolean;
}

/** Calendar days and office closures in date order, each with what the supervisor should know. */
function closedDays(calendar: CalendarYear): Row[] {
  const marks = (day: CalendarYear['days'][number]) =>
    [
      day.provisional ? texts.provisionalDay : null,
      day.origin === 'office' ? join(texts.addedByOffice, day.added.by, day.added.reason) : null,
      day.removed ? join(texts.removedBy, day.removed.by, day.removed.reason) : null,
    ].filter((m): m is Bilingual => m !== null);
  const rows: Row[] = calendar.days.map((day) => ({
    date: day.date,
    kind: day.kind,
    name: day.name,
    notes: marks(day),
    removed: day.removed !== null,
    editable: day.removed === null,
  }));
  for (const closure of calendar.closures)
    rows.push({
      date: closure.date,
      kind: 'officeClosure',
      name: { id: closure.reason, en: closure.reason },
      notes: [],
      removed: false,
      editable: false,
    });
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

const join = (what: Bilingual, by: string, reason: string | null): Bilingual => ({
  id: `${what.id} ${by}${reason ? `: ${reason}` : ''}`,
  en: `${what.en} ${by}${reason ? `: ${reason}` : ''}`,
});

function RemoveForm({ onRemove, onCancel }: { onRemove(reason: string): void; onCancel(): void }) {
  const t = useText();
  const [reason, setReason] = useState('');
  return (
    <form
      className="remove-day"
      onSubmit={(event) => {
        event.preventDefault();
        onRemove(reason.trim());
      }}
    >
      <TextInput label={texts.changeReason} value={reason} onChange={setReason} />
      <button type="submit" disabled={!reason.trim()}>
        {t(texts.confirmRemoval)}
      </button>
      <button type="button" onClick={onCancel}>
        {t(texts.cancel)}
      </button>
    </form>
  );
}

function AddDayForm({
  year,
  onAdd,
}: {
  year: number;
  onAdd(day: { date: string; kind: CalendarDayKind; name: Bilingual; reason?: string }): void;
}) {
  const t = useText();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('cuti_bersama');
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [reason, setReason] = useState('');
  const ready = date && nameId.trim() && nameEn.trim();
  return (
    <form
      className="add-day"
      onSubmit={(event) => {
        event.preventDefault();
        onAdd({
          date,
          kind,
          name: { id: nameId.trim(), en: nameEn.trim() },
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        });
        setNameId('');
        setNameEn('');
        setReason('');
      }}
    >
      <input
        type="date"
        aria-label={t(texts.calendarDate)}
        min={`${year}-01-01`}
        max={`${year}-12-31`}
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <select
        aria-label={t(texts.calendarKind)}
        value={kind}
        onChange={(e) => setKind(e.target.value as CalendarDayKind)}
      >
        {calendarDayKinds.map((k) => (
          <option key={k} value={k}>
            {t(texts[k])}
          </option>
        ))}
      </select>
      <TextInput label={texts.nameInIndonesian} value={nameId} onChange={setNameId} />
      <TextInput label={texts.nameInEnglish} value={nameEn} onChange={setNameEn} />
      <TextInput label={texts.changeReason} value={reason} onChange={setReason} />
      <button type="submit" disabled={!ready}>
        {t(texts.addClosedDay)}
      </button>
    </form>
  );
}

/** "What would a citizen interviewed on D get": the same promise the receipt prints, and why. */
function PromisePreview({ officeDate }: { officeDate: string }) {
  const t = useText();
  const [date, setDate] = useState(officeDate);
  const [kind, setKind] = useState<ApplicationKind>('baru');
  const [promise, setPromise] = useState<PickupPromiseView | null>(null);
  const { problem, attempt } = useAttempt(() => undefined);
  return (
    <div className="promise-preview" data-testid="promise-preview">
      <h3>{t(texts.promisePreview)}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => setPromise(await call('previewPickupPromise', { date, kind })));
        }}
      >
        <input
          type="date"
          aria-label={t(texts.calendarDate)}
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <select
          aria-label={t(texts.applicationKind)}
          value={kind}
          onChange={(e) => setKind(e.target.value as ApplicationKind)}
        >
          {applicationKinds.map((k) => (
            <option key={k} value={k}>
              {t(texts[k])}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!date}>
          {t(texts.showPromise)}
        </button>
      </form>
      {promise?.kind === 'after_bap' && <p data-testid="promise-date">{t(promise.message)}</p>}
      {promise?.kind === 'date' && (
        <>
          <p data-testid="promise-date">
            {t(texts.pickupOn)} <strong>{promise.date}</strong>
          </p>
          {promise.reasons.length > 0 && (
            <>
              <h4>{t(texts.whyThisDate)}</h4>
              <ul data-testid="promise-reasons">
                {promise.reasons.map((r) => (
                  <li key={`${r.date}-${r.cause}`}>{t(r.text)}</li>
                ))}
              </ul>
            </>
          )}
          {promise.caveats.map((c) => (
            <p key={c.text.en} className="notice">
              {t(c.text)}
            </p>
          ))}
        </>
      )}
      {problem && <p className="cause">{problem}</p>}
    </div>
  );
}

/** A line of text the supervisor types (a name, a reason): labelled and hinted with the same words. */
function TextInput({
  label,
  value,
  onChange,
}: {
  label: Bilingual;
  value: string;
  onChange(value: string): void;
}) {
  const t = useText();
  return (
    <input
      aria-label={t(label)}
      placeholder={t(label)}
      value={value}
      maxLength={200}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
