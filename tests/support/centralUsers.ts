import { afterAll, beforeAll } from 'vitest';
import { CentralStore } from '../../src-main/central/store.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';

/** The national page's analyst the sign-in tests add. */
export const analyst = {
  username: 'ditjen.analis',
  name: 'Analis Ditjen Imigrasi',
  password: 'paspor-nasional-2026',
};

/** A central store on a throwaway database, migrated before the file's tests and dropped after. */
export function migratedCentralStore(label: string): { store: CentralStore } {
  const handle = {} as { store: CentralStore; db: TestDatabase };
  beforeAll(async () => {
    handle.db = await freshDatabase(label);
    handle.store = new CentralStore(handle.db.url);
    await handle.store.migrate();
  }, 60_000);
  afterAll(async () => {
    await handle.store?.close();
    await handle.db?.drop();
  });
  return handle;
}

/** What a sign-in came to: `signed in`, or its error's code. */
export const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'signed in',
    (error: { code?: string }) => error.code,
  );
