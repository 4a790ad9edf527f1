import { useEffect, useState } from 'react';
import type { InputOf } from '../../src-main/api/contract.ts';
import type {
  StartSurveyView,
  SurveyAnswers,
  SurveyElement,
  SurveyProfile,
} from '../../src-main/api/surveyViews.ts';
import { surveyElementWording } from '../../src-main/domain/survey/elements.ts';
import type { Bilingual, ErrorCode } from '../../src-main/domain/errors.ts';
import { call, OperationError } from '../shared/client.ts';
import { Both } from './Bilingual.tsx';
import {
  ageBandWords,
  counterName,
  educationWords,
  feedbackTexts as words,
  occupationWords,
  sexWords,
} from './texts.ts';

/** A public machine: a form left alone this long is cleared for the next citizen. */
export const surveyIdleMs = 90_000;
/** How long the thanks and a refusal stay before the screen is ready for the next citizen. */
const thanksMs = 8_000;
const refusalMs = 15_000;

export type SurveyStep =
  | { kind: 'opening' }
  | { kind: 'form'; survey: StartSurveyView }
  | { kind: 'sending'; survey: StartSurveyView }
  | { kind: 'thanks' }
  | { kind: 'refused'; code: ErrorCode; message: Bilingual };

const refusal = (error: unknown): SurveyStep =>
  error instanceof OperationError
    ? { kind: 'refused', code: error.code, message: error.text }
    : { kind: 'refused', code: 'INTERNAL', message: words.failed };

/**
 * The Survei Kepuasan Masyarakat for one visit, shared by the feedback station and the kiosk:
 * opens the survey for what the citizen scanned (or the visit just finished at this station's
 * counter), asks the nine elements with one tap each, the optional profile and complaint, sends
 * it, thanks, and hands back. The hub answers a sealed token, never whose visit it was: nothing
 * here can show a name, NIK or ticket number.
 */
export function SurveyFlow({
  request,
  onFinished,
  onStep,
}: {
  request: InputOf<'startSurvey'>;
  onFinished(): void;
  /** Told each step, so a station can leave a citizen's form alone and take a new scan otherwise. */
  onStep?(kind: SurveyStep['kind']): void;
}) {
  const [step, setStep] = useState<SurveyStep>({ kind: 'opening' });
  useEffect(() => onStep?.(step.kind), [step.kind, onStep]);
  useEffect(() => {
    let current = true;
    call('startSurvey', request).then(
      (survey) => current && setStep({ kind: 'form', survey }),
      (error: unknown) => current && setStep(refusal(error)),
    );
    return () => {
      current = false;
    };
  }, [request]);
  useEffect(() => {
    if (step.kind !== 'thanks' && step.kind !== 'refused') return;
    const timer = window.setTimeout(onFinished, step.kind === 'thanks' ? thanksMs : refusalMs);
    return () => window.clearTimeout(timer);
  }, [step, onFinished]);
  useIdleTimeout(step.kind === 'form', onFinished);

  if (step.kind === 'opening')
    return (
      <section className="screen working" aria-busy="true">
        <p className="lead">
          <Both text={words.opening} />
        </p>
      </section>
    );
  if (step.kind === 'thanks')
    return (
      <section className="screen survey-thanks" data-testid="survey-thanks" aria-live="assertive">
        <p className="symbol" aria-hidden="true">
          ✓
        </p>
        <h1>
          <Both text={words.thanks} />
        </h1>
        <p className="lead">
          <Both text={words.thanksMore} />
        </p>
        <button type="button" className="big primary" onClick={onFinished}>
          <Both text={words.done} />
        </button>
      </section>
    );
  if (step.kind === 'refused')
    return (
      <section className="screen error" role="alert" data-testid="survey-refused" data-code={step.code}>
        <p className="symbol" aria-hidden="true">
          !
        </p>
        <p className="message" data-testid="survey-refusal">
          <Both text={step.message} />
        </p>
        <button type="button" className="big primary" onClick={onFinished}>
          <Both text={words.done} />
        </button>
      </section>
    );
  return (
    <SurveyForm
      survey={step.survey}
      sending={step.kind === 'sending'}
      onCancel={onFinished}
      onSend={(form) => {
        setStep({ kind: 'sending', survey: step.survey });
        call('submitSurvey', { token: step.survey.token, ...form }).then(
          () => setStep({ kind: 'thanks' }),
          (error: unknown) => setStep(refusal(error)),
        );
      }}
    />
  );
}

/** Calls `onIdle` once nobody has touched or typed for `surveyIdleMs` while `active`. */
function useIdleTimeout(active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(onIdle, surveyIdleMs);
    const touched = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, surveyIdleMs);
    };
    const events = ['pointerdown', 'keydown', 'input', 'scroll'] as const;
    for (const name of events) window.addEventListener(name, touched, true);
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, touched, true);
    };
  }, [active, onIdle]);
}

interface FilledForm {
  answers: SurveyAnswers;
  profile?: SurveyProfile;
  comment?: string;
}

