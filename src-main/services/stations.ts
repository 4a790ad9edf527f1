import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { hubConfirmation, pairingProof, sameSecret } from './pairingProof.ts';
import { LoketError } from '../domain/errors.ts';
import { counterOf } from '../domain/floor.ts';
import type { Station } from '../store/stations.ts';
import type { StationMode } from '../domain/roles.ts';
import type { Caller, ServiceContext } from './context.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Pairs a station with the floor: it gets an id and a secret token, shown once. The hub keeps only
 * the token's hash.
 */
export function addStation(
  ctx: ServiceContext,
  caller: Caller,
  input: { name: string; mode: StationMode; counter?: number | undefined },
): { station: Station; token: string } {
  const name = input.name.trim();
  if (input.mode === 'counter' && input.counter === undefined)
    throw new LoketError('INVALID_INPUT', {
      id: `Stasiun loket perlu nomor loket (${counterNumbers(ctx)}): nomor itu yang ditampilkan papan.`,
      en: `A counter station needs its desk number (${counterNumbers(ctx)}): the board shows that number.`,
    });
  if (!hasDesk(input.mode) && input.counter !== undefined)
    throw new LoketError('INVALID_INPUT', {
      id: 'Hanya stasiun loket dan stasiun survei kepuasan yang punya nomor loket.',
      en: 'Only a counter station and a satisfaction-survey station have a desk number.',
    });
  if (!name || name.length > 80) {
    throw new LoketError('INVALID_INPUT', {
      id: 'Nama stasiun harus 1–80 karakter.',
      en: 'A station name must be 1–80 characters.',
    });
  }
  const token = randomBytes(32).toString('base64url');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const counter =
      input.counter === undefined
        ? null
        : input.mode === 'counter'
          ? freeDesk(ctx, input.counter, null)
          : deskOfFloor(ctx, input.counter);
    const station: Station = {
      id: randomUUID(),
      name,
      mode: input.mode,
      createdAt: at,
      revokedAt: null,
      counter,
    };
    ctx.store.stations.add({ ...station, tokenHash: hashToken(token) });
    ctx.store.events.emit({
      type: 'station.paired',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { station: { id: station.id, name, mode: input.mode } },
    });
    if (counter !== null) emitCounterSet(ctx, caller, station, counter, at);
    return { station, token };
  });
}

const counterNumbers = (ctx: ServiceContext): string =>
  ctx.store.office
    .get()
    .floor.counters.map((c) => c.number)
    .join(', ');

/**
 * A counter station serves its desk; a feedback station stands at a desk's exit (any number of
 * them may, and they share it with the counter station there).
 */
const hasDesk = (mode: StationMode): boolean => mode === 'counter' || mode === 'feedback';

/** A desk of the floor's configuration. */
function deskOfFloor(ctx: ServiceContext, counter: number): number {
  if (!counterOf(ctx.store.office.get().floor, counter))
    throw new LoketError('INVALID_INPUT', {
      id: `Loket ${counter} tidak ada di konfigurasi kantor (${counterNumbers(ctx)}).`,
      en: `The office has no counter ${counter} (${counterNumbers(ctx)}).`,
    });
  return counter;
}

/** A desk of the floor's configuration that no other active counter station has. */
function freeDesk(ctx: ServiceContext, counter: number, stationId: string | null): number {
  deskOfFloor(ctx, counter);
  const there = ctx.store.stations.atCounter(counter);
  if (there && there.id !== stationId)
    throw new LoketError('CONFLICT', {
      id: `Loket ${counter} sudah dipakai stasiun "${there.name}". Cabut atau pindahkan stasiun itu dahulu.`,
      en: `Counter ${counter} already belongs to station "${there.name}". Revoke or move that station first.`,
    });
  return counter;
}

function emitCounterSet(ctx: ServiceContext, caller: Caller, station: Station, counter: number, at: number) {
  ctx.store.events.emit({
    type: 'station.counterSet',
    at,
    actor: caller.actor,
    station: caller.stationId,
    payload: { station: { id: station.id, name: station.name, mode: station.mode }, counter },
  });
}

/**
 * Fixes a counter station's desk number (the supervisor's Stations panel, `loket station counter`):
 * officers who sign in there serve that desk, and the board sends citizens to it. Not while an
 * officer is signed in at the station.
 */
