import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** The central store's schema, made by the service itself on a real PostgreSQL (issue 25). */
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('migrations');
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('central migration 1: offices, cursors, monthly event partitions', () => {
  it('runs once even when several central processes start together', async () => {
    const stores = [new CentralStore(db.url), new CentralStore(db.url), new CentralStore(db.url)];
    try {
      const ran = await Promise.all(stores.map((s) => s.migrate()));
      expect(ran.reduce((a, b) => a + b, 0)).toBe(centralMigrations.length);
      expect(await stores[0]!.migrate()).toBe(0);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const tables = (
        await client.query(
          "SELECT relname, relkind FROM pg_class WHERE relname LIKE 'central_%' AND relkind IN ('r', 'p') ORDER BY relname",
        )
      ).rows.map((r) => `${r.relname}:${r.relkind}`);
      // The events table is partitioned (p); a month's partition is made by the first ingest of it.
      // Migration 1's tables (later migrations add their own, tested in their files).
      expect(tables).toEqual(
        expect.arrayContaining([
          'central_cursors:r',
          'central_events:p',
          'central_migrations:r',
          'central_offices:r',
        ]),
      );
      const key = (
        await client.query(
          "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'central_events'::regclass AND contype = 'p'",
        )
      ).rows[0].def;
      expect(key).toBe('PRIMARY KEY (office, seq, at)');
    } finally {
      await client.end();
    }
  });

  it('refuses an office code that is not 2–10 capital letters or digits, and one registered twice', async () => {
    const store = new CentralStore(db.url);
    try {
      await expect(store.addOffice('dps', 'Denpasar')).rejects.toThrow(/capital/);
      await store.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar');
      await expect(store.addOffice('DPS', 'Again')).rejects.toThrow(/already registered/);
      expect((await store.offices()).map((o) => o.code)).toEqual(['DPS']);
    } finally {
      await store.close();
    }
  });
});
