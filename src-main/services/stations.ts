import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LoketError } from '../domain/errors.ts';
import type { Station, StationMode } from '../store/stations.ts';
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
  input: { name: string; mode: StationMode },
): { station: Station; token: string } {
  const name = input.name.trim();
  if (!name || name.length > 80) {
    throw new LoketError('INVALID_INPUT', {
      id: 'Nama stasiun harus 1–80 karakter.',
      en: 'A station name must be 1–80 characters.',
    });
  }
  const token = randomBytes(32).toString('base64url');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const station: Station = { id: randomUUID(), name, mode: input.mode, createdAt: at, revokedAt: null };
    ctx.store.stations.add({ ...station, tokenHash: hashToken(token) });
    ctx.store.events.append({
      type: 'station.paired',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { station: { id: station.id, name, mode: input.mode } },
    });
    return { station, token };
  });
}

/** The station a bearer token belongs to, or null for an unknown or revoked token. */
export function stationForToken(ctx: ServiceContext, token: string): Station | null {
  if (!token || token.length > 200) return null;
  return ctx.store.stations.findActiveByTokenHash(hashToken(token));
}
