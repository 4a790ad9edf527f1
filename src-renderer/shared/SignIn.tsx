import { useState } from 'react';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { signIn, OperationError } from './client.ts';
import { texts, useText } from './i18n.ts';

/**
 * Shown when this browser is not yet signed in as a station: the token is typed once, here. A
 * token of another mode is refused by the hub (no session opened) and `wrongMode` says so.
 */
export function SignIn({
  mode,
  problem,
  wrongMode,
  onSignedIn,
}: {
  mode: StationMode;
  problem: string | null;
  wrongMode: Bilingual;
  onSignedIn: () => void;
}) {
  const t = useText();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(problem);
  return (
    <main className="kiosk">
      <form
        className="screen sign-in"
        onSubmit={(event) => {
          event.preventDefault();
          signIn(token, mode).then(onSignedIn, (e: unknown) =>
            setError(
              e instanceof OperationError ? t(e.code === 'FORBIDDEN' ? wrongMode : e.text) : String(e),
            ),
          );
        }}
      >
        <h1>{t(texts.signInTitle)}</h1>
        <p>{t(texts.signInHelp)}</p>
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-label="token"
        />
        {error && (
          <p className="message" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="big primary">
          {t(texts.signIn)}
        </button>
      </form>
    </main>
  );
}
