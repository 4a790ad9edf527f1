import type { Db } from './db.ts';
import { defaultOfficeConfig, officeConfigSchema, type OfficeConfig } from '../domain/office.ts';
import { LoketError } from '../domain/errors.ts';

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

  /**
   * The configuration in force. A stored row that is not valid (edited behind the hub's back, a
   * damaged file) is `INVALID_CONFIG` naming the bad fields and the way out, never a raw error.
   */
  get(): OfficeConfig {
    const json = this.select.get() as string | undefined;
    if (json === undefined) return defaultOfficeConfig;
    // Another process (the CLI beside a running hub) may have changed it: compare the text.
    if (this.cached?.json !== json) {
      const parsed = officeConfigSchema.safeParse(this.rawOf(json));
      if (!parsed.success)
        throw brokenConfig(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
      this.cached = { json, config: parsed.data };
    }
    return this.cached.config;
  }

  /** The stored configuration as it is, valid or not (null: not JSON), for mending it field by field. */
  raw(): unknown {
    const json = this.select.get() as string | undefined;
    return json === undefined ? defaultOfficeConfig : this.rawOf(json);
  }

  private rawOf(json: string): unknown {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      return null;
    }
  }

  save(config: OfficeConfig, at: number): void {
    this.upsert.run(JSON.stringify(config), at);
  }
}

function brokenConfig(problems: string[]): LoketError {
  const detail = problems.join('; ');
  return new LoketError(
    'CONFIG_DAMAGED',
    {
      id: `Konfigurasi kantor yang tersimpan rusak (${detail}). Perbaiki dengan \`loket office set KUNCI=NILAI --data DIR\`, atau pulihkan dari cadangan di DIR/backups dengan \`loket restore\`.`,
      en: `The stored office configuration is damaged (${detail}). Mend it with \`loket office set KEY=VALUE --data DIR\`, or restore a backup from DIR/backups with \`loket restore\`.`,
    },
    { problems },
  );
}
