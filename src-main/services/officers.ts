import { randomUUID } from 'node:crypto';
import type { AttemptLimiter } from '../domain/attempts.ts';
import { LoketError } from '../domain/errors.ts';
import { counterOf } from '../domain/floor.ts';
import type { OfficerSession, User } from '../store/officers.ts';
import type { Station } from '../store/stations.ts';
import { modeNames, roleNames, type StationMode, type UserRole } from '../domain/roles.ts';
import type { Caller, ServiceContext } from './context.ts';
import { hashSecret, secretMatches, secretProblem, type PinHash } from './pins.ts';

/** The officer acting at a station, as operations see them. */
export interface Officer {
  user: User;
  session: OfficerSession;
}

/** Who may sign in at which kind of station. */
export const rolesAtStation: Record<StationMode, readonly UserRole[]> = {
  kiosk: [],
  display: [],
  counter: ['officer', 'supervisor'],
  print: ['print_operator', 'supervisor'],
  supervisor: ['supervisor', 'admin'],
  helpdesk: ['officer', 'supervisor'],
  feedback: [],
};

const usernamePattern = /^[a-z0-9._-]{2,40}$/;

function refused(id: string, en: string): LoketError {
  return new LoketError('INVALID_INPUT', { id, en });
}

function checkedName(raw: string): string {
  const name = raw.trim();
  if (!name) throw refused('Nama wajib diisi.', 'A name is required.');
  if (name.length > 80) throw refused('Nama paling banyak 80 karakter.', 'A name has at most 80 characters.');
  return name;
}

/** A new PIN under the one policy (`secretProblem`), hashed; the PIN itself goes no further. */
function newPin(secret: string): PinHash {
  const problem = secretProblem(secret);
  if (problem) throw new LoketError('INVALID_INPUT', problem);
  return hashSecret(secret);
}

/** The officer an event names as having made an account change: null for the command line. */
function changedBy(ctx: ServiceContext, caller: Caller) {
  const by = ctx.store.officers.user(caller.actor);
  return by ? { id: by.id, name: by.name, role: by.role } : null;
}

export function addUser(
  ctx: ServiceContext,
  caller: Caller,
  input: { username: string; name: string; role: UserRole; secret: string },
): User {
  const username = input.username.trim().toLowerCase();
  if (!usernamePattern.test(username))
    throw refused(
      'Nama pengguna 2–40 karakter: huruf kecil, angka, titik, tanda hubung atau garis bawah.',
      'A username is 2–40 lower-case letters, digits, dots, dashes or underscores.',
    );
  const name = checkedName(input.name);
  const pin = newPin(input.secret);
  return ctx.store.transaction(() => {
    if (ctx.store.officers.userNamed(username))
      throw new LoketError('CONFLICT', {
        id: `Nama pengguna ${username} sudah dipakai.`,
        en: `The username ${username} is already taken.`,
      });
    const at = ctx.clock.now();
    const user: User = {
      id: randomUUID(),
      username,
      name,
      role: input.role,
      pinSalt: pin.salt,
      pinHash: pin.hash,
      createdAt: at,
      updatedAt: at,
      disabledAt: null,
    };
    ctx.store.officers.addUser(user);
    ctx.store.events.emit({
      type: 'user.added',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { user: { id: user.id, username, name, role: user.role }, by: changedBy(ctx, caller) },
    });
    return user;
  });
}

const isActiveAdmin = (user: User) => user.role === 'admin' && user.disabledAt === null;

/**
 * Changes a user's name, role or PIN, or disables or enables them; disabling, a new role and a new
 * PIN end their sessions, and a new PIN lifts a lockout from wrong PINs. An admin may not disable
 * themself or change their own role, and the floor keeps at least one active admin.
 */
