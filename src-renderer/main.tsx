import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CounterApp } from './counter/CounterApp.tsx';
import { DisplayApp } from './display/DisplayApp.tsx';
import { FeedbackApp } from './feedback/FeedbackApp.tsx';
import { HelpDeskApp } from './helpdesk/HelpDeskApp.tsx';
import { KioskApp } from './kiosk/KioskApp.tsx';
import { PrintApp } from './print/PrintApp.tsx';
import { SetupApp } from './setup/SetupApp.tsx';
import { OutOfService } from './shared/OutOfService.tsx';
import { call, OperationError } from './shared/client.ts';
import { desktopBridge } from './shared/desktop.ts';
import { texts, useText } from './shared/i18n.ts';
import { SignIn } from './shared/SignIn.tsx';
import { StaffExit } from './shared/StaffExit.tsx';
import { SupervisorApp } from './supervisor/SupervisorApp.tsx';
import './shared/station.css';

/** The station UIs: the path names the mode; the signed-in station must be of that mode. */
const modes = {
  kiosk: KioskApp,
  counter: CounterApp,
  display: DisplayApp,
  supervisor: SupervisorApp,
  print: PrintApp,
  helpdesk: HelpDeskApp,
  feedback: FeedbackApp,
} as const;
type Mode = keyof typeof modes;
/** What the sign-in screen says when the token belongs to a station of another mode. */
const wrongMode = {
  kiosk: texts.wrongModeKiosk,
  counter: texts.wrongModeCounter,
  display: texts.wrongModeDisplay,
  supervisor: texts.wrongModeSupervisor,
  print: texts.wrongModePrint,
  helpdesk: texts.wrongModeHelpDesk,
  feedback: texts.wrongModeFeedback,
} as const satisfies Record<Mode, unknown>;

function Station({ mode }: { mode: Mode }) {
  const t = useText();
  const [state, setState] = useState<'checking' | 'ready' | 'signed-out' | 'wrong-mode' | 'unreachable'>(
    'checking',
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [training, setTraining] = useState(false);
  const check = () => {
    call('whoAmI', {}).then(
      (station) => {
        setTraining(station.training);
        setState(station.mode === mode ? 'ready' : 'wrong-mode');
      },
      (error: unknown) => {
        // The desktop app holds its station's token; it has nothing to sign in with, only a hub
        // to wait for.
        if (desktopBridge()) {
          setProblem(error instanceof OperationError ? t(error.text) : String(error));
          setState('unreachable');
        } else setState('signed-out');
      },
    );
  };
  useEffect(check, []);
  useEffect(() => {
    if (state !== 'unreachable') return;
    const timer = setTimeout(check, 5000);
    return () => clearTimeout(timer);
  }, [state]);
  if (state === 'checking') return null;
  if (state === 'unreachable')
    return (
      <main className="kiosk">
        <div className="screen error">
          <p className="message" role="alert">
            {problem}
          </p>
        </div>
      </main>
    );
  if (state !== 'ready')
    return (
      <SignIn
        key={state}
        mode={mode}
        problem={state === 'wrong-mode' ? t(wrongMode[mode]) : null}
        wrongMode={wrongMode[mode]}
        onSignedIn={check}
      />
    );
  const App = modes[mode];
  return (
    <>
      {training && <TrainingMark />}
      <App />
    </>
  );
}

/**
 * On a training floor every screen says so, above everything and never in the way: a striped band
 * across the top that the page makes room for, which taps pass through.
 */
function TrainingMark() {
  return (
    <div className="training-mark" data-testid="training-mark" role="note">
      LATIHAN&nbsp;/&nbsp;TRAINING
    </div>
  );
}

function Page({ page }: { page: string }) {
  if (page === 'setup') return <SetupApp />;
  if (page === 'out-of-service') return <OutOfService />;
  if (page in modes) return <Station mode={page as Mode} />;
  return <p>Loket</p>;
}

const page = window.location.pathname.split('/')[1] ?? '';
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(
  <StrictMode>
    <Page page={page} />
    {page !== 'setup' && page !== 'out-of-service' && <StaffExit />}
  </StrictMode>,
);
