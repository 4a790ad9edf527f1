import { useState } from 'react';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { desktopBridge } from '../shared/desktop.ts';
import { modeTexts, texts, useLanguage, useText } from '../shared/i18n.ts';

const modes = modeTexts;

type Role = 'hub' | 'join';

/** `10.0.0.21` or `10.0.0.21:9100` → a TCP printer; empty → none; anything else → undefined. */
export function printerFrom(
  text: string,
): { transport: 'tcp'; host: string; port: number } | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /^([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/.exec(trimmed);
  const port = Number(match?.[2] ?? 9100);
  if (!match || port < 1 || port > 65535) return undefined;
  return { transport: 'tcp', host: match[1] as string, port };
}

/**
 * The first-start screen of the desktop app, for the office's IT person: this PC is the floor's
 * hub (and which station it is), or it joins a hub with the pairing code the hub showed.
 */
export function SetupApp() {
  const t = useText();
  const toggle = useLanguage((s) => s.toggle);
  const [role, setRole] = useState<Role | null>(null);
  const [mode, setMode] = useState<string>('kiosk');
  const [name, setName] = useState('');
  const [lan, setLan] = useState(false);
  const [hubUrl, setHubUrl] = useState('http://');
  const [code, setCode] = useState('');
  const [printer, setPrinter] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [problem, setProblem] = useState<Bilingual | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const ticketPrinter = printerFrom(printer);
    if (ticketPrinter === undefined) return setProblem(texts.setupPrinterInvalid);
    if (pin !== pinAgain) return setProblem(texts.setupPinsDiffer);
    const input =
      role === 'hub'
        ? { role, mode, name, lan, ticketPrinter, pin }
        : { role: 'join', hubUrl: hubUrl.trim(), code, ticketPrinter, pin };
    setBusy(true);
    const result = await desktopBridge()?.setup(input);
    setBusy(false);
    if (result && !result.ok) {
      const issues = (result.error.details?.issues as { path: string; message: string }[] | undefined) ?? [];
      setProblem(
        issues.length
          ? `${t(result.error.message)} (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`
          : result.error.message,
      );
    }
  };

  return (
    <main className="kiosk setup">
      <header className="top-bar">
        <span className="brand">Loket</span>
        <button type="button" onClick={toggle}>
          {t(texts.switchLanguage)}
        </button>
      </header>
      <h1>{t(texts.setupTitle)}</h1>
      {!role ? (
        <div className="choices">
          <button type="button" className="big" onClick={() => setRole('hub')}>
            {t(texts.setupHub)}
            <small>{t(texts.setupHubHelp)}</small>
          </button>
          <button type="button" className="big" onClick={() => setRole('join')}>
            {t(texts.setupJoin)}
            <small>{t(texts.setupJoinHelp)}</small>
          </button>
        </div>
      ) : (
        <form
          className="setup-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {role === 'hub' ? (
            <>
              <fieldset>
                <legend>{t(texts.setupMode)}</legend>
                {modes.map(([id, label]) => (
                  <label key={id}>
                    <input type="radio" name="mode" checked={mode === id} onChange={() => setMode(id)} />
                    {t(label)}
                  </label>
                ))}
              </fieldset>
              <label>
                {t(texts.setupName)}
                <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="check">
                <input type="checkbox" checked={lan} onChange={(e) => setLan(e.target.checked)} />
                {t(texts.setupLan)}
              </label>
            </>
          ) : (
            <>
              <label>
                {t(texts.setupHubUrl)}
                <input value={hubUrl} maxLength={300} onChange={(e) => setHubUrl(e.target.value)} />
              </label>
              <label>
                {t(texts.setupCode)}
                <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
              </label>
            </>
          )}
          <label>
            {t(texts.setupPrinter)}
            <input value={printer} maxLength={260} onChange={(e) => setPrinter(e.target.value)} />
          </label>
          <label>
            {t(texts.setupPin)}
            <input
              type="password"
              inputMode="numeric"
              value={pin}
              maxLength={12}
              onChange={(e) => setPin(e.target.value)}
            />
          </label>
          <label>
            {t(texts.setupPinAgain)}
            <input
              type="password"
              inputMode="numeric"
              value={pinAgain}
              maxLength={12}
              onChange={(e) => setPinAgain(e.target.value)}
            />
          </label>
          {problem && (
            <p className="message" role="alert">
              {typeof problem === 'string' ? problem : t(problem)}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="big"
              onClick={() => {
                setRole(null);
                setProblem(null);
              }}
            >
              {t(texts.setupBack)}
            </button>
            <button type="submit" className="big primary" disabled={busy}>
              {t(texts.setupSave)}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