export function changeUser(
  ctx: ServiceContext,
  caller: Caller,
  username: string,
  changes: { name?: string; role?: UserRole; secret?: string; enabled?: boolean },
): User {
  const pin = changes.secret !== undefined ? newPin(changes.secret) : null;
  return ctx.store.transaction(() => {
    const user = ctx.store.officers.userNamed(username.trim().toLowerCase());
    if (!user)
      throw new LoketError('NOT_FOUND', {
        id: `Tidak ada pengguna ${username}.`,
        en: `No user ${username}.`,
      });
    const at = ctx.clock.now();
    const name = changes.name === undefined ? user.name : checkedName(changes.name);
    const changed: User = {
      ...user,
      name,
      role: changes.role ?? user.role,
      pinSalt: pin?.salt ?? user.pinSalt,
      pinHash: pin?.hash ?? user.pinHash,
      updatedAt: at,
      disabledAt:
        changes.enabled === undefined ? user.disabledAt : changes.enabled ? null : (user.disabledAt ?? at),
    };
    if (user.id === caller.actor && changed.disabledAt !== null)
      throw new LoketError('CONFLICT', {
        id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
        en: 'You cannot disable your own account.',
      });
    if (user.id === caller.actor && changed.role !== user.role)
      throw new LoketError('CONFLICT', {
        id: 'Anda tidak dapat mengubah peran Anda sendiri.',
        en: 'You cannot change your own role.',
      });
    if (
      isActiveAdmin(user) &&
      !isActiveAdmin(changed) &&
      !ctx.store.officers.users().some((other) => other.id !== user.id && isActiveAdmin(other))
    )
      throw new LoketError('CONFLICT', {
        id: `${user.username} adalah satu-satunya admin aktif; tambahkan admin lain terlebih dahulu.`,
        en: `${user.username} is the only active admin; add another admin first.`,
      });
    ctx.store.officers.saveUser(changed);
    if (changed.disabledAt !== null || pin || changed.role !== user.role)
      signedOutEverywhere(ctx, caller, user, at);
    if (pin) ctx.store.signInFailures.write(user.username, []);
    ctx.store.events.emit({
      type: 'user.changed',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        user: { id: user.id, username: user.username, name, role: changed.role },
        disabled: changed.disabledAt !== null,
        pinChanged: pin !== null,
        previousRole: user.role,
        by: changedBy(ctx, caller),
      },
    });
    return changed;
  });
}

/**
 * A session ended: a counter it held closes, unless it still serves a ticket (the next officer
 * there takes it up), and `officer.signedOut` tells counters and the console at once.
 */
function closeSession(ctx: ServiceContext, session: OfficerSession, at: number, actor: string): void {
  if (session.counter !== null && !ctx.store.queue.atCounter(session.counter))
    ctx.store.queue.setCounterState(session.counter, 'closed', at, session.userId);
  ctx.store.events.emit({
    type: 'officer.signedOut',
    at,
    actor,
    station: session.stationId,
    payload: { officer: { id: session.userId }, counter: session.counter },
  });
}

/** Ends the officer's sessions as a sign-out would, the admin who changed the account named. */
function signedOutEverywhere(ctx: ServiceContext, caller: Caller, user: User, at: number): void {
  for (const session of ctx.store.officers.endSessionsOf(user.id, at))
    closeSession(ctx, session, at, caller.actor);
}

/** An officer's account as the console lists it: never the PIN or its hash. */
export interface OfficerAccount {
  username: string;
  name: string;
  role: UserRole;
  enabled: boolean;
  /** When they last signed in at any station (epoch ms), null if never. */
  lastSignInAt: number | null;
}

export function officerAccounts(ctx: ServiceContext): OfficerAccount[] {
  const lastSignIns = ctx.store.officers.lastSignIns();
  return ctx.store.officers.users().map((user) => ({
    username: user.username,
    name: user.name,
    role: user.role,
    enabled: user.disabledAt === null,
    lastSignInAt: lastSignIns.get(user.id) ?? null,
  }));
}

const wrongCredentials = () =>
  new LoketError('UNAUTHORIZED', {
    id: 'Nama pengguna atau PIN salah.',
    en: 'Wrong username or PIN.',
  });

let dummy: PinHash | null = null;

/** A PIN hash no secret is known to match, made once: what an unknown username is checked against. */
function dummyPin(): PinHash {
  dummy ??= hashSecret(randomUUID());
  return dummy;
}