export function setStationCounter(
  ctx: ServiceContext,
  caller: Caller,
  input: { stationId: string; counter: number },
): Station {
  return ctx.store.transaction(() => {
    const station = ctx.store.stations.find(input.stationId);
    if (!station || station.revokedAt !== null)
      throw new LoketError('NOT_FOUND', {
        id: 'Stasiun tidak ada atau sudah dicabut.',
        en: 'No such station, or it was revoked.',
      });
    if (!hasDesk(station.mode))
      throw new LoketError('INVALID_INPUT', {
        id: 'Hanya stasiun loket dan stasiun survei kepuasan yang punya nomor loket.',
        en: 'Only a counter station and a satisfaction-survey station have a desk number.',
      });
    if (station.counter === input.counter) return station;
    if (station.mode === 'counter') freeDesk(ctx, input.counter, station.id);
    else deskOfFloor(ctx, input.counter);
    if (ctx.store.officers.sessionAtStation(station.id))
      throw new LoketError('CONFLICT', {
        id: 'Seorang petugas masih masuk di stasiun ini. Minta ia keluar dahulu.',
        en: 'An officer is still signed in at this station. Ask them to sign out first.',
      });
    ctx.store.stations.setCounter(station.id, input.counter);
    emitCounterSet(ctx, caller, station, input.counter, ctx.clock.now());
    return { ...station, counter: input.counter };
  });
}

/** Every station of the floor, for the supervisor's Stations panel, and the hub's fingerprint. */
export function floorStations(ctx: ServiceContext): {
  fingerprint: string | null;
  stations: Station[];
} {
  return { fingerprint: ctx.hubFingerprint ?? null, stations: ctx.store.stations.list() };
}

/**
 * A new station with its first pairing code, as `loket station add` makes it, for the supervisor
 * screen: only the code is shown (the set-up screen trades it for the token), never a token.
 */
export function addStationWithCode(
  ctx: ServiceContext,
  caller: Caller,
  input: { name: string; mode: StationMode; counter?: number | undefined },
): { station: Station; code: string; expiresAt: number; fingerprint: string | null } {
  return ctx.store.transaction(() => {
    const { station } = addStation(ctx, caller, input);
    return { station, ...issuePairingCode(ctx, caller, station.id), fingerprint: ctx.hubFingerprint ?? null };
  });
}

/**
 * Revokes a station: its token and browser sessions stop working at once, and the event stream it
 * holds open is cut (`station.revoked`). Answers false for an unknown or already revoked station.
 */
export function revokeStation(ctx: ServiceContext, caller: Caller, id: string): boolean {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    if (!ctx.store.stations.revoke(id, at)) return false;
    ctx.store.events.emit({
      type: 'station.revoked',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { id },
    });
    return true;
  });
}

/** The station a bearer token belongs to, or null for an unknown or revoked token. */
export function stationForToken(ctx: ServiceContext, token: string): Station | null {
  if (!token || token.length > 200) return null;
  return ctx.store.stations.findActiveByTokenHash(hashToken(token));
}

/** How long a browser stays signed in as its station; revoking the station ends it sooner. */
export const browserSessionDays = 90;

/**
 * Signs a browser in as a station: the station's token is sent once in a request body, and the
 * browser gets a session secret of its own (kept in an HttpOnly cookie), so the long-lived token
 * never sits in a URL, a bookmark or the browser's history.
 */
export function openBrowserSession(
  ctx: ServiceContext,
  token: string,
  mode?: StationMode,
): { station: Station; secret: string; expiresAt: number } {
  const station = stationForToken(ctx, token);
  if (!station) {
    throw new LoketError('UNAUTHORIZED', {
      id: 'Token stasiun salah atau sudah dicabut.',
      en: 'Wrong or revoked station token.',
    });
  }
  // A counter's token typed at a kiosk page opens nothing: that browser is a public screen.
  if (mode && station.mode !== mode) {
    throw new LoketError(
      'FORBIDDEN',
      {
        id: 'Token ini untuk stasiun jenis lain, bukan untuk halaman ini. Tidak ada sesi yang dibuka.',
        en: 'This token is for another kind of station, not this page. No session was opened.',
      },
      { mode: station.mode, expected: mode },
    );
  }
  const secret = randomBytes(32).toString('base64url');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const expiresAt = at + browserSessionDays * 24 * 60 * 60 * 1000;
    ctx.store.stations.addSession({
      secretHash: hashToken(secret),
      stationId: station.id,
      createdAt: at,
      expiresAt,
    });
    ctx.store.events.emit({
      type: 'station.signedIn',
      at,
      actor: station.id,
      station: station.id,
      payload: { station: { id: station.id, name: station.name, mode: station.mode }, via: 'browser' },
    });
    return { station, secret, expiresAt };
  });
}

