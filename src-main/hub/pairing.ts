import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AttemptLimiter } from '../domain/attempts.ts';
import { LoketError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { pairingKey } from '../services/pairingProof.ts';
import { redeemPairingCode, redeemPairingProof } from '../services/stations.ts';
import { tokenlessBodyLimit } from './bodies.ts';

const pairInput = z.object({ code: z.string().min(1).max(40) }).strict();
const proofInput = z.object({ proof: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict();

/**
 * Wrong codes allowed per address in ten minutes. No floor-wide limit: one attacker could then lock
 * the IT person out of pairing; the code's width keeps guessing from many addresses hopeless.
 */
export const pairingLimits = { perAddress: 5, windowMs: 10 * 60 * 1000 };

/**
 * `POST /pair {"code": "K7QF-M2XD-P9RT"}`: a station joining the floor trades the one-time code shown on
 * the hub (or printed by `loket station add`) for its station token. The only call without a
 * token, so wrong codes are limited per address.
 *
 * Over TLS (`fingerprint` is the hub's certificate's) the code itself never travels: the station
 * sends `{"proof"}`, the code's key over the certificate it saw (src-main/services/pairingProof.ts),
 * and gets the token with the hub's fingerprint and confirmation, which it checks before pinning.
 */
export function servePairing(app: FastifyInstance, ctx: ServiceContext, fingerprint: string | null): void {
  // A code's key costs an scrypt: derived once per code while it is outstanding.
  const keys = new Map<string, Promise<Buffer>>();
  const keyOf = (codeHash: string) => {
    let key = keys.get(codeHash);
    if (!key) {
      if (keys.size > 1000) keys.clear();
      key = pairingKey(codeHash);
      keys.set(codeHash, key);
    }
    return key;
  };
  const perAddress = new AttemptLimiter(pairingLimits.perAddress, pairingLimits.windowMs);

  app.post('/pair', { bodyLimit: tokenlessBodyLimit }, async (request, reply) => {
    const now = ctx.clock.now();
    const address = request.ip;
    const until = perAddress.blockedUntil(address, now);
    if (until !== null && until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      reply.header('retry-after', String(seconds));
      throw new LoketError(
        'TOO_MANY_ATTEMPTS',
        {
          id: `Terlalu banyak kode salah. Coba lagi dalam ${Math.ceil(seconds / 60)} menit.`,
          en: `Too many wrong codes. Try again in ${Math.ceil(seconds / 60)} minutes.`,
        },
        { retryAfterSeconds: seconds },
      );
    }
    const input = (fingerprint ? proofInput : pairInput).safeParse(request.body);
    if (!input.success) {
      throw new LoketError(
        'INVALID_INPUT',
        fingerprint
          ? {
              id: 'Hub ini memakai TLS: kirim bukti kode pasangan sebagai {"proof": "…"}, bukan kodenya.',
              en: 'This hub uses TLS: send the pairing code\'s proof as {"proof": "…"}, not the code.',
            }
          : {
              id: 'Kirim kode pasangan sebagai {"code": "…"}.',
              en: 'Send the pairing code as {"code": "…"}.',
            },
      );
    }
    try {
      const answer =
        fingerprint && 'proof' in input.data
          ? await redeemPairingProof(ctx, input.data.proof, fingerprint, keyOf)
          : redeemPairingCode(ctx, (input.data as { code: string }).code);
      perAddress.succeed(address);
      const { station, token } = answer;
      return {
        station: { id: station.id, name: station.name, mode: station.mode },
        token,
        ...('confirmation' in answer ? { hub: { fingerprint, confirmation: answer.confirmation } } : {}),
      };
    } catch (error) {
      perAddress.fail(address, now);
      throw error;
    }
  });
}
