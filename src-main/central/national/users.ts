import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CentralError, type CentralStore } from '../store.ts';

/**
 * The national page's users (migration 4): added from the command line with a password hashed by
 * scrypt, signed in with a session cookie whose token only the browser holds (the store keeps its
 * SHA-256), and refused for a while after too many failed sign-ins in a row.
 */
export const maxFailures = 5;
export const blockMinutes = 15;
export const sessionHours = 12;

const scryptParams = { N: 16384, r: 8, p: 1 };

function scryptHash(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, scryptParams, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptHash(password, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const given = await scryptHash(password, Buffer.from(salt, 'base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function addCentralUser(
  store: CentralStore,
  input: { username: string; name: string; password: string },
): Promise<void> {
  if (!/^[a-z0-9._-]{3,40}$/.test(input.username))
    throw new CentralError(400, 'INVALID_INPUT', {
      id: 'Nama pengguna 3–40 huruf kecil, angka, titik, garis bawah atau tanda hubung.',
      en: 'A username is 3–40 lower-case letters, digits, dots, underscores or hyphens.',
    });
  if (!input.name.trim() || input.name.length > 100)
    throw new CentralError(400, 'INVALID_INPUT', {
      id: 'Nama harus diisi (paling banyak 100 huruf).',
      en: 'The name is required (at most 100 characters).',
    });
  if (input.password.length < 10 || input.password.length > 200)
    throw new CentralError(400, 'INVALID_INPUT', {
      id: 'Kata sandi paling sedikit 10 karakter.',
      en: 'The password must have at least 10 characters.',
    });
  const added = await store.pool.query(
    'INSERT INTO central_users (username, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [input.username, input.name.trim(), await hashPassword(input.password)],
  );
  if (added.rowCount !== 1)
    throw new CentralError(409, 'USER_EXISTS', {
      id: `Pengguna ${input.username} sudah ada.`,
      en: `User ${input.username} already exists.`,
    });
}

export interface CentralSession {
  username: string;
  name: string;
}

/**
 * Checks a username and password: answers a new session token, or refuses (a wrong pair, or a name
 * waiting after too many failures, said the same way for a name that does not exist).
 */
export async function signInCentral(
  store: CentralStore,
  username: string,
  password: string,
  now: number = Date.now(),
): Promise<string> {
  const failures = await store.pool.query<{ failures: number; blocked_until: Date | null }>(
    'SELECT failures, blocked_until FROM central_sign_in_failures WHERE username = $1',
    [username],
  );
  const blockedUntil = failures.rows[0]?.blocked_until;
  if (blockedUntil && blockedUntil.getTime() > now)
    throw new CentralError(429, 'TOO_MANY_ATTEMPTS', {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah ${blockMinutes} menit.`,
      en: `Too many failed sign-ins. Try again after ${blockMinutes} minutes.`,
    });
  const user = await store.pool.query<{ password_hash: string }>(
    'SELECT password_hash FROM central_users WHERE username = $1',
    [username],
  );
  const stored = user.rows[0]?.password_hash;
  // A name that does not exist costs the same scrypt as one that does.
  const ok = await passwordMatches(password, stored ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
  if (!stored || !ok) {
    // Failures count in a row within the block's length of each other; a name held longer ago
    // starts again. Names that failed longer ago than that and are not held are forgotten, so
    // guessing at names cannot grow the table past what a quarter of an hour's guesses write.
    await store.pool.query(
      `INSERT INTO central_sign_in_failures AS f (username, failures, blocked_until, last_failed_at)
       VALUES ($1, 1, NULL, to_timestamp($3 / 1000.0))
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN f.last_failed_at < to_timestamp($3 / 1000.0) - $4 * interval '1 minute'
           THEN 1 ELSE f.failures + 1 END,
         blocked_until = CASE WHEN f.last_failed_at >= to_timestamp($3 / 1000.0) - $4 * interval '1 minute'
             AND f.failures + 1 >= $2
           THEN to_timestamp($3 / 1000.0) + $4 * interval '1 minute' ELSE NULL END,
         last_failed_at = to_timestamp($3 / 1000.0)`,
      [username, maxFailures, now, blockMinutes],
    );
    await store.pool.query(
      `DELETE FROM central_sign_in_failures
       WHERE last_failed_at < to_timestamp($1 / 1000.0) - $2 * interval '1 minute'
         AND (blocked_until IS NULL OR blocked_until < to_timestamp($1 / 1000.0))`,
      [now, blockMinutes],
    );
    throw new CentralError(401, 'WRONG_PASSWORD', {
      id: 'Nama pengguna atau kata sandi salah.',
      en: 'Wrong username or password.',
    });
  }
  await store.pool.query('DELETE FROM central_sign_in_failures WHERE username = $1', [username]);
  const token = randomBytes(32).toString('base64url');
  await store.pool.query(
    `INSERT INTO central_sessions (token_hash, username, expires_at)
     VALUES ($1, $2, to_timestamp($3 / 1000.0) + $4 * interval '1 hour')`,
    [tokenHash(token), username, now, sessionHours],
  );
  await store.pool.query('DELETE FROM central_sessions WHERE expires_at < to_timestamp($1 / 1000.0)', [now]);
  return token;
}

export async function sessionOf(
  store: CentralStore,
  token: string | undefined,
  now: number = Date.now(),
): Promise<CentralSession | null> {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await store.pool.query<{ username: string; name: string }>(
    `SELECT u.username, u.name FROM central_sessions s JOIN central_users u ON u.username = s.username
     WHERE s.token_hash = $1 AND s.expires_at > to_timestamp($2 / 1000.0)`,
    [tokenHash(token), now],
  );
  return row.rows[0] ?? null;
}

export async function signOutCentral(store: CentralStore, token: string | undefined): Promise<void> {
  if (token) await store.pool.query('DELETE FROM central_sessions WHERE token_hash = $1', [tokenHash(token)]);
}
