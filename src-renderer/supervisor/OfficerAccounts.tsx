import { useEffect, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { OfficerAccountView } from '../../src-main/api/officerViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { roleNames, userRoles, type UserRole } from '../../src-main/domain/roles.ts';
import { call } from '../shared/client.ts';
import { texts, useLanguage, useText } from '../shared/i18n.ts';
import { useFloor } from './store.ts';
import { useAttempt } from './useAttempt.ts';

type Accounts = OutputOf<'officerAccounts'>;

const words = {
  title: { id: 'Akun petugas', en: "Officers' accounts" },
  name: { id: 'Nama', en: 'Name' },
  role: { id: 'Peran', en: 'Role' },
  state: { id: 'Status', en: 'State' },
  lastSignIn: { id: 'Masuk terakhir', en: 'Last sign-in' },
  never: { id: 'Belum pernah', en: 'Never' },
  enabled: { id: 'Aktif', en: 'Enabled' },
  disabled: { id: 'Nonaktif', en: 'Disabled' },
  you: { id: 'Anda', en: 'you' },
  disable: { id: 'Nonaktifkan', en: 'Disable' },
  enable: { id: 'Aktifkan', en: 'Enable' },
  resetPin: { id: 'Atur ulang PIN', en: 'Reset PIN' },
  confirmDisable: {
    id: 'Nonaktifkan akun ini? Petugas langsung keluar dari semua stasiun.',
    en: 'Disable this account? The officer is signed out of every station at once.',
  },
  readOnly: {
    id: 'Hanya administrator yang dapat mengubah akun petugas.',
    en: "Only an administrator can change officers' accounts.",
  },
  addTitle: { id: 'Tambah petugas', en: 'Add an officer' },
  add: { id: 'Tambah petugas', en: 'Add officer' },
  pin: { id: 'PIN', en: 'PIN' },
  pinAgain: { id: 'Ulangi PIN', en: 'PIN again' },
  pinByOfficer: {
    id: 'Serahkan papan ketik kepada petugas: PIN diketik oleh petugas sendiri (6–12 angka) dan tidak pernah ditampilkan.',
    en: 'Hand the keyboard to the officer: they type their own PIN (6–12 digits); it is never shown.',
  },
  pinsDiffer: { id: 'Kedua PIN tidak sama. Ketik ulang.', en: 'The two PINs differ. Type them again.' },
  handOver: { id: 'Serahkan layar kepada', en: 'Hand the screen to' },
  typeNewPin: {
    id: 'ketik PIN baru Anda (6–12 angka). PIN tidak ditampilkan dan tidak dicatat.',
    en: 'type your new PIN (6–12 digits). It is neither shown nor logged.',
  },
  savePin: { id: 'Simpan PIN', en: 'Save PIN' },
  cancel: { id: 'Batal', en: 'Cancel' },
} satisfies Record<string, Bilingual>;

const done = {
  added: (name: string): Bilingual => ({ id: `${name} ditambahkan.`, en: `${name} added.` }),
  role: (name: string, role: UserRole): Bilingual => ({
    id: `Peran ${name} sekarang ${roleNames[role].id}.`,
    en: `${name} is now a ${roleNames[role].en}.`,
  }),
  enabled: (name: string, enabled: boolean): Bilingual =>
    enabled
      ? { id: `Akun ${name} aktif kembali.`, en: `${name}'s account is enabled again.` }
      : { id: `Akun ${name} dinonaktifkan.`, en: `${name}'s account is disabled.` },
  pin: (name: string): Bilingual => ({ id: `PIN ${name} telah diganti.`, en: `${name}'s PIN was changed.` }),
};

/** "30 November 2026, 08.05" in the office's time, as the hub sent it. */
function signedInText(at: string, language: 'id' | 'en'): string {
  const [date = '', time = ''] = at.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const monthName = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, 1)).toLocaleString(
    language === 'id' ? 'id-ID' : 'en-GB',
    { month: 'long', timeZone: 'UTC' },
  );
  const clock = time.slice(0, 5);
  return `${day} ${monthName} ${year}, ${language === 'id' ? clock.replace(':', '.') : clock}`;
}

