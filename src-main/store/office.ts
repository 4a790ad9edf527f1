import type { Db } from './db.ts';
import { defaultOfficeConfig, officeConfigSchema, type OfficeConfig } from '../domain/office.ts';

/** The one row of office configuration; the defaults stand until somebody changes them. */
export class OfficeRepository {
  private readonly select;
  private readonly upsert;
  private cached: { json: string; config: OfficeConfig } | null = null;

  constructor(db: Db) {
    this.select = db.prepare('SELECT config FROM office_config WHERE id = 1').pluck();
    this.upsert = db.prepare(
      `INSERT INTO office_config (id, config, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
    );
  }

  get(): OfficeConfig {
    const json = this.select.get() as string | undefined;
    if (json === undefined) return defaultOfficeConfig;
    // Another process (the CLI beside a running hub) may have changed it: compare the text.
    if (this.cached?.json !== json)
      this.cached = { json, config: officeConfigSchema.parse(JSON.parse(json)) };
    return this.cached.config;
  }

  save(config: OfficeConfig, at: number): void {
    this.upsert.run(JSON.stringify(config), at);
  }
}