export function stationForSession(ctx: ServiceContext, secret: string): Station | null {
  if (!secret || secret.length > 200) return null;
  return ctx.store.stations.findActiveBySessionHash(hashToken(secret), ctx.clock.now());
}

export function endBrowserSession(ctx: ServiceContext, secret: string): void {
  if (!secret || secret.length > 200) return;
  ctx.store.transaction(() => ctx.store.stations.endSession(hashToken(secret), ctx.clock.now()));
}

/** How long a pairing code shown on the hub stays good. */
export const pairingCodeMinutes = 15;

// No 0/O, 1/I/L: the code is read off one screen and typed on another.
const pairingAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `k7qf m2xd p9rt`, `K7QF-M2XD-P9RT` and `K7QFM2XDP9RT` are the same code. */
export function normalisePairingCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A one-time code a station types to join the floor: twelve characters from an unambiguous
 * alphabet in groups of four (31^12 ≈ 7.9 × 10^17), good once, for fifteen minutes. Wrong codes are
 * limited per address only (one address cannot lock the floor out), so the width is what keeps
 * guessing hopeless even from many addresses. Only its hash is kept.
 */
export function issuePairingCode(
  ctx: ServiceContext,
  caller: Caller,
  stationId: string,
): { code: string; expiresAt: number } {
  const station = ctx.store.stations.find(stationId);
  if (!station || station.revokedAt !== null) {
    throw new LoketError('NOT_FOUND', {
      id: 'Stasiun tidak ada atau sudah dicabut.',
      en: 'No such station, or it was revoked.',
    });
  }
  const characters = Array.from({ length: 12 }, () => pairingAlphabet[randomInt(pairingAlphabet.length)]);
  const code = [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const expiresAt = at + pairingCodeMinutes * 60 * 1000;
    ctx.store.stations.addPairing({
      codeHash: hashToken(normalisePairingCode(code)),
      stationId,
      createdAt: at,
      expiresAt,
    });
    ctx.store.events.emit({
      type: 'station.pairingIssued',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { station: { id: station.id, name: station.name, mode: station.mode }, expiresAt },
    });
    return { code, expiresAt };
  });
}

const refusedCode = (): LoketError =>
  new LoketError('UNAUTHORIZED', {
    id: 'Kode pasangan salah, sudah dipakai, atau kedaluwarsa. Minta kode baru di hub.',
    en: 'Wrong, used or expired pairing code. Ask the hub for a new one.',
  });

/**
 * Redeems a pairing code: the station gets a fresh token (any token issued before stops working),
 * which the joining machine keeps. A wrong, used or expired code changes nothing.
 */
export function redeemPairingCode(ctx: ServiceContext, code: string): { station: Station; token: string } {
  const normalised = normalisePairingCode(code);
  if (!/^[A-Z0-9]{12}$/.test(normalised)) throw refusedCode();
  return redeemPairing(ctx, hashToken(normalised));
}

/**
 * Redeems the code a TLS station proved it holds for the certificate it saw (`pairingProof`): the
 * hub tries its own certificate's fingerprint with each code still outstanding. A proof made for
 * another certificate (a man in the middle) matches none and burns nothing. `keyOf` derives (and
 * may remember) each code's key. Answers, besides the token, the hub's confirmation.
 */
export async function redeemPairingProof(
  ctx: ServiceContext,
  proof: string,
  fingerprint: string,
  keyOf: (codeHash: string) => Promise<Buffer>,
): Promise<{ station: Station; token: string; confirmation: string }> {
  for (const codeHash of ctx.store.stations.outstandingPairings(ctx.clock.now())) {
    const key = await keyOf(codeHash);
    if (!sameSecret(pairingProof(key, fingerprint), proof)) continue;
    const { station, token } = redeemPairing(ctx, codeHash);
    return { station, token, confirmation: hubConfirmation(key, fingerprint, token) };
  }
  throw refusedCode();
}

function redeemPairing(ctx: ServiceContext, codeHash: string): { station: Station; token: string } {
  const token = randomBytes(32).toString('base64url');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const stationId = ctx.store.stations.claimPairing(codeHash, at);
    const station = stationId ? ctx.store.stations.find(stationId) : null;
    if (!station) throw refusedCode();
    ctx.store.stations.setTokenHash(station.id, hashToken(token));
    ctx.store.events.emit({
      type: 'station.joined',
      at,
      actor: station.id,
      station: station.id,
      payload: { station: { id: station.id, name: station.name, mode: station.mode } },
    });
    return { station, token };
  });
}
