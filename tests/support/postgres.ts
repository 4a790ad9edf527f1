import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A real PostgreSQL for the central store's tests: the server `.ci/run` starts on loopback
 * (scripts/provision.sh makes the `loket` role, which may create databases). Each caller gets a
 * database of its own, dropped again by `drop`. `LOKET_TEST_POSTGRES` names another server.
 */
export const adminUrl = process.env.LOKET_TEST_POSTGRES ?? 'postgres://loket:loket@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshDatabase(label = 'central'): Promise<TestDatabase> {
  const name = `loket_${label}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
