import type { Migration } from './index.ts';

/**
 * The hourly biometric purge looks for applications handed over past the retention that still hold
 * sealed images. It walked every application ever handed over (a year's floor: some 200,000, about
 * a second of write lock every hour, with nothing left to purge); this partial index holds only the
 * images not purged yet, so the purge reads those alone. Nothing on check-in's path.
 */
export const sealedBiometrics: Migration = {
  version: 23,
  name: 'sealed_biometrics',
  up(db) {
    db.exec(
      'CREATE INDEX biometric_images_sealed ON biometric_images (application_id) WHERE purged_at IS NULL',
    );
  },
};