/**
 * The user a username and PIN name, counted against the username's wrong tries: five wrong PINs
 * in five minutes lock it out for the rest of them (at sign-in and at a supervisor's approval).
 */
export function checkCredentials(
  ctx: ServiceContext & { signInAttempts?: AttemptLimiter },
  rawUsername: string,
  secret: string,
): User {
  const username = rawUsername.trim().toLowerCase();
  const now = ctx.clock.now();
  const until = ctx.signInAttempts?.blockedUntil(username, now) ?? null;
  if (until !== null) {
    const minutes = Math.ceil((until - now) / 60000);
    throw new LoketError(
      'TOO_MANY_ATTEMPTS',
      {
        id: `Terlalu banyak PIN salah. Coba lagi dalam ${minutes} menit.`,
        en: `Too many wrong PINs. Try again in ${minutes} minutes.`,
      },
      { retryAfterSeconds: Math.ceil((until - now) / 1000) },
    );
  }
  const user = ctx.store.officers.userNamed(username);
  // An unknown username costs the same scrypt as a known one: the answer's time names no one.
  const matches = secretMatches(secret, user ? { salt: user.pinSalt, hash: user.pinHash } : dummyPin());
  if (!user || user.disabledAt !== null || !matches) {
    ctx.signInAttempts?.fail(username, now);
    throw wrongCredentials();
  }
  ctx.signInAttempts?.succeed(username);
  return user;
}

/**
 * The desk a counter station serves: the number the hub fixed for it, never one a sign-in chooses
 * (a station "Loket 4" signed in as desk 2 would send citizens to the wrong desk). A sign-in that
 * names another desk is refused.
 */
function deskOf(ctx: ServiceContext, station: Station, named: number | undefined): number {
  const fixed = ctx.store.stations.find(station.id)?.counter ?? null;
  const office = ctx.store.office.get();
  if (fixed === null || !counterOf(office.floor, fixed))
    throw new LoketError('INVALID_INPUT', {
      id: 'Nomor loket stasiun ini belum ditetapkan. Minta supervisor menetapkannya di panel Stasiun.',
      en: "This station's desk number is not set. Ask a supervisor to set it in the Stations panel.",
    });
  if (named !== undefined && named !== fixed)
    throw new LoketError('CONFLICT', {
      id: `Stasiun ini adalah loket ${fixed}, bukan loket ${named}.`,
      en: `This station is counter ${fixed}, not counter ${named}.`,
    });
  return fixed;
}

/**
 * An officer signs in at a station: a counter serves the desk the hub fixed for it. Five wrong PINs for a
 * username in five minutes lock it out for the rest of them. Whoever was signed in at this station
 * before is signed out.
 */
export function signIn(
  ctx: ServiceContext & { signInAttempts?: AttemptLimiter },
  station: Station,
  input: { username: string; secret: string; counter?: number | undefined },
  client: string | null = null,
): Officer {
  const user = checkCredentials(ctx, input.username, input.secret);
  if (!rolesAtStation[station.mode].includes(user.role))
    throw new LoketError('FORBIDDEN', {
      id: `${roleNames[user.role].id} tidak dapat masuk di stasiun ${modeNames[station.mode].id}.`,
      en: `A ${roleNames[user.role].en.toLowerCase()} cannot sign in at a ${modeNames[station.mode].en} station.`,
    });
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    let counter: number | null = null;
    if (station.mode === 'counter') {
      counter = deskOf(ctx, station, input.counter);
      const there = ctx.store.officers.sessionAtCounter(counter);
      if (there && there.stationId !== station.id && there.userId !== user.id)
        throw new LoketError('CONFLICT', {
          id: `Loket ${counter} sedang dipakai petugas lain.`,
          en: `Counter ${counter} is in use by another officer.`,
        });
      if (there) ctx.store.officers.endSession(there.id, at, 'moved');
    }
    const previous = ctx.store.officers.sessionAtStation(station.id);
    if (previous) ctx.store.officers.endSession(previous.id, at, 'replaced');
    const session: OfficerSession = {
      id: randomUUID(),
      userId: user.id,
      stationId: station.id,
      counter,
      startedAt: at,
      lastActiveAt: at,
      client,
    };
    ctx.store.officers.openSession(session);
    if (counter !== null) {
      const serving = ctx.store.queue.atCounter(counter);
      ctx.store.queue.setCounterState(counter, serving ? 'serving' : 'available', at, user.id);
    }
    ctx.store.events.emit({
      type: 'officer.signedIn',
      at,
      actor: user.id,
      station: station.id,
      payload: { officer: { id: user.id, name: user.name, role: user.role }, counter },
    });
    return { user, session };
  });
}

