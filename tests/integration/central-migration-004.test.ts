import { describe, expect, it } from 'vitest';
import {
  addCentralUser,
  blockMinutes,
  maxFailures,
  sessionOf,
  signInCentral,
  signOutCentral,
} from '../../src-main/central/national/users.ts';
import { analyst, codeOf, migratedCentralStore } from '../support/centralUsers.ts';

/** Central migration 4: the national page's users, sessions and failed sign-ins (issue 25). */
const central = migratedCentralStore('migration4');

describe('central migration 4: users, sessions, failed sign-ins', () => {
  it('keeps a scrypt hash, never the password, and refuses a bad user the same way each time', async () => {
    await addCentralUser(central.store, analyst);
    const row = (await central.store.pool.query('SELECT password_hash FROM central_users')).rows[0];
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(analyst.password);
    await expect(addCentralUser(central.store, analyst)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await expect(addCentralUser(central.store, { ...analyst, username: 'Bad Name' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      addCentralUser(central.store, { ...analyst, username: 'pendek', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await codeOf(signInCentral(central.store, 'nobody.here', analyst.password))).toBe(
      'WRONG_PASSWORD',
    );
  });

  it(`holds a name after ${maxFailures} failures in a row, even with the right password, for ${blockMinutes} minutes`, async () => {
    const t0 = Date.parse('2026-12-07T09:00:00+07:00');
    for (let i = 0; i < maxFailures; i += 1)
      expect(await codeOf(signInCentral(central.store, analyst.username, 'salah-lagi-salah', t0 + i))).toBe(
        'WRONG_PASSWORD',
      );
    expect(await codeOf(signInCentral(central.store, analyst.username, analyst.password, t0 + 60_000))).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    const later = t0 + (blockMinutes + 1) * 60_000;
    const token = await signInCentral(central.store, analyst.username, analyst.password, later);
    expect(await sessionOf(central.store, token, later + 1)).toEqual({
      username: analyst.username,
      name: analyst.name,
    });
    // Only the token's hash is stored.
    const stored = (await central.store.pool.query('SELECT token_hash FROM central_sessions')).rows.map(
      (r) => r.token_hash,
    );
    expect(stored).not.toContain(token);
    // A session ends when it is signed out, and on its own after its hours.
    expect(await sessionOf(central.store, token, later + 13 * 3_600_000)).toBeNull();
    await signOutCentral(central.store, token);
    expect(await sessionOf(central.store, token, later + 2)).toBeNull();
  });
});
