import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../src-main/api/contract.ts';
import { call } from '../shared/client.ts';
import { useWedgeScanner } from '../kiosk/useWedgeScanner.ts';
import { Both } from './Bilingual.tsx';
import { SurveyFlow, type SurveyStep } from './SurveyFlow.tsx';
import { feedbackTexts as words, rateCounter } from './texts.ts';

type Screen =
  | { kind: 'idle' }
  /** `attempt` tells one scan from the next of the same code (a misread scanned again). */
  | { kind: 'survey'; request: InputOf<'startSurvey'>; attempt: number }
  | { kind: 'too-long' };

/** How long "not recognised" stays before the idle screen is back. */
const tooLongMs = 10_000;

/**
 * The feedback station: a public touchscreen where a citizen rates the visit just finished. The
 * visit is found only by the ticket or receipt the citizen scans, or (a station standing at a
 * counter's exit) as the one just finished at that counter. No officer, no name on screen.
 */
export function FeedbackApp() {
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const [counter, setCounter] = useState<number | null>(null);
  // Read again at every return to the idle screen: the console may have moved the station.
  const idle = screen.kind === 'idle';
  useEffect(() => {
    if (!idle) return;
    call('whoAmI', {}).then(
      (station) => setCounter(station.counter),
      () => setCounter(null),
    );
  }, [idle]);
  // A scan opens the survey from any screen but a form being filled or sent: a citizen mid-form
  // is not cut off by the next one's scan; after a refusal, scanning again is the way forward.
  const step = useRef<SurveyStep['kind'] | null>(null);
  const attempts = useRef(0);
  const busy = () => step.current === 'opening' || step.current === 'form' || step.current === 'sending';
  const onStep = useCallback((kind: SurveyStep['kind']) => {
    step.current = kind;
  }, []);
  const onScan = useCallback((code: string) => {
    if (busy()) return;
    attempts.current += 1;
    step.current = 'opening';
    setScreen({ kind: 'survey', request: { code }, attempt: attempts.current });
  }, []);
  const onTooLong = useCallback(() => {
    if (!busy()) setScreen({ kind: 'too-long' });
  }, []);
  useWedgeScanner(onScan, onTooLong);
  const backToIdle = useCallback(() => {
    step.current = null;
    setScreen({ kind: 'idle' });
  }, []);
  useEffect(() => {
    if (screen.kind !== 'too-long') return;
    const timer = window.setTimeout(backToIdle, tooLongMs);
    return () => window.clearTimeout(timer);
  }, [screen, backToIdle]);

  return (
    <main className="kiosk feedback" data-screen={screen.kind}>
      <header className="top-bar">
        <span className="brand">Loket</span>
      </header>
      {screen.kind === 'idle' && (
        <section className="screen idle" aria-live="polite" data-testid="feedback-idle">
          <h1>
            <Both text={words.idleTitle} />
          </h1>
          <p className="lead">
            <Both text={words.scanPrompt} />
          </p>
          <div className="scan-arrow" aria-hidden="true">
            ↓
          </div>
          {counter !== null && (
            <button
              type="button"
              className="big primary"
              data-testid="rate-last-at-counter"
              onClick={() => {
                attempts.current += 1;
                step.current = 'opening';
                setScreen({ kind: 'survey', request: { lastAtCounter: true }, attempt: attempts.current });
              }}
            >
              <Both text={rateCounter(counter)} />
            </button>
          )}
          <p className="quiet">
            <Both text={words.anonymous} />
          </p>
        </section>
      )}
      {screen.kind === 'survey' && (
        <SurveyFlow key={screen.attempt} request={screen.request} onFinished={backToIdle} onStep={onStep} />
      )}
      {screen.kind === 'too-long' && (
        <section className="screen error" role="alert" data-testid="survey-refused" data-code="INVALID_SCAN">
          <p className="message">
            <Both text={words.scanTooLong} />
          </p>
          <button type="button" className="big primary" onClick={backToIdle}>
            <Both text={words.done} />
          </button>
        </section>
      )}
    </main>
  );
}
