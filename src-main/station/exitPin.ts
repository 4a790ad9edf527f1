import { AttemptLimiter } from '../domain/attempts.ts';
import { LoketError } from '../domain/errors.ts';
import { hashSecret, secretMatches, type PinHash } from '../services/pins.ts';

export type { PinHash } from '../services/pins.ts';

/** A supervisor exit PIN: 6 to 12 digits. */
export const pinPattern = /^\d{6,12}$/;

export function hashPin(pin: string): PinHash {
  if (!pinPattern.test(pin)) throw new Error('a PIN is 6 to 12 digits');
  return hashSecret(pin);
}

export function pinMatches(pin: string, stored: PinHash): boolean {
  return pinPattern.test(pin) && secretMatches(pin, stored);
}

/**
 * The door out of a public station: the supervisor PIN, with five wrong tries allowed in five
 * minutes before the door stays shut until the oldest ages out.
 */
export class ExitGuard {
  private readonly attempts = new AttemptLimiter(5, 5 * 60 * 1000);

  constructor(private readonly stored: PinHash) {}

  /** True when the PIN opens the door; a refusal says why in both languages. */
  check(pin: string, now: number): true {
    const until = this.attempts.blockedUntil('exit', now);
    if (until !== null) {
      const minutes = Math.ceil((until - now) / 60000);
      throw new LoketError('TOO_MANY_ATTEMPTS', {
        id: `Terlalu banyak PIN salah. Coba lagi dalam ${minutes} menit.`,
        en: `Too many wrong PINs. Try again in ${minutes} minutes.`,
      });
    }
    if (!pinMatches(pin, this.stored)) {
      this.attempts.fail('exit', now);
      throw new LoketError('UNAUTHORIZED', { id: 'PIN salah.', en: 'Wrong PIN.' });
    }
    this.attempts.succeed('exit');
    return true;
  }
}
