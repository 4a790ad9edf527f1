import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A real PostgreSQL for the central store's tests and benchmark: the server `.ci/run` starts on
 * loopback (scripts/postgres.sh makes the `loket` role, which may create databases). Each caller
 * gets a database of its own, dropped again by `drop`. `LOKET_TEST_POSTGRES` names another server.
 */
export const adminUrl = process.env.LOKET_TEST_POSTGRES ?? 'postgres://loket:loket@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function run(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database named `loket_<label>_<random>` on the server `admin` names. */
export async function freshDatabase(label = 'central', admin = adminUrl): Promise<TestDatabase> {
  const name = `loket_${label}_${randomBytes(6).toString('hex')}`;
  await run(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => dropDatabase(admin, name) };
}

/**
 * Drops a database, whoever is still in it. FORCE ends other sessions, but not the server's own
 * autovacuum worker on a table just written, for a role that is not a superuser (error 42501). A
 * plain DROP tells that worker to stop and waits for it in the server (up to 5 s, then "is being
 * accessed by other users"), so it is asked again, without a pause of ours, until a deadline.
 */
async function dropDatabase(admin: string, name: string): Promise<void> {
  try {
    await run(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await run(admin, `DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (again) {
      if (Date.now() > deadline) throw again;
    }
  }
}
