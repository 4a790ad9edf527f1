import { useEffect, useState } from 'react';
import type { BoardView } from '../../src-main/api/counterViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { gradeWords, indexText } from '../../src-main/domain/survey/publishing.ts';
import { useFloorEvents, type StreamedEvent, type StreamStatus } from '../shared/events.ts';
import { texts } from '../shared/i18n.ts';
import { Announcer } from './announcer.ts';
import { useBoard } from './store.ts';

/** A safety net beside the events: the waiting counts and the average wait drift with the clock. */
const reloadEveryMs = 30_000;
/** Today's public figures ("Hari ini") are reloaded every minute, and on each call. */
const todayEveryMs = 60_000;

const isCall = (
  event: StreamedEvent,
): event is Extract<StreamedEvent, { type: 'ticket.called' | 'ticket.recalled' }> =>
  event.type === 'ticket.called' || event.type === 'ticket.recalled';

/** The board speaks to the whole hall: both languages at once, no switch. */
function Both({ text }: { text: Bilingual }) {
  return (
    <>
      <span lang="id">{text.id}</span>{' '}
      <span lang="en" className="en">
        {text.en}
      </span>
    </>
  );
}

/**
 * The now-serving board on the hall's TV: the latest call large, the calls before it, how many
 * wait per lane, today's quota and the last hour's average wait — numbers only, never a name. It
 * speaks each call made while it is open; what it missed before it loaded or while the hub was
 * out of reach it shows without speaking.
 */
export function DisplayApp() {
  const refresh = useBoard((s) => s.refresh);
  const refreshToday = useBoard((s) => s.refreshToday);
  const [announcer] = useState(() => new Announcer());
  useEffect(() => {
    // What the board has spoken, in order: for the IT person's console and the browser tests.
    (window as { loketAnnouncer?: Announcer }).loketAnnouncer = announcer;
  }, [announcer]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), reloadEveryMs);
    return () => window.clearInterval(timer);
  }, [refresh]);
  useEffect(() => {
    void refreshToday();
    const timer = window.setInterval(() => void refreshToday(), todayEveryMs);
    return () => window.clearInterval(timer);
  }, [refreshToday]);
  // A clip that would not play (most often a browser that allows no sound before a tap) shows a
  // mark until someone taps the board, which lets the next call be heard.
  const [silent, setSilent] = useState(false);
  useEffect(() => {
    if (!silent) return;
    const heard = () => setSilent(false);
    window.addEventListener('pointerdown', heard, { once: true });
    return () => window.removeEventListener('pointerdown', heard);
  }, [silent]);
  const status = useFloorEvents({
    onEvent: (event, live) => {
      // A passport made ready (or handed over) changes the board's pickup list.
      if (event.type.startsWith('passport.')) void refresh();
      if (!event.type.startsWith('ticket.') && event.type !== 'office.updated') return;
      void refresh();
      if (event.type === 'ticket.called') void refreshToday();
      if (live && isCall(event)) {
        const { number, counter } = event.payload;
        const failed = announcer.failed.length;
        void announcer.announce(number, counter).then(() => {
          if (announcer.failed.length > failed) setSilent(true);
        });
      }
    },
    // Every hello, the first too: a call made between the first load and the stream's start.
    onConnected: () => {
      void refresh();
      void refreshToday();
    },
  });
  return <Board status={status} silent={silent} />;
}

function Board({ status, silent }: { status: StreamStatus; silent: boolean }) {
  const { board, office } = useBoard();
  const reconnecting = status === 'reconnecting';
  return (
    <main className="board" data-screen="board" data-stream={status}>
      <header className="board-bar">
        <span className="brand">Loket</span>
        <span className="office">{office}</span>
        {reconnecting && (
          <span className="mark" role="status" data-testid="reconnecting">
            <Both text={texts.reconnecting} />
          </span>
        )}
        {silent && (
          <span className="mark" role="status" data-testid="silent">
            <Both text={texts.soundOff} />
          </span>
        )}
        <span className="clock" data-testid="clock">
          {board?.now.slice(11, 16)}
        </span>
      </header>
      <div className="board-main">
        <Latest board={board} />
        <History board={board} />
      </div>
      {board && board.readyForPickup.length > 0 && <ReadyForPickup numbers={board.readyForPickup} />}
      {board && <Facts board={board} />}
    </main>
  );
}