function SurveyForm({
  survey,
  sending,
  onSend,
  onCancel,
}: {
  survey: StartSurveyView;
  sending: boolean;
  onSend(form: FilledForm): void;
  onCancel(): void;
}) {
  const [answers, setAnswers] = useState<Partial<Record<SurveyElement, number>>>({});
  const [profile, setProfile] = useState<SurveyProfile>({});
  const [comment, setComment] = useState('');
  const given = Object.keys(answers).length;
  const send = () => {
    const text = comment.trim();
    const chosen = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
    onSend({
      answers: answers as SurveyAnswers,
      ...(Object.keys(chosen).length ? { profile: chosen as SurveyProfile } : {}),
      ...(text ? { comment: text.slice(0, 1000) } : {}),
    });
  };
  return (
    <section className="survey-form" data-testid="survey-form" aria-busy={sending}>
      <header className="survey-head">
        <h1>
          <Both text={words.formTitle} />
        </h1>
        {survey.counter !== null && (
          <p data-testid="survey-counter">
            <Both text={words.formAbout} /> <Both text={counterName(survey.counter)} className="strong" />
          </p>
        )}
        <p className="quiet">
          <Both text={words.formHelp} />
        </p>
      </header>
      <ol className="survey-elements">
        {surveyElementWording.map((wording) => (
          <li key={wording.element} className="survey-element" data-element={wording.element}>
            <p className="question">
              <Both text={wording.question} />
            </p>
            <div className="survey-scale" role="radiogroup" aria-label={wording.name.id}>
              {wording.scale.map((label, i) => {
                const value = i + 1;
                const chosen = answers[wording.element] === value;
                return (
                  <button
                    type="button"
                    key={value}
                    role="radio"
                    aria-checked={chosen}
                    data-value={value}
                    className={chosen ? 'chosen' : undefined}
                    onClick={() => setAnswers((a) => ({ ...a, [wording.element]: value }))}
                  >
                    <span className="scale-value" aria-hidden="true">
                      {value}
                    </span>
                    <Both text={label} />
                  </button>
                );
              })}
            </div>
          </li>
        ))}
      </ol>
      <section className="survey-profile">
        <h2>
          <Both text={words.profileTitle} />
        </h2>
        {profileQuestions.map((question) => (
          <ProfileChoice key={question.field} {...question} profile={profile} onChange={setProfile} />
        ))}
      </section>
      <label className="survey-comment">
        <Both text={words.comment} className="label" />
        <Both text={words.commentHint} className="quiet" />
        <textarea
          data-testid="survey-comment"
          maxLength={1000}
          rows={4}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </label>
      <footer className="survey-actions">
        <p className="quiet" data-testid="survey-answered">
          {given} / {surveyElementWording.length} <Both text={words.answered} />
        </p>
        {given === 0 && (
          <p className="notice">
            <Both text={words.sendNeedsAnswer} />
          </p>
        )}
        <div className="actions">
          <button type="button" className="big secondary" onClick={onCancel} disabled={sending}>
            <Both text={words.cancel} />
          </button>
          <button
            type="button"
            className="big primary"
            data-testid="survey-submit"
            disabled={given === 0 || sending}
            onClick={send}
          >
            <Both text={sending ? words.sending : words.send} />
          </button>
        </div>
      </footer>
    </section>
  );
}

/** The profile's questions; each one's words are keyed by the contract's enum, so none is missed. */
type ProfileQuestion = {
  [F in keyof SurveyProfile]-?: {
    field: F;
    title: Bilingual;
    labels: Readonly<Record<NonNullable<SurveyProfile[F]>, Bilingual>>;
  };
}[keyof SurveyProfile];
const profileQuestions: readonly ProfileQuestion[] = [
  { field: 'sex', title: words.sex, labels: sexWords },
  { field: 'ageBand', title: words.ageBand, labels: ageBandWords },
  { field: 'education', title: words.education, labels: educationWords },
  { field: 'occupation', title: words.occupation, labels: occupationWords },
];

/** One profile question: large buttons, tapping the chosen one again leaves it unanswered. */
function ProfileChoice({
  field,
  title,
  labels,
  profile,
  onChange,
}: ProfileQuestion & {
  profile: SurveyProfile;
  onChange(update: (p: SurveyProfile) => SurveyProfile): void;
}) {
  const choices: Readonly<Record<string, Bilingual>> = labels;
  return (
    <fieldset className="survey-choice" data-field={field}>
      <legend>
        <Both text={title} />
      </legend>
      {Object.entries(choices).map(([value, label]) => {
        const chosen = profile[field] === value;
        return (
          <button
            type="button"
            key={value}
            aria-pressed={chosen}
            data-value={value}
            className={chosen ? 'chosen' : undefined}
            onClick={() => onChange((p) => ({ ...p, [field]: chosen ? undefined : value }))}
          >
            <Both text={label} />
          </button>
        );
      })}
    </fieldset>
  );
}
