import { describe, expect, it } from 'vitest';
import { ExitGuard, hashPin, pinMatches } from '../../../src-main/station/exitPin.ts';

describe('the supervisor exit PIN', () => {
  it('is kept as a salted scrypt hash that only the same PIN matches', () => {
    const stored = hashPin('246810');
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(hashPin('246810').salt).not.toBe(stored.salt);
    expect(pinMatches('246810', stored)).toBe(true);
    expect(pinMatches('246811', stored)).toBe(false);
    expect(pinMatches('', stored)).toBe(false);
    expect(pinMatches('2468100000000000', stored)).toBe(false);
    expect(() => hashPin('1234')).toThrow(/6 to 12 digits/);
  });

  it('refuses every try after five wrong ones in five minutes, the right PIN too, until they age out', () => {
    const guard = new ExitGuard(hashPin('246810'));
    const start = 1_000_000;
    for (let i = 0; i < 5; i += 1) expect(() => guard.check('000000', start + i * 1000)).toThrow(/Wrong PIN/);
    expect(() => guard.check('246810', start + 10_000)).toThrow(/Too many wrong PINs/);
    expect(() => guard.check('246810', start + 4 * 60_000)).toThrow(/Try again in 1 minutes/);
    // The first failure ages out five minutes after it happened.
    expect(guard.check('246810', start + 5 * 60_000 + 1)).toBe(true);
  });

  it('forgets earlier failures once the right PIN is entered', () => {
    const guard = new ExitGuard(hashPin('246810'));
    for (let i = 0; i < 4; i += 1) expect(() => guard.check('000000', i)).toThrow(/Wrong PIN/);
    expect(guard.check('246810', 10)).toBe(true);
    for (let i = 0; i < 4; i += 1) expect(() => guard.check('000000', 20 + i)).toThrow(/Wrong PIN/);
    expect(guard.check('246810', 30)).toBe(true);
  });
});