function Latest({ board }: { board: BoardView | null }) {
  const latest = board?.calls[0];
  if (!latest)
    return (
      <section className="latest">
        <p className="label">
          <Both text={texts.noCallsYet} />
        </p>
      </section>
    );
  // A new key restarts the blink for each call, a recall of the same number included.
  return (
    <section className="latest fresh" key={`${latest.at}/${latest.number}`} data-testid="latest-call">
      <p className="label">
        <Both text={texts.nowServing} />
      </p>
      <p className="latest-number" data-testid="latest-number">
        {latest.number}
      </p>
      <p className="go-to">
        <Both text={texts.pleaseGoTo} />
      </p>
      <p className="latest-counter" data-testid="latest-counter">
        <span lang="id">
          {texts.counter.id} {latest.counter}
        </span>
      </p>
      <p className="go-to en" lang="en">
        {texts.counter.en} {latest.counter}
      </p>
    </section>
  );
}

function History({ board }: { board: BoardView | null }) {
  const earlier = board?.calls.slice(1, 9) ?? [];
  return (
    <aside className="history">
      <h2>
        <Both text={texts.earlierCalls} />
      </h2>
      <ol data-testid="history">
        {earlier.map((c) => (
          <li key={`${c.at}/${c.number}`}>
            <span>{c.number}</span>
            <span className="to">
              {texts.counter.id} {c.counter}
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** Application numbers whose passports wait at the handover desk. */
function ReadyForPickup({ numbers }: { numbers: string[] }) {
  return (
    <section className="ready-for-pickup" data-testid="ready-for-pickup">
      <h2>
        <Both text={texts.readyForPickup} />
      </h2>
      <ul>
        {numbers.map((number) => (
          <li key={number}>{number}</li>
        ))}
      </ul>
    </section>
  );
}

function Facts({ board }: { board: BoardView }) {
  const wait = board.averageWaitMinutes;
  const today = useBoard((s) => s.today);
  const survey = useBoard((s) => s.survey);
  return (
    <footer className="board-facts">
      <div className="lanes" data-testid="board-waiting">
        <span>
          <Both text={texts.waiting} />:
        </span>
        {board.waiting
          .filter((lane) => lane.waiting > 0 || lane.lane === 'regular')
          .map((lane) => (
            <span key={lane.lane} data-lane={lane.lane}>
              {lane.name.id}
              <strong>{lane.waiting}</strong>
            </span>
          ))}
      </div>
      <div data-testid="board-quota">
        <Both text={texts.quotaTitle} />
        <strong>
          {board.quota.used} / {board.quota.total}
        </strong>
      </div>
      <div data-testid="board-average-wait">
        <Both text={texts.averageWait} />
        <strong>
          {wait === null ? '–' : Math.round(wait)} {texts.minutes.id}
        </strong>
      </div>
      {today && <TodayPanel today={today} />}
      {survey && <SurveyFigure survey={survey} />}
    </footer>
  );
}

/** "Hari ini": today's average wait and the share called inside the window — the public figures. */
function TodayPanel({ today }: { today: NonNullable<ReturnType<typeof useBoard.getState>['today']> }) {
  const share = today.calledInsideWindowShare;
  return (
    <div className="today-panel" data-testid="board-today">
      <span className="today-title">
        <Both text={texts.todayPanel} />:
      </span>
      {today.averageWaitMs !== null && (
        <span data-testid="today-average-wait">
          <Both text={texts.todayAverageWait} />
          <strong>
            {Math.round(today.averageWaitMs / 60_000)} {texts.minutes.id}
          </strong>
        </span>
      )}
      {share !== null && (
        <span data-testid="today-inside-window">
          <Both text={texts.todayInsideWindow} />
          <strong>{Math.round(share * 100)}%</strong>
        </span>
      )}
    </div>
  );
}

/**
 * The satisfaction survey's index (issue 22), as `/public` shows it: "IKM Triwulan IV 2026: 87,50
 * (B, Baik)" and how many answered. Aggregates only; hidden until the period has answers.
 */
function SurveyFigure({ survey }: { survey: NonNullable<ReturnType<typeof useBoard.getState>['survey']> }) {
  if (survey.index === null) return null;
  const words = survey.grade === null ? null : gradeWords[survey.grade];
  return (
    <div className="survey-figure" data-testid="board-survey">
      <span>
        <span lang="id">IKM {survey.label}</span>{' '}
        <span lang="en" className="en">
          {texts.surveyIndexShort.en}
        </span>
      </span>
      <strong data-testid="board-survey-index">{indexText(survey.index)}</strong>
      {survey.grade !== null && words && (
        <span data-testid="board-survey-grade">
          ({survey.grade}, <span lang="id">{words.id}</span>{' '}
          <span lang="en" className="en">
            {words.en}
          </span>
          )
        </span>
      )}
      <span className="survey-responses" data-testid="board-survey-responses">
        {survey.responses.toLocaleString('id-ID')} <Both text={texts.surveyResponses} />
      </span>
    </div>
  );
}
