import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskApp } from './kiosk/KioskApp.tsx';
import { call } from './shared/client.ts';
import { texts, useText } from './shared/i18n.ts';
import { SignIn } from './shared/SignIn.tsx';
import './shared/station.css';

/** The station UIs: the path names the mode; the signed-in station must be of that mode. */
const modes = { kiosk: KioskApp } as const;
type Mode = keyof typeof modes;

function Station({ mode }: { mode: Mode }) {
  const t = useText();
  const [state, setState] = useState<'checking' | 'ready' | 'signed-out' | 'wrong-mode'>('checking');
  const check = () => {
    call('whoAmI', {}).then(
      (station) => setState(station.mode === mode ? 'ready' : 'wrong-mode'),
      () => setState('signed-out'),
    );
  };
  useEffect(check, []);
  if (state === 'checking') return null;
  if (state !== 'ready')
    return (
      <SignIn key={state} problem={state === 'wrong-mode' ? t(texts.wrongMode) : null} onSignedIn={check} />
    );
  const App = modes[mode];
  return <App />;
}

const mode = window.location.pathname.split('/')[1] ?? '';
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<StrictMode>{mode in modes ? <Station mode={mode as Mode} /> : <p>Loket</p>}</StrictMode>);
