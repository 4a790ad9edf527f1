import { describe, expect, it } from 'vitest';
import {
  addCentralUser,
  blockMinutes,
  maxFailures,
  signInCentral,
} from '../../src-main/central/national/users.ts';
import { analyst, codeOf, migratedCentralStore } from '../support/centralUsers.ts';

/**
 * Central migration 6: failed sign-ins remember when they last failed. Guessing at names on the
 * national page must not grow the table without end, and failures far apart are not "in a row".
 */
const central = migratedCentralStore('migration6');
const minute = 60_000;
const rows = async () =>
  (
    await central.store.pool.query<{ username: string }>(
      'SELECT username FROM central_sign_in_failures ORDER BY 1',
    )
  ).rows.map((r) => r.username);

describe('central migration 6: failed sign-ins are forgotten after the block', () => {
  it('keeps the failures a database of migration 5 held, then forgets the names nobody tries any more', async () => {
    // The table as migration 4 made it, with names guessed at before migration 6.
    await central.store.pool.query(
      'DROP INDEX central_sign_in_failures_last; ALTER TABLE central_sign_in_failures DROP COLUMN last_failed_at',
    );
    await central.store.pool.query('DELETE FROM central_migrations WHERE version = 6');
    await central.store.pool.query(
      "INSERT INTO central_sign_in_failures (username, failures, blocked_until) VALUES ('admin', 3, NULL), ('root', 1, NULL)",
    );
    expect(await central.store.migrate()).toBe(1);
    expect(await rows()).toEqual(['admin', 'root']);

    // Someone guesses at 200 names; a quarter of an hour later one more guess forgets them all.
    const t0 = Date.now() + 60 * minute;
    for (let i = 0; i < 200; i += 1)
      expect(await codeOf(signInCentral(central.store, `tebakan${i}`, 'apa-saja-123', t0 + i))).toBe(
        'WRONG_PASSWORD',
      );
    // The two names from before migration 6 went at the first guess: their last failure counts
    // from the migration, an hour before.
    expect((await rows()).length).toBe(200);
    const later = t0 + (blockMinutes + 1) * minute;
    expect(await codeOf(signInCentral(central.store, 'satu.lagi', 'apa-saja-123', later))).toBe(
      'WRONG_PASSWORD',
    );
    expect(await rows()).toEqual(['satu.lagi']);
  }, 120_000);

  it('holds a name only for failures in a row, not for failures spread over hours', async () => {
    await addCentralUser(central.store, analyst);
    const t0 = Date.now() + 3 * 60 * minute;
    // One failure every 20 minutes, more than the limit: never held, and the right password works.
    for (let i = 0; i < maxFailures + 2; i += 1)
      expect(
        await codeOf(
          signInCentral(central.store, analyst.username, 'salah-lagi-salah', t0 + i * 20 * minute),
        ),
      ).toBe('WRONG_PASSWORD');
    // One more a minute after the last is its second in a row, not its eighth.
    const last = t0 + (maxFailures + 1) * 20 * minute;
    expect(
      await codeOf(signInCentral(central.store, analyst.username, 'salah-lagi-salah', last + minute)),
    ).toBe('WRONG_PASSWORD');
    const after = last + 2 * minute;
    expect(await codeOf(signInCentral(central.store, analyst.username, analyst.password, after))).toBe(
      'signed in',
    );
    // Failures in a row still hold it, and a held name is kept while it is held.
    for (let i = 0; i < maxFailures; i += 1)
      expect(
        await codeOf(signInCentral(central.store, analyst.username, 'salah-lagi-salah', after + i)),
      ).toBe('WRONG_PASSWORD');
    expect(
      await codeOf(signInCentral(central.store, 'orang.lain', 'apa-saja-123', after + 10 * minute)),
    ).toBe('WRONG_PASSWORD');
    expect(await rows()).toContain(analyst.username);
    expect(
      await codeOf(signInCentral(central.store, analyst.username, analyst.password, after + 10 * minute)),
    ).toBe('TOO_MANY_ATTEMPTS');
  }, 120_000);
});