/**
 * The officer acting at this station, for an operation that needs one of `roles`. A session idle
 * for longer than the office's lock time is locked until the officer's PIN unlocks it. Writes
 * nothing: the caller counts the officer's activity (`touchOfficer`) only once the operation has
 * run, so a refused call leaves the session as it was.
 */
export function requireOfficer(
  ctx: ServiceContext,
  station: Station,
  roles: readonly UserRole[],
  client: string | null = null,
): Officer {
  const session = sessionOf(ctx, station, client);
  const user = session ? ctx.store.officers.user(session.userId) : null;
  if (!session || !user || user.disabledAt !== null)
    throw new LoketError('OFFICER_REQUIRED', {
      id: 'Masuk sebagai petugas terlebih dahulu.',
      en: 'Sign in as an officer first.',
    });
  const now = ctx.clock.now();
  const idleMinutes = ctx.store.office.get().floor.idleLockMinutes;
  if (now - session.lastActiveAt > idleMinutes * 60_000)
    throw new LoketError('LOCKED', {
      id: 'Layar terkunci. Masukkan PIN Anda.',
      en: 'The screen is locked. Enter your PIN.',
    });
  if (!roles.includes(user.role))
    throw new LoketError('FORBIDDEN', {
      id: `${roleNames[user.role].id} tidak boleh melakukan ini.`,
      en: `A ${roleNames[user.role].en.toLowerCase()} may not do this.`,
    });
  return { user, session };
}

/** What the officer did keeps their session open: recorded after the operation ran, never before. */
export function touchOfficer(ctx: ServiceContext, officer: Officer): void {
  ctx.store.officers.touch(officer.session.id, ctx.clock.now());
}

/**
 * The officer's session at this station, seen from one client of it: the client that signed them
 * in (a browser's session, the desktop program) and no other. Another browser opened with the
 * station's token, or the bare token, sees no officer there.
 */
export function sessionOf(
  ctx: ServiceContext,
  station: Station,
  client: string | null,
): OfficerSession | null {
  const session = ctx.store.officers.sessionAtStation(station.id);
  return session && session.client === client ? session : null;
}

/** The signed-in officer unlocks an idle-locked session with their PIN, from the client they signed in on. */
export function unlock(
  ctx: ServiceContext & { signInAttempts?: AttemptLimiter },
  station: Station,
  secret: string,
  client: string | null = null,
): Officer {
  const session = sessionOf(ctx, station, client);
  const user = session ? ctx.store.officers.user(session.userId) : null;
  if (!session || !user)
    throw new LoketError('OFFICER_REQUIRED', {
      id: 'Masuk sebagai petugas terlebih dahulu.',
      en: 'Sign in as an officer first.',
    });
  return signIn(
    ctx,
    station,
    { username: user.username, secret, counter: session.counter ?? undefined },
    client,
  );
}

/** The officer signs out, from the client they signed in on (another client has no officer to end). */
export function signOut(ctx: ServiceContext, station: Station, client: string | null = null): void {
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const session = sessionOf(ctx, station, client);
    if (!session) return;
    if (session.counter !== null && ctx.store.queue.atCounter(session.counter))
      throw new LoketError('CONFLICT', {
        id: 'Selesaikan, tahan, atau alihkan tiket yang sedang dilayani dahulu.',
        en: 'Finish, hold or transfer the ticket you are serving first.',
      });
    ctx.store.officers.endSession(session.id, at, 'signed_out');
    closeSession(ctx, session, at, session.userId);
  });
}