/**
 * Officers' accounts on the supervisor console: every account with its role, state and last
 * sign-in. An administrator adds one, sets a role, disables or enables one, and resets a PIN; a PIN
 * is typed by the officer themself into a hidden field, sent once, and never shown or answered.
 * A supervisor sees the list only. Reloads with the floor (its 10 s and its events).
 */
export function OfficerAccounts() {
  const t = useText();
  const floor = useFloor((s) => s.floor);
  const [accounts, setAccounts] = useState<Accounts | null>(null);
  const [news, setNews] = useState<Bilingual | null>(null);
  const [resetFor, setResetFor] = useState<OfficerAccountView | null>(null);
  const reload = async () => setAccounts(await call('officerAccounts', {}));
  const { problem, setProblem, attempt } = useAttempt(() => void reload());
  useEffect(() => void attempt(reload), [floor]);
  /** Runs a change and says what it did; answers whether it worked (the refusal is shown). */
  const change = async (work: () => Promise<Bilingual>): Promise<boolean> => {
    let worked = false;
    setNews(null);
    await attempt(async () => {
      setNews(await work());
      worked = true;
    });
    return worked;
  };
  if (!accounts) return null;
  return (
    <section className="panel accounts-panel" data-testid="officer-accounts">
      <h2>{t(words.title)}</h2>
      {!accounts.mayChange && <p className="quiet">{t(words.readOnly)}</p>}
      <table className="counts">
        <thead>
          <tr>
            <th>{t(texts.username)}</th>
            <th>{t(words.name)}</th>
            <th>{t(words.role)}</th>
            <th>{t(words.state)}</th>
            <th>{t(words.lastSignIn)}</th>
            {accounts.mayChange && <th />}
          </tr>
        </thead>
        <tbody>
          {accounts.officers.map((officer) => (
            <AccountRow
              key={officer.username}
              officer={officer}
              self={officer.username === accounts.you}
              mayChange={accounts.mayChange}
              onRole={(role) =>
                void change(async () => {
                  await call('changeOfficer', { username: officer.username, role });
                  return done.role(officer.name, role);
                })
              }
              onEnabled={(enabled) => {
                if (enabled || window.confirm(t(words.confirmDisable)))
                  void change(async () => {
                    await call('changeOfficer', { username: officer.username, enabled });
                    return done.enabled(officer.name, enabled);
                  });
              }}
              onResetPin={() => {
                setNews(null);
                setProblem(null);
                setResetFor(officer);
              }}
            />
          ))}
        </tbody>
      </table>
      {resetFor && (
        <PinHandover
          officer={resetFor}
          onCancel={() => setResetFor(null)}
          onDiffer={() => setProblem(t(words.pinsDiffer))}
          onSave={(secret) =>
            change(async () => {
              await call('resetOfficerPin', { username: resetFor.username, secret });
              setResetFor(null);
              return done.pin(resetFor.name);
            })
          }
        />
      )}
      {accounts.mayChange && !resetFor && (
        <AddOfficer
          onDiffer={() => setProblem(t(words.pinsDiffer))}
          onAdd={(input) =>
            change(async () => {
              const added = await call('addOfficer', input);
              return done.added(added.name);
            })
          }
        />
      )}
      {news && (
        <p className="news" role="status" data-testid="accounts-news">
          {t(news)}
        </p>
      )}
      {problem && (
        <p className="cause" role="alert" data-testid="accounts-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

function AccountRow({
  officer,
  self,
  mayChange,
  onRole,
  onEnabled,
  onResetPin,
}: {
  officer: OfficerAccountView;
  self: boolean;
  mayChange: boolean;
  onRole(role: UserRole): void;
  onEnabled(enabled: boolean): void;
  onResetPin(): void;
}) {
  const t = useText();
  const language = useLanguage((s) => s.language);
  return (
    <tr data-username={officer.username} data-enabled={officer.enabled}>
      <td>
        {officer.username}
        {self && <span className="quiet"> ({t(words.you)})</span>}
      </td>
      <td>{officer.name}</td>
      <td>
        {mayChange && !self ? (
          <select
            aria-label={`${t(words.role)} ${officer.username}`}
            value={officer.role}
            onChange={(event) => onRole(event.target.value as UserRole)}
          >
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {t(roleNames[role])}
              </option>
            ))}
          </select>
        ) : (
          t(roleNames[officer.role])
        )}
      </td>
      <td>
        <span className={`state ${officer.enabled ? 'available' : 'closed'}`}>
          {t(officer.enabled ? words.enabled : words.disabled)}
        </span>
      </td>
      <td>{officer.lastSignInAt ? signedInText(officer.lastSignInAt, language) : t(words.never)}</td>
      {mayChange && (
        <td className="row">
          {!self && (
            <button type="button" onClick={() => onEnabled(!officer.enabled)}>
              {t(officer.enabled ? words.disable : words.enable)}
            </button>
          )}
          <button type="button" onClick={onResetPin}>
            {t(words.resetPin)}
          </button>
        </td>
      )}
    </tr>
  );
}

/** Two hidden PIN fields the officer fills in; cleared once sent, whatever the answer. */
function usePinPair() {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  return {
    pin,
    again,
    setPin,
    setAgain,
    clear: () => {
      setPin('');
      setAgain('');
    },
  };
}

/** A hidden PIN field: typed by the officer, never shown. */
function PinInput({
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
    <label>
      {t(label)}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={128}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

function PinFields({ pair }: { pair: ReturnType<typeof usePinPair> }) {
  return (
    <>
      <PinInput label={words.pin} value={pair.pin} onChange={pair.setPin} />
      <PinInput label={words.pinAgain} value={pair.again} onChange={pair.setAgain} />
    </>
  );
}

function AddOfficer({
  onAdd,
  onDiffer,
}: {
  onAdd(input: { username: string; name: string; role: UserRole; secret: string }): Promise<boolean>;
  onDiffer(): void;
}) {
  const t = useText();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('officer');
  const pins = usePinPair();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const secret = pins.pin;
    const differ = pins.again !== secret;
    pins.clear();
    if (differ) return onDiffer();
    void onAdd({ username, name, role, secret }).then((added) => {
      if (!added) return;
      setUsername('');
      setName('');
    });
  };
  return (
    <form className="add-officer inline-form" data-testid="add-officer" onSubmit={submit}>
      <h3>{t(words.addTitle)}</h3>
      <label>
        {t(texts.username)}
        <input
          value={username}
          maxLength={40}
          autoComplete="off"
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label>
        {t(words.name)}
        <input value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        {t(words.role)}
        <select value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
          {userRoles.map((id) => (
            <option key={id} value={id}>
              {t(roleNames[id])}
            </option>
          ))}
        </select>
      </label>
      <PinFields pair={pins} />
      <button type="submit">{t(words.add)}</button>
      <p className="quiet">{t(words.pinByOfficer)}</p>
    </form>
  );
}

/** The admin hands the screen over; the officer types the new PIN twice, unseen. */
function PinHandover({
  officer,
  onSave,
  onCancel,
  onDiffer,
}: {
  officer: OfficerAccountView;
  onSave(secret: string): Promise<boolean>;
  onCancel(): void;
  onDiffer(): void;
}) {
  const t = useText();
  const pins = usePinPair();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const secret = pins.pin;
    const differ = pins.again !== secret;
    pins.clear();
    if (differ) onDiffer();
    else void onSave(secret);
  };
  return (
    <form className="pin-handover" data-testid="pin-handover" onSubmit={submit}>
      <p>
        <strong>
          {t(words.handOver)} {officer.name} ({officer.username}).
        </strong>
      </p>
      <p>
        {officer.name}, {t(words.typeNewPin)}
      </p>
      <div className="inline-form">
        <PinFields pair={pins} />
        <button type="submit">{t(words.savePin)}</button>
        <button type="button" onClick={onCancel}>
          {t(words.cancel)}
        </button>
      </div>
    </form>
  );
}
