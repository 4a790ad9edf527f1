import { useEffect, useState, type ReactNode } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { texts, useLanguage, useText } from '../shared/i18n.ts';
import { counterTexts } from './counterTexts.ts';
import { useIdleLock } from './idle.ts';
import type { OfficerSession, Refusal } from './officerSession.ts';

/**
 * The officer's sign-in, unlock screen and top bar, shared by the counter and the supervisor
 * console. Officers use a mouse and keyboard: plain form fields, not the kiosk's touch keys.
 */

/**
 * Shows the officer sign-in, the unlock screen, or `children` once an officer is at work here; a
 * counter's sign-in also asks for the desk (`withCounter`).
 */
export function OfficerGate({
  useSession,
  withCounter,
  children,
}: {
  useSession: UseBoundStore<StoreApi<OfficerSession>>;
  withCounter: boolean;
  children: ReactNode;
}) {
  const t = useText();
  const { screen, office, desk, officer, problem, busy, start, signIn, unlock, lock, switchOfficer } =
    useSession();
  useEffect(() => void start(), [start]);
  useIdleLock(screen === 'ready' ? (office?.floor.idleLockMinutes ?? null) : null, lock);
  if (screen === 'loading') return null;
  if (screen === 'locked')
    return (
      <Unlock
        officer={officer}
        problem={problem}
        busy={busy}
        onUnlock={(secret) => void unlock(secret)}
        onSwitch={switchOfficer}
      />
    );
  if (screen === 'sign-in') {
    const stageName = (id: string) => office?.floor.stages.find((s) => s.id === id)?.name;
    // The desk is the hub's to fix, never the sign-in's: it is shown, not chosen.
    const counter = desk === null ? null : office?.floor.counters.find((c) => c.number === desk);
    const fixed = counter
      ? {
          number: counter.number,
          label: `${t(texts.counter)} ${counter.number} — ${counter.stages.map((id) => t(stageName(id) ?? { id, en: id })).join(', ')}`,
        }
      : 'unset';
    return (
      <OfficerSignIn
        desk={withCounter ? fixed : null}
        problem={problem}
        busy={busy}
        onSubmit={(input) => void signIn(input)}
      />
    );
  }
  return children;
}

/** The top of an officer's screen; `reconnecting` while the event stream is down. */
export function OfficerBar({
  title,
  reconnecting = false,
  children,
}: {
  title: ReactNode;
  reconnecting?: boolean;
  children?: ReactNode;
}) {
  const t = useText();
  const toggle = useLanguage((s) => s.toggle);
  return (
    <header className="officer-bar">
      <span className="brand">Loket</span>
      <span className="title">{title}</span>
      <span className="spacer" />
      {reconnecting && (
        <span className="mark" role="status" data-testid="reconnecting">
          {t(texts.reconnecting)}
        </span>
      )}
      {children}
      <button type="button" onClick={toggle} data-testid="language">
        {t(texts.switchLanguage)}
      </button>
    </header>
  );
}

function Problem({ problem }: { problem: Refusal | null }) {
  const t = useText();
  if (!problem) return null;
  return (
    <p className="message" role="alert" data-code={problem.code} data-testid="officer-problem">
      {t(problem.text)}
    </p>
  );
}

function PinField({
  value,
  onChange,
  autoFocus = false,
}: {
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}) {
  const t = useText();
  return (
    <label>
      {t(texts.pin)}
      <input
        name="pin"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoFocus={autoFocus}
      />
    </label>
  );
}

/** A counter shows the desk the hub fixed for it (`desk`); the supervisor console has none. */
function OfficerSignIn({
  desk,
  problem,
  busy,
  onSubmit,
}: {
  desk: { number: number; label: string } | 'unset' | null;
  problem: Refusal | null;
  busy: boolean;
  onSubmit(input: { username: string; secret: string; counter?: number }): void;
}) {
  const t = useText();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const ready = username.trim() !== '' && secret !== '' && desk !== 'unset';
  return (
    <main className="officer">
      <OfficerBar title={t(texts.officerSignInTitle)} />
      <form
        className="officer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          onSubmit({ username, secret });
          setSecret('');
        }}
      >
        <h1>{t(texts.officerSignInTitle)}</h1>
        <label>
          {t(texts.username)}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoFocus
          />
        </label>
        <PinField value={secret} onChange={setSecret} />
        {desk === 'unset' && (
          <p className="message" role="alert" data-testid="sign-in-desk-unset">
            {t(counterTexts.deskUnset)}
          </p>
        )}
        {desk && desk !== 'unset' && (
          <p className="desk" data-testid="sign-in-desk" data-counter={desk.number}>
            {t(counterTexts.thisDesk)} <strong>{desk.label}</strong>
          </p>
        )}
        <Problem problem={problem} />
        <button type="submit" className="primary" disabled={!ready || busy}>
          {t(texts.signIn)}
        </button>
      </form>
    </main>
  );
}

/** After the idle lock: the same officer's PIN, or another officer signs in instead. */
function Unlock({
  officer,
  problem,
  busy,
  onUnlock,
  onSwitch,
}: {
  officer: string | null;
  problem: Refusal | null;
  busy: boolean;
  onUnlock(secret: string): void;
  onSwitch(): void;
}) {
  const t = useText();
  const [secret, setSecret] = useState('');
  return (
    <main className="officer" data-screen="locked">
      <OfficerBar title={t(texts.lockedTitle)} />
      <form
        className="officer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (secret) onUnlock(secret);
          setSecret('');
        }}
      >
        <h1>{t(texts.lockedTitle)}</h1>
        {officer && <p className="who">{officer}</p>}
        <p>{t(texts.lockedHelp)}</p>
        <PinField value={secret} onChange={setSecret} autoFocus />
        <Problem problem={problem} />
        <div className="row">
          <button type="submit" className="primary" disabled={!secret || busy}>
            {t(texts.unlock)}
          </button>
          <button type="button" onClick={onSwitch}>
            {t(texts.otherOfficer)}
          </button>
        </div>
      </form>
    </main>
  );
}
