import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AttemptLimiter } from '../domain/attempts.ts';
import { LoketError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { redeemPairingCode } from '../services/stations.ts';

const pairInput = z.object({ code: z.string().min(1).max(40) }).strict();

/** Wrong codes allowed per address, and across the whole floor, in ten minutes. */
export const pairingLimits = { perAddress: 5, perFloor: 30, windowMs: 10 * 60 * 1000 };

/**
 * `POST /pair {"code": "K7QF-M2XD"}`: a station joining the floor trades the one-time code shown on
 * the hub (or printed by `loket station add`) for its station token. The only call without a
 * token, so wrong codes are limited per address and for the floor as a whole.
 */
export function servePairing(app: FastifyInstance, ctx: ServiceContext): void {
  const perAddress = new AttemptLimiter(pairingLimits.perAddress, pairingLimits.windowMs);
  const perFloor = new AttemptLimiter(pairingLimits.perFloor, pairingLimits.windowMs);

  app.post('/pair', async (request, reply) => {
    const now = ctx.clock.now();
    const address = request.ip;
    const until = Math.max(perAddress.blockedUntil(address, now) ?? 0, perFloor.blockedUntil('*', now) ?? 0);
    if (until > now) {
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
    const input = pairInput.safeParse(request.body);
    if (!input.success) {
      throw new LoketError('INVALID_INPUT', {
        id: 'Kirim kode pasangan sebagai {"code": "…"}.',
        en: 'Send the pairing code as {"code": "…"}.',
      });
    }
    try {
      const { station, token } = redeemPairingCode(ctx, input.data.code);
      perAddress.succeed(address);
      return { station: { id: station.id, name: station.name, mode: station.mode }, token };
    } catch (error) {
      perAddress.fail(address, now);
      perFloor.fail('*', now);
      throw error;
    }
  });
}
