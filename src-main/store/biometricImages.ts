import type { Db } from './db.ts';

export const biometricKinds = ['fingerprint', 'face', 'exception_photo'] as const;
export type BiometricKind = (typeof biometricKinds)[number];

/** An image as sealed by the biometric vault: never the plain bytes. */
export interface SealedImage {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export interface BiometricImageRecord {
  id: string;
  applicationId: string;
  kind: BiometricKind;
  /** The finger (`Right IndexFinger`), `face`, or the finger an exception photo shows. */
  position: string;
  /** `iso19794-4` for a fingerprint record, `jpeg` for photos. */
  format: string;
  quality: number | null;
  /** Capture metadata kept in the clear beside the image: device, attempt, hash, checks. */
  meta: Record<string, unknown>;
  byteLength: number;
  capturedAt: number;
  capturedBy: string | null;
  purgedAt: number | null;
}

interface ImageRow {
  id: string;
  application_id: string;
  kind: BiometricKind;
  position: string;
  format: string;
  quality: number | null;
  meta: string;
  key_id: string;
  byte_length: number;
  iv: Buffer | null;
  tag: Buffer | null;
  ciphertext: Buffer | null;
  captured_at: number;
  captured_by: string | null;
  purged_at: number | null;
}

const fromRow = (row: ImageRow): BiometricImageRecord => ({
  id: row.id,
  applicationId: row.application_id,
  kind: row.kind,
  position: row.position,
  format: row.format,
  quality: row.quality,
  meta: JSON.parse(row.meta) as Record<string, unknown>,
  byteLength: row.byte_length,
  capturedAt: row.captured_at,
  capturedBy: row.captured_by,
  purgedAt: row.purged_at,
});

/** Biometric images, sealed; the vault (services/biometricVault.ts) seals and opens them. */
export class BiometricImageRepository {
  private readonly insertStmt;
  private readonly byId;
  private readonly ofApplication;
  private readonly purgeStmt;
  private readonly purgeOneStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO biometric_images (id, application_id, kind, position, format,
        quality, meta, key_id, byte_length, iv, tag, ciphertext, captured_at, captured_by)
      VALUES (@id, @applicationId, @kind, @position, @format, @quality, @meta, @keyId, @byteLength, @iv, @tag,
        @ciphertext, @capturedAt, @capturedBy)`);
    this.byId = db.prepare('SELECT * FROM biometric_images WHERE id = ?');
    this.ofApplication = db.prepare(
      'SELECT * FROM biometric_images WHERE application_id = ? ORDER BY captured_at, rowid',
    );
    this.purgeStmt = db.prepare(`UPDATE biometric_images SET iv = NULL, tag = NULL, ciphertext = NULL,
        purged_at = @at WHERE application_id = @applicationId AND purged_at IS NULL`);
    this.purgeOneStmt = db.prepare(`UPDATE biometric_images SET iv = NULL, tag = NULL, ciphertext = NULL,
        purged_at = @at WHERE id = @id AND purged_at IS NULL`);
  }

  add(record: Omit<BiometricImageRecord, 'purgedAt'>, sealed: SealedImage): void {
    this.insertStmt.run({ ...record, meta: JSON.stringify(record.meta), ...sealed });
  }

  find(id: string): { record: BiometricImageRecord; sealed: SealedImage | null } | null {
    const row = this.byId.get(id) as ImageRow | undefined;
    if (!row) return null;
    const sealed =
      row.iv && row.tag && row.ciphertext
        ? { keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext }
        : null;
    return { record: fromRow(row), sealed };
  }

  ofApplicationId(applicationId: string): BiometricImageRecord[] {
    return (this.ofApplication.all(applicationId) as ImageRow[]).map(fromRow);
  }

  /** Empties one image (a photo retaken, a finger captured again better). */
  purgeImage(id: string, at: number): void {
    this.purgeOneStmt.run({ id, at });
  }

  /** Empties an application's sealed images; the rows stay as the record of what was taken. */
  purge(applicationId: string, at: number): number {
    return this.purgeStmt.run({ applicationId, at }).changes;
  }
}
