import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCentralUser,
  blockMinutes,
  maxFailures,
  sessionOf,
  signInCentral,
  signOutCentral,
} from '../../src-main/central/national/users.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** Central migration 4: the national page's users, sessions and failed sign-ins (issue 25). */
let db: TestDatabase;
let store: CentralStore;
const analyst = {
  username: 'ditjen.analis',
  name: 'Analis Ditjen Imigrasi',
  password: 'paspor-nasional-2026',
};

beforeAll(async () => {
  db = await freshDatabase('migration4');
  store = new CentralStore(db.url);
  await store.migrate();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'signed in',
    (error: { code?: string }) => error.code,
  );

describe('central migration 4: users, sessions, failed sign-ins', () => {
  it('keeps a scrypt hash, never the password, and refuses a bad user the same way each time', async () => {
    await addCentralUser(store, analyst);
    const row = (await store.pool.query('SELECT password_hash FROM central_users')).rows[0];
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(analyst.password);
    await expect(addCentralUser(store, analyst)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await expect(addCentralUser(store, { ...analyst, username: 'Bad Name' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      addCentralUser(store, { ...analyst, username: 'pendek', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await codeOf(signInCentral(store, 'nobody.here', analyst.password))).toBe('WRONG_PASSWORD');
  });

  it(`holds a name after ${maxFailures} failures in a row, even with the right password, for ${blockMinutes} minutes`, async () => {
    const t0 = Date.parse('2026-12-07T09:00:00+07:00');
    for (let i = 0; i < maxFailures; i += 1)
      expect(await codeOf(signInCentral(store, analyst.username, 'salah-lagi-salah', t0 + i))).toBe(
        'WRONG_PASSWORD',
      );
    expect(await codeOf(signInCentral(store, analyst.username, analyst.password, t0 + 60_000))).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    const later = t0 + (blockMinutes + 1) * 60_000;
    const token = await signInCentral(store, analyst.username, analyst.password, later);
    expect(await sessionOf(store, token, later + 1)).toEqual({
      username: analyst.username,
      name: analyst.name,
    });
    // Only the token's hash is stored.
    const stored = (await store.pool.query('SELECT token_hash FROM central_sessions')).rows.map(
      (r) => r.token_hash,
    );
    expect(stored).not.toContain(token);
    // A session ends when it is signed out, and on its own after its hours.
    expect(await sessionOf(store, token, later + 13 * 3_600_000)).toBeNull();
    await signOutCentral(store, token);
    expect(await sessionOf(store, token, later + 2)).toBeNull();
  });
});
